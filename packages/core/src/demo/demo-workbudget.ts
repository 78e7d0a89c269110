// Demo data of the workbudget (setup/seed command only, never production):
// the 2017 budget of the documents, this year's budget, the return norms,
// and requests of several teams in every stage — all made through the use
// cases, so the ledger and the audit log are exactly what real use gives.
import { defineAbilityFor } from "@wijkwerk/authz";
import { and, budgets, eq, municipalities, teams, users, type Database } from "@wijkwerk/db";
import {
  createBudget,
  saveNorm,
  approveSpend,
  createSpendDraft,
  endorseSpend,
  evaluateSpend,
  recordPayment,
  rejectSpend,
  requestSpendInfo,
  settleSpend,
  submitSpend,
  type SpendDraftInput,
} from "../workbudget";
import type { UseCaseContext } from "../common";
import { loadGrants } from "../accounts";

const meta = { ip: null, userAgent: "demo-seed" };

export async function contextFor(db: Database, email: string, teamSlug?: string): Promise<UseCaseContext> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  const loaded = await loadGrants(db, u.id);
  if (!loaded) throw new Error(`demo user ${email} missing`);
  const actor = { userId: u.id, municipalityId: u.municipalityId, email: u.email, name: u.name };
  const base = { db, actor, grants: loaded.grants, ability: defineAbilityFor(loaded.grants), meta };
  if (!teamSlug) return { ...base, scope: { kind: "municipality", municipalityId: u.municipalityId, userId: u.id } };
  const [t] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.slug, teamSlug), eq(teams.municipalityId, u.municipalityId)));
  return { ...base, scope: { kind: "team", municipalityId: u.municipalityId, teamId: t.id, userId: u.id } };
}

export const DEMO_NORMS = [
  {
    code: "werk",
    label: "Werk gevonden of behouden",
    amountCents: 1_600_000,
    unit: "per persoon",
    source: "UWV, genoemd in de notitie sociale teams Maastricht 2017",
    isLocalEstimate: false,
  },
  {
    code: "huisuitzetting",
    label: "Huisuitzetting voorkomen",
    amountCents: 700_000,
    unit: "per huishouden",
    source: "Lokale schatting (opvang, schuldhulp, verhuizing); nog te onderbouwen door de controller",
    isLocalEstimate: true,
  },
  {
    code: "afsluiting_energie",
    label: "Afsluiting gas/stroom voorkomen",
    amountCents: 150_000,
    unit: "per huishouden",
    source: "Lokale schatting (heraansluiting, noodhulp); nog te onderbouwen",
    isLocalEstimate: true,
  },
  {
    code: "schooluitval",
    label: "Schooluitval voorkomen",
    amountCents: 500_000,
    unit: "per jongere",
    source: "Lokale schatting; nog te onderbouwen",
    isLocalEstimate: true,
  },
];

interface DemoSpend {
  team: string;
  amountCents: number;
  norm: string | null;
  draft: Omit<SpendDraftInput, "amountCents" | "normId">;
  stage: "draft" | "submitted" | "endorsed" | "info_requested" | "approved" | "rejected" | "paid" | "settled" | "evaluated" | "awaiting_second_approval";
}

