// How the schema is laid out for a distributed PostgreSQL (Citus), in ONE place:
// the schema-rule test (test/schema-distribution.test.ts), the key generator
// (scripts/citus-keys.ts) and docs/scaling.md all use this list.
//
// Reference tables are small and shared: Citus copies them to every node, so a
// tenant table may point at them with an ordinary foreign key. Every other table
// in the public schema is a tenant (distributed) table, distributed by
// municipality_id: it carries municipality_id NOT NULL, and its primary key, each
// unique constraint or unique index, and each foreign key to another tenant table
// include municipality_id. A reference table has no foreign key to a tenant table.
// Reasons per table: docs/scaling.md ("Reference tables").

export const DISTRIBUTION_COLUMN = "municipality_id";

export const REFERENCE_TABLES = [
  /** The tenants themselves: every node needs them for the foreign keys. */
  "municipalities",
  /** Log-in by e-mail before the municipality is known; one account, one global e-mail address. */
  "users",
  /** Users point at them (users.partner_organisation_id), so they must be where users are. */
  "partner_organisations",
  /** The auth tables hang off users and are looked up by token, not by municipality. */
  "sessions",
  "recovery_codes",
  "password_reset_tokens",
  /** The job queue's schedule slots: a handful of rows for the whole platform. */
  "job_schedules",
  /** Stripe's event ids are global and an event for an unknown card has no municipality. */
  "stripe_events",
] as const;

export type ReferenceTable = (typeof REFERENCE_TABLES)[number];

export const isReferenceTable = (table: string): boolean => (REFERENCE_TABLES as readonly string[]).includes(table);
