// Which case of a household a part of the file is about: the open one, or
// (after closing) the latest. Writes need the open case: closing is final for
// that case, and a new intake opens the next one.
import { queryRows, sql, type Tx } from "@wijkwerk/db";
import { DomainError } from "../common";
import type { LegalBasis } from "./vocabulary";

export interface CurrentCase {
  id: string;
  status: "open" | "closed";
  intakeOn: string;
  regisseurId: string;
  legalBasis: LegalBasis;
}

/** The household's open case, else its latest; null when it has none (RLS: only visible with a right). */
export async function currentCase(tx: Tx, householdId: string): Promise<CurrentCase | null> {
  const [row] = await queryRows<{ id: string; status: "open" | "closed"; intake_on: string; regisseur_id: string; legal_basis: LegalBasis }>(
    tx,
    sql`select id, status, intake_on::text as intake_on, regisseur_id, legal_basis from cases where household_id = ${householdId}
        order by (status = 'open') desc, intake_on desc, created_at desc limit 1`,
  );
  return row ? { id: row.id, status: row.status, intakeOn: row.intake_on, regisseurId: row.regisseur_id, legalBasis: row.legal_basis } : null;
}

/** The open case, for a change: 409 case_closed when the household has none open. */
export async function openCase(tx: Tx, householdId: string): Promise<CurrentCase> {
  const c = await currentCase(tx, householdId);
  if (!c || c.status !== "open") throw new DomainError("case_closed", 409);
  return c;
}