const DEMO_SPENDS: DemoSpend[] = [
  {
    team: "mariaberg",
    amountCents: 18_950,
    norm: "werk",
    stage: "evaluated",
    draft: {
      purpose: "Werkschoenen en veiligheidskleding",
      supplier: "Bouwmarkt Maastricht",
      rationale: "Kan maandag beginnen in de bouw; bijzondere bijstand duurt drie weken.",
      problemPrevented: "Baan gaat verloren; schulden lopen verder op.",
      lifeDomains: ["werk_opleiding", "financien"],
      expectedSocialDomains: ["maatschappelijke_participatie"],
      expectedSocialReturn: "Dagritme, eigen inkomen.",
      residentRef: "MB-014",
    },
  },
  {
    team: "mariaberg",
    amountCents: 42_000,
    norm: "huisuitzetting",
    stage: "paid",
    draft: {
      purpose: "Achterstallige huur (één maand)",
      supplier: "Woningcorporatie",
      rationale: "Ontruimingsvonnis dreigt binnen twee weken; schuldhulp loopt nog.",
      problemPrevented: "Huisuitzetting van een gezin met twee kinderen.",
      lifeDomains: ["huisvesting", "financien"],
      expectedSocialDomains: ["huiselijke_relaties"],
      expectedSocialReturn: "Kinderen blijven op hun school.",
      residentRef: "MB-022",
    },
  },
  {
    team: "de-heeg",
    amountCents: 9_500,
    norm: "afsluiting_energie",
    stage: "approved",
    draft: {
      purpose: "Energierekening november",
      supplier: "Energieleverancier",
      rationale: "Afsluiting aangekondigd; aanvraag bijzondere bijstand loopt.",
      problemPrevented: "Afsluiting in de winter.",
      lifeDomains: ["financien", "huisvesting"],
      expectedSocialDomains: ["lichamelijke_gezondheid"],
      expectedSocialReturn: "Warm huis voor een oudere bewoner.",
      residentRef: "DH-003",
    },
  },
  {
    team: "wittevrouwenveld-wyckerpoort",
    amountCents: 6_450,
    norm: "afsluiting_energie",
    stage: "approved",
    draft: {
      purpose: "Waterrekening (achterstand)",
      supplier: "WML",
      rationale: "Afsluiting aangekondigd; de betalingsregeling met de schuldhulp start pas over drie weken.",
      problemPrevented: "Afsluiting van het water in een gezin met jonge kinderen.",
      lifeDomains: ["financien", "huisvesting"],
      expectedSocialDomains: ["lichamelijke_gezondheid"],
      expectedSocialReturn: "Gezin blijft thuis, geen crisisopvang nodig.",
      residentRef: "WW-014",
    },
  },
  {
    team: "daalhof",
    amountCents: 27_500,
    norm: "schooluitval",
    stage: "endorsed",
    draft: {
      purpose: "Laptop voor mbo-opleiding",
      supplier: "Computerwinkel",
      rationale: "Zonder laptop geen toegang tot lessen; regeling pas na de herfst.",
      problemPrevented: "Jongere haakt af van de opleiding.",
      lifeDomains: ["werk_opleiding"],
      expectedSocialDomains: ["tijdsbesteding"],
      expectedSocialReturn: "Opleiding afmaken.",
      residentRef: "DA-107",
    },
  },
  {
    team: "centrum",
    amountCents: 6_000,
    norm: null,
    stage: "submitted",
    draft: {
      purpose: "Busabonnement één maand",
      supplier: "Arriva",
      rationale: "Vervoer naar dagbesteding tot Wmo-vervoer geregeld is.",
      problemPrevented: "Terugval en isolement.",
      lifeDomains: ["maatschappelijke_participatie", "sociaal_netwerk"],
      expectedReturnCents: 0,
      customReturnJustification: "Geen financiële norm; sociaal rendement.",
      expectedSocialDomains: ["sociaal_netwerk"],
      expectedSocialReturn: "Blijft deelnemen aan dagbesteding.",
      residentRef: "CE-031",
    },
  },
  {
    team: "limmel-nazareth",
    amountCents: 15_000,
    norm: "werk",
    stage: "info_requested",
    draft: {
      purpose: "Rijlessen (deel)",
      supplier: "Rijschool",
      rationale: "Baanaanbod afhankelijk van rijbewijs.",
      problemPrevented: "Baan gaat naar een ander.",
      lifeDomains: ["werk_opleiding"],
      expectedSocialDomains: ["maatschappelijke_participatie"],
      expectedSocialReturn: "Zelfstandig inkomen.",
      residentRef: "LN-045",
    },
  },
  {
    team: "wittevrouwenveld-wyckerpoort",
    amountCents: 80_000,
    norm: "huisuitzetting",
    stage: "rejected",
    draft: {
      purpose: "Huurachterstand drie maanden",
      supplier: "Particuliere verhuurder",
      rationale: "Snelle betaling voorkomt ontruiming.",
      problemPrevented: "Ontruiming.",
      lifeDomains: ["huisvesting"],
      expectedSocialDomains: ["huiselijke_relaties"],
      expectedSocialReturn: "Gezin blijft wonen.",
      residentRef: "WW-012",
    },
  },
  {
    team: "malberg-malpertuis",
    amountCents: 120_000,
    norm: "werk",
    stage: "awaiting_second_approval",
    draft: {
      purpose: "Vakopleiding heftruckcertificaat",
      supplier: "Opleidingscentrum",
      rationale: "Werkgever neemt aan met certificaat; UWV-traject pas later.",
      problemPrevented: "Langdurige uitkering.",
      lifeDomains: ["werk_opleiding", "financien"],
      expectedSocialDomains: ["maatschappelijke_participatie"],
      expectedSocialReturn: "Vaste baan.",
      residentRef: "MM-008",
    },
  },
  {
    team: "caberg-bosscherveld",
    amountCents: 3_500,
    norm: null,
    stage: "draft",
    draft: {
      purpose: "Pasfoto's en legeskosten ID-kaart",
      supplier: "Gemeente",
      rationale: "Zonder ID geen inschrijving bij uitzendbureau.",
      problemPrevented: "",
      lifeDomains: ["werk_opleiding"],
      expectedSocialDomains: [],
      expectedSocialReturn: "",
      residentRef: "CB-019",
    },
  },
];

