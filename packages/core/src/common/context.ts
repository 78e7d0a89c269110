import type { AppAbility, Grants } from "@wijkwerk/authz";
import type { Database, Scope } from "@wijkwerk/db";

export interface Actor {
  userId: string;
  municipalityId: string;
  email: string;
  name: string;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** The request's id (the request log's, the 500 page's reference): recorded in the audit event's data. */
  requestId?: string | null;
}

/** What every use case gets: who acts, what they may do, and where. */
export interface UseCaseContext {
  db: Database;
  actor: Actor;
  grants: Grants;
  ability: AppAbility;
  scope: Scope;
  meta: RequestMeta;
}

export interface TeamContext extends UseCaseContext {
  team: { id: string; slug: string; name: string; municipalityId: string };
  scope: Extract<Scope, { kind: "team" }>;
}