const ORDER = ["draft", "submitted", "endorsed", "approved", "paid", "settled", "evaluated"] as const;

export async function seedWorkbudgetDemo(db: Database, now = new Date()): Promise<{ created: boolean }> {
  const [m] = await db.select().from(municipalities).where(eq(municipalities.slug, "maastricht"));
  if (!m) return { created: false };
  const [existing] = await db.select().from(budgets).where(eq(budgets.municipalityId, m.id));
  if (existing) return { created: false };
  const controller = await contextFor(db, "controller@wijkwerk.demo");
  const year = now.getUTCFullYear();
  await createBudget(controller, { year: 2017, name: "Werkbudget sociale teams 2017", amountCents: 15_000_000 });
  if (year !== 2017) await createBudget(controller, { year, name: `Werkbudget sociale teams ${year}`, amountCents: 15_000_000 });
  const normIds = new Map<string, string>();
  for (const n of DEMO_NORMS) normIds.set(n.code, (await saveNorm(controller, null, n)).id);

  for (const s of DEMO_SPENDS) {
    const author = await contextFor(db, `member.${s.team}@wijkwerk.demo`, s.team);
    const coordinator = await contextFor(db, `coordinator.${s.team}@wijkwerk.demo`, s.team);
    const { id } = await createSpendDraft(
      author,
      {
        ...s.draft,
        amountCents: s.amountCents,
        normId: s.norm ? normIds.get(s.norm)! : null,
        neededOn: `${year}-${String(now.getUTCMonth() + 1).padStart(2, "0")}-01`,
      },
      now,
    );
    if (s.stage === "draft") continue;
    await submitSpend(author, id);
    if (s.stage === "info_requested") {
      await requestSpendInfo(controller, id, { comment: "Graag de offerte van de rijschool toevoegen." });
      continue;
    }
    if (s.stage === "rejected") {
      await rejectSpend(controller, id, { comment: "Hiervoor is de gemeentelijke huurschuldenregeling de juiste weg; aanvraag is doorgezet." });
      continue;
    }
    if (s.stage === "awaiting_second_approval") {
      await approveSpend(controller, id, { comment: "Eerste goedkeuring; boven de drempel." });
      continue;
    }
    const reached = ORDER.indexOf(s.stage as (typeof ORDER)[number]);
    if (reached >= ORDER.indexOf("endorsed")) await endorseSpend(coordinator, id, { comment: "Akkoord vanuit het team." });
    if (reached >= ORDER.indexOf("approved")) await approveSpend(controller, id, { comment: "Past binnen het doel van het werkbudget." });
    if (reached >= ORDER.indexOf("paid"))
      await recordPayment(controller, id, {
        amountCents: s.amountCents,
        paymentDate: now.toISOString().slice(0, 10),
        method: "bank_transfer",
        reference: `DEMO-${id.slice(0, 8)}`,
      });
    if (reached >= ORDER.indexOf("settled")) await settleSpend(controller, id, { actualCents: s.amountCents - 1_000 }, {}, now);
    if (reached >= ORDER.indexOf("evaluated"))
      await evaluateSpend(author, id, {
        prevented: "yes",
        realisedReturnCents: 1_600_000,
        realisedSocialReturn: "Werkt sinds twee maanden; vaste dagstructuur.",
        otherRegulationApplied: true,
        otherRegulation: "bijzondere_bijstand",
        otherRegulationAmountCents: s.amountCents,
        otherRegulationLeadDays: 21,
      });
  }
  return { created: true };
}
