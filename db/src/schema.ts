// The database schema. Tenant-owned tables carry team_id (NOT NULL) and
// municipality_id; their row-level security policies live in the custom
// migration db/migrations/0001_roles_rls_audit.sql (drizzle-kit emits no GRANTs).
//
// Distribution-ready keys (docs/scaling.md, db/src/distribution.ts): in the
// database every tenant table's primary key and its foreign keys to other tenant
// tables include municipality_id — PRIMARY KEY (id, municipality_id), FOREIGN KEY
// (team_id, municipality_id) REFERENCES teams (id, municipality_id). Migration
// 0056_citus_keys.sql (written by scripts/citus-keys.ts from the catalog) made them
// so with the SAME constraint names. This file still declares those primary and
// foreign keys on the single column (`.primaryKey()`, `.references(() => x.id)`):
// drizzle-kit's snapshot agrees with it, so `pnpm db:generate` prints no diff; the
// unique indexes and unique constraints here are the real ones. When you add a
// tenant table, give it municipality_id NOT NULL and declare its keys the real
// way (primaryKey({ columns: [t.id, t.municipalityId] }), foreignKey({ columns:
// [t.teamId, t.municipalityId], foreignColumns: [teams.id, teams.municipalityId] }));
// a single-column reference to a tenant table fails to migrate (no unique key on
// id alone), and test/schema-distribution.test.ts names any other breach.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const id = () =>
  uuid("id")
    .primaryKey()
    .default(sql`gen_random_uuid()`);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const fundingType = pgEnum("funding_type", ["subsidy", "service_agreement", "municipality"]);
export const teamRole = pgEnum("team_role", ["coordinator", "member", "volunteer"]);
export const scopeRole = pgEnum("scope_role", ["admin", "controller", "partner_manager", "researcher"]);

export const municipalities = pgTable("municipalities", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

/** Settings per municipality: which roles must use MFA, idle session timeout. */
export const municipalitySettings = pgTable("municipality_settings", {
  municipalityId: uuid("municipality_id")
    .primaryKey()
    .references(() => municipalities.id),
  mfaRequiredRoles: text("mfa_required_roles")
    .array()
    .notNull()
    .default(sql`ARRAY['admin','controller']::text[]`),
  idleTimeoutMinutes: integer("idle_timeout_minutes").notNull().default(60),
  /** How approved spends reach the resident: recorded by hand, or paid with the team's Stripe Issuing card. */
  disbursementMode: text("disbursement_mode").notNull().default("manual"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const teams = pgTable(
  "teams",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    activeFrom: date("active_from").notNull(),
    activeTo: date("active_to"),
    /** The team's resident pseudonyms are PREFIX-digits ("MB-014"); null: derived from the slug (packages/core/src/workbudget/resident-ref.ts). */
    residentRefPrefix: text("resident_ref_prefix"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("teams_municipality_slug").on(t.municipalityId, t.slug),
    check("teams_resident_ref_prefix_format", sql`${t.residentRefPrefix} ~ '^[A-Z]{1,5}$'`),
  ],
);

export const buurten = pgTable(
  "buurten",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    residents: integer("residents"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("buurten_municipality_name").on(t.municipalityId, t.name)],
);

/** Effective-dated: valid_from and valid_to both inclusive; valid_to NULL = still current. */
export const buurtAssignments = pgTable(
  "buurt_assignments",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    buurtId: uuid("buurt_id")
      .notNull()
      .references(() => buurten.id),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    createdAt: createdAt(),
  },
  (t) => [index("buurt_assignments_team").on(t.teamId), index("buurt_assignments_buurt").on(t.buurtId, t.validFrom)],
);

export const partnerOrganisations = pgTable(
  "partner_organisations",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    fundingType: fundingType("funding_type").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("partners_municipality_slug").on(t.municipalityId, t.slug)],
);

export const users = pgTable("users", {
  id: id(),
  municipalityId: uuid("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  partnerOrganisationId: uuid("partner_organisation_id").references(() => partnerOrganisations.id),
  discipline: text("discipline"),
  isActive: boolean("is_active").notNull().default(true),
  failedLoginCount: integer("failed_login_count").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  /** Base32 TOTP secret, sealed with AES-GCM by the app (MFA_ENCRYPTION_KEY). */
  totpSecretSealed: text("totp_secret_sealed"),
  totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
  /** Last accepted TOTP time step: a code is never accepted twice. */
  totpLastStep: integer("totp_last_step"),
  createdAt: createdAt(),
});

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** false between password and second factor. */
    mfaVerified: boolean("mfa_verified").notNull().default(false),
    lastActiveAt: timestamp("last_active_at", { withTimezone: true }).notNull().defaultNow(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user").on(t.userId)],
);

export const passwordResetTokens = pgTable("password_reset_tokens", {
  id: id(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * A membership is a period: from `valid_from` (inclusive) up to `valid_to`
 * (exclusive; NULL = open). It is never deleted — ending it sets `valid_to`;
 * rejoining later is a new row. Its terms (role, hours, disciplines,
 * secondment) change from a date in `membership_terms`. Who is a member *now*
 * is the view `active_team_memberships` (one definition, Amsterdam date);
 * any date or month reads `team_membership_periods` (migration 0052).
 */
export const teamMemberships = pgTable(
  "team_memberships",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("team_memberships_open")
      .on(t.municipalityId, t.teamId, t.userId)
      .where(sql`${t.validTo} is null`),
    index("team_memberships_team_user").on(t.teamId, t.userId),
    index("team_memberships_user").on(t.userId),
    check("team_memberships_period", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * The terms of a membership from a date until the next row's date (or the
 * membership's end): team role, contracted hours per week, the set of
 * disciplines/roles, and secondment (seconded to which organisation). Team and
 * person are copied from the membership so RLS needs no join.
 */
export const membershipTerms = pgTable(
  "membership_terms",
  {
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => teamMemberships.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    role: teamRole("role").notNull(),
    contractedHoursPerWeek: numeric("contracted_hours_per_week", { precision: 4, scale: 1 }),
    disciplines: text("disciplines")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    seconded: boolean("seconded").notNull().default(false),
    /** The receiving organisation (and department) while seconded. */
    secondedTo: text("seconded_to"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.membershipId, t.validFrom] }),
    index("membership_terms_team").on(t.teamId),
    index("membership_terms_user").on(t.userId),
    check("membership_terms_secondment", sql`(not ${t.seconded} and ${t.secondedTo} is null) or (${t.seconded} and length(trim(${t.secondedTo})) > 0)`),
  ],
);

/** One period of one set of terms: the membership's terms clipped to the membership (a security_invoker view). */
const periodColumns = {
  id: uuid("id").notNull(),
  municipalityId: uuid("municipality_id").notNull(),
  teamId: uuid("team_id").notNull(),
  userId: uuid("user_id").notNull(),
  role: teamRole("role").notNull(),
  contractedHoursPerWeek: numeric("contracted_hours_per_week", { precision: 4, scale: 1 }),
  disciplines: text("disciplines").array().notNull(),
  seconded: boolean("seconded").notNull(),
  secondedTo: text("seconded_to"),
  validFrom: date("valid_from", { mode: "string" }).notNull(),
  validTo: date("valid_to", { mode: "string" }),
  memberSince: date("member_since", { mode: "string" }).notNull(),
  memberUntil: date("member_until", { mode: "string" }),
};
export const teamMembershipPeriods = pgView("team_membership_periods", periodColumns).existing();
/** The memberships active today (Europe/Amsterdam) with today's terms: the one definition of "member now". */
export const activeTeamMemberships = pgView("active_team_memberships", periodColumns).existing();

/** Roles outside a team: functional admin and controller (municipality), partner manager (partner). */
export const scopeRoles = pgTable(
  "scope_roles",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: scopeRole("role").notNull(),
    partnerOrganisationId: uuid("partner_organisation_id").references(() => partnerOrganisations.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("scope_roles_unique").on(
      t.userId,
      t.role,
      sql`coalesce(${t.partnerOrganisationId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.municipalityId,
    ),
  ],
);

/**
 * A functional admin who also administers other municipalities (a shared service organisation that
 * runs Wijkwerk for several): one row per further municipality. It grants reading that municipality's
 * casework figures — aggregates, suppressed — per municipality or side by side (issue 16,
 * docs/figures.md "Several municipalities"); CASL (the admin's grants) and RLS (app_admin_municipalities(),
 * migration 0053) decide. Valid only while the user holds the admin role. Kept by the operators (psql).
 */
export const adminMunicipalities = pgTable(
  "admin_municipalities",
  {
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.userId] }), index("admin_municipalities_user").on(t.userId)],
);

/** An invitation to a team role (team_id set) or a municipality/partner role (team_id NULL). */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id").references(() => teams.id),
    partnerOrganisationId: uuid("partner_organisation_id").references(() => partnerOrganisations.id),
    email: text("email").notNull(),
    role: text("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
    /**
     * A partner manager's proposal needs the team coordinator's confirmation:
     * 'awaiting' (no link sent yet), 'confirmed' (the link went out) or
     * 'declined'. Null for invitations that need no confirmation.
     */
    confirmation: text("confirmation"),
    /** The name the partner manager proposed (optional, prefilled at acceptance). */
    proposedName: text("proposed_name"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
  },
  (t) => [
    unique("invitations_token_hash_unique").on(t.tokenHash, t.municipalityId),
    index("invitations_team").on(t.teamId),
    index("invitations_partner").on(t.partnerOrganisationId),
  ],
);

export const outboxEmails = pgTable("outbox_emails", {
  id: id(),
  municipalityId: uuid("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  textBody: text("text_body").notNull(),
  createdAt: createdAt(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
});

/**
 * Append-only, hash-chained per municipality. Rows are written only through
 * the SQL function audit_append() (see the custom migration), which takes an
 * advisory lock so the chain is serialised.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id"),
    actorUserId: uuid("actor_user_id"),
    actor: jsonb("actor").notNull(),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    result: text("result").notNull(),
    ip: text("ip"),
    data: jsonb("data")
      .notNull()
      .default(sql`'{}'::jsonb`),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    // Set by the sealer after commit (audit_seal, migration 0015): NULL until the event is linked into its municipality's chain.
    prevHash: text("prev_hash"),
    hash: text("hash"),
    chainPos: bigint("chain_pos", { mode: "number" }),
  },
  (t) => [
    index("audit_events_municipality_seq").on(t.municipalityId, t.seq),
    index("audit_events_action").on(t.action),
    uniqueIndex("audit_events_chain").on(t.municipalityId, t.chainPos),
    index("audit_events_unsealed")
      .on(t.municipalityId, t.seq)
      .where(sql`hash is null`),
  ],
);

// ── The workbudget ────────────────────────────────────────────────────────
// Money is integer cents (bigint). The ledger is append-only double-entry:
// ledger_postings rows are never updated or deleted (trigger), every posting
// group sums to zero (deferred constraint trigger), and the budget row caches
// the balances under a CHECK that "available" never drops below zero.

export const spendStatus = pgEnum("spend_status", [
  "draft",
  "submitted",
  "endorsed",
  "info_requested",
  "awaiting_second_approval",
  "approved",
  "rejected",
  "paid",
  "settled",
  "evaluated",
  "cancelled",
]);
export const ledgerAccount = pgEnum("ledger_account", ["funding", "available", "reserved", "paid"]);

/** One budget per municipality per year, with its cached balances. */
export const budgets = pgTable(
  "budgets",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    year: integer("year").notNull(),
    name: text("name").notNull(),
    /** Above this amount a second, different approver is required. */
    approvalThresholdCents: bigint("approval_threshold_cents", { mode: "number" }).notNull().default(100_000),
    /** Months after settlement when the team is asked to evaluate. */
    evaluationAfterMonths: integer("evaluation_after_months").notNull().default(3),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("budgets_municipality_year").on(t.municipalityId, t.year)],
);

/**
 * A budget's cached balances, split over a few lock rows ("pots", migration
 * 0016, docs/decisions/0009-budget-pots.md): a money move locks one pot, so
 * approvals on one budget commit in parallel. Each pot keeps the invariant
 * funded = available + reserved + paid with nothing negative; the budget's
 * balances are the sums (view budget_balances).
 */
export const budgetPots = pgTable(
  "budget_pots",
  {
    budgetId: uuid("budget_id")
      .notNull()
      .references(() => budgets.id),
    pot: integer("pot").notNull(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    fundedCents: bigint("funded_cents", { mode: "number" }).notNull().default(0),
    availableCents: bigint("available_cents", { mode: "number" }).notNull().default(0),
    reservedCents: bigint("reserved_cents", { mode: "number" }).notNull().default(0),
    paidCents: bigint("paid_cents", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.budgetId, t.pot] }),
    check("budget_pots_available_not_negative", sql`${t.availableCents} >= 0`),
    check("budget_pots_reserved_not_negative", sql`${t.reservedCents} >= 0`),
    check("budget_pots_paid_not_negative", sql`${t.paidCents} >= 0`),
    check("budget_pots_balanced", sql`${t.fundedCents} = ${t.availableCents} + ${t.reservedCents} + ${t.paidCents}`),
  ],
);

/** A budget with its balances (sums over its pots); a security_invoker view, so RLS applies as on the tables. */
export const budgetBalances = pgView("budget_balances", {
  id: uuid("id").notNull(),
  municipalityId: uuid("municipality_id").notNull(),
  year: integer("year").notNull(),
  name: text("name").notNull(),
  approvalThresholdCents: bigint("approval_threshold_cents", { mode: "number" }).notNull(),
  evaluationAfterMonths: integer("evaluation_after_months").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  fundedCents: bigint("funded_cents", { mode: "number" }).notNull(),
  availableCents: bigint("available_cents", { mode: "number" }).notNull(),
  reservedCents: bigint("reserved_cents", { mode: "number" }).notNull(),
  paidCents: bigint("paid_cents", { mode: "number" }).notNull(),
}).existing();

/** Expected financial return per outcome, with its source (the controller maintains the table). */
export const returnNorms = pgTable(
  "return_norms",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    code: text("code").notNull(),
    label: text("label").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    unit: text("unit").notNull(),
    source: text("source").notNull(),
    isLocalEstimate: boolean("is_local_estimate").notNull().default(false),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("return_norms_municipality_code").on(t.municipalityId, t.code)],
);

export const spendRequests = pgTable(
  "spend_requests",
  {
    id: id(),
    /** Human reference, e.g. WB-2017-0042 (number from a sequence). */
    number: bigserial("number", { mode: "number" }).notNull(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    budgetId: uuid("budget_id")
      .notNull()
      .references(() => budgets.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    status: spendStatus("status").notNull().default("draft"),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    neededOn: date("needed_on"),
    purpose: text("purpose").notNull().default(""),
    supplier: text("supplier").notNull().default(""),
    rationale: text("rationale").notNull().default(""),
    problemPrevented: text("problem_prevented").notNull().default(""),
    lifeDomains: text("life_domains")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Pseudonymous reference of the team for the resident; never a name. */
    residentRef: text("resident_ref").notNull().default(""),
    /** The household of the team this request is for (casework); the controller still sees only residentRef. */
    householdId: uuid("household_id").references((): AnyPgColumn => households.id, { onDelete: "set null" }),
    normId: uuid("norm_id").references(() => returnNorms.id),
    expectedReturnCents: bigint("expected_return_cents", { mode: "number" }),
    customReturnJustification: text("custom_return_justification"),
    expectedSocialDomains: text("expected_social_domains")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    expectedSocialReturn: text("expected_social_return").notNull().default(""),
    endorsedBy: uuid("endorsed_by").references(() => users.id),
    firstApprovedBy: uuid("first_approved_by").references(() => users.id),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    /** The budget pot holding this request's reservation and payment (set when the amount is reserved). */
    budgetPot: integer("budget_pot"),
    paidCents: bigint("paid_cents", { mode: "number" }).notNull().default(0),
    paymentDate: date("payment_date"),
    paymentMethod: text("payment_method"),
    paymentReference: text("payment_reference"),
    settledCents: bigint("settled_cents", { mode: "number" }),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    evaluationDueOn: date("evaluation_due_on"),
    evaluation: jsonb("evaluation"),
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }),
    rejectionReason: text("rejection_reason"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("spend_requests_number").on(t.number, t.municipalityId),
    index("spend_requests_team_status").on(t.teamId, t.status),
    index("spend_requests_budget_status").on(t.budgetId, t.status),
    // The dashboard's lists read rows, the most recent LIST_LIMIT (ADR 0017): prevented problems by settlement, alternative regulations by number.
    index("spend_requests_settled_list")
      .on(t.budgetId, t.settledAt.desc().nullsLast(), t.number.desc())
      .where(sql`${t.status} in ('settled', 'evaluated')`),
    index("spend_requests_alternatives_list")
      .on(t.budgetId, t.number.desc())
      .where(sql`${t.status} = 'evaluated' and (${t.evaluation}->>'otherRegulationApplied')::boolean is true`),
    // The dashboard's overdue evaluations (settled, evaluation date passed): the budget's overdue ones by index, not its year of settled requests.
    // The approval queue's count and oldest: the budget's waiting requests by index (WAITING_STATUSES), not its year.
    index("spend_requests_waiting")
      .on(t.budgetId, t.updatedAt)
      .where(sql`${t.status} in ('submitted', 'endorsed', 'awaiting_second_approval')`),
    index("spend_requests_overdue_evaluations")
      .on(t.budgetId, t.evaluationDueOn)
      .where(sql`${t.status} = 'settled'`),
    check("spend_requests_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

/** The request's timeline: every transition with actor and comment. */
export const spendTransitions = pgTable(
  "spend_transitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    spendId: uuid("spend_id")
      .notNull()
      .references(() => spendRequests.id),
    action: text("action").notNull(),
    fromStatus: spendStatus("from_status"),
    toStatus: spendStatus("to_status").notNull(),
    actorUserId: uuid("actor_user_id").notNull(),
    actor: jsonb("actor").notNull(),
    comment: text("comment"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("spend_transitions_spend").on(t.spendId, t.id)],
);

export const ledgerPostings = pgTable(
  "ledger_postings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    budgetId: uuid("budget_id")
      .notNull()
      .references(() => budgets.id),
    groupId: uuid("group_id").notNull(),
    kind: text("kind").notNull(),
    spendId: uuid("spend_id").references(() => spendRequests.id),
    teamId: uuid("team_id").references(() => teams.id),
    account: ledgerAccount("account").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    reversesGroupId: uuid("reverses_group_id"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    index("ledger_postings_budget").on(t.budgetId, t.account),
    index("ledger_postings_spend").on(t.spendId),
    index("ledger_postings_group").on(t.groupId),
  ],
);

/**
 * The workbudget's figures per budget × team × month (the month the request
 * was created, Europe/Amsterdam) × norm, kept by triggers in the same
 * transaction as every change (migration "workbudget_summaries", ADR 0017).
 * life_domain '' is the requests' row (every column); a domain name counts the
 * approved requests touching that domain (approved, approved_committed_cents).
 * Writers only append delta rows (merged = false), so no two commands wait for
 * the same row; workbudget_summary_merge() folds them into one merged row per
 * key. A figure is the sum over the key's rows. No personal data.
 * No foreign keys: derived data, checked against the rows by ledger:check.
 */
export const workbudgetSummary = pgTable(
  "workbudget_summary",
  {
    municipalityId: uuid("municipality_id").notNull(),
    budgetId: uuid("budget_id").notNull(),
    teamId: uuid("team_id").notNull(),
    month: date("month").notNull(),
    normId: uuid("norm_id"),
    lifeDomain: text("life_domain").notNull().default(""),
    merged: boolean("merged").notNull().default(false),
    requests: integer("requests").notNull().default(0),
    requestedCents: bigint("requested_cents", { mode: "number" }).notNull().default(0),
    approved: integer("approved").notNull().default(0),
    waiting: integer("waiting").notNull().default(0),
    settled: integer("settled").notNull().default(0),
    evaluated: integer("evaluated").notNull().default(0),
    reservedCents: bigint("reserved_cents", { mode: "number" }).notNull().default(0),
    paidCents: bigint("paid_cents", { mode: "number" }).notNull().default(0),
    approvedCommittedCents: bigint("approved_committed_cents", { mode: "number" }).notNull().default(0),
    expectedReturnCents: bigint("expected_return_cents", { mode: "number" }).notNull().default(0),
    evaluatedCostCents: bigint("evaluated_cost_cents", { mode: "number" }).notNull().default(0),
    realisedReturnCents: bigint("realised_return_cents", { mode: "number" }).notNull().default(0),
    // The evaluated requests for which another regulation applied (the dashboard's "andere regelingen" totals):
    // how many, their cost to the workbudget (committed), the other regulation's amount, and the days gained
    // (the regulation's lead time − the days from submission to payment). Migration 0046.
    alternatives: integer("alternatives").notNull().default(0),
    alternativesCostCents: bigint("alternatives_cost_cents", { mode: "number" }).notNull().default(0),
    alternativesRegulationCents: bigint("alternatives_regulation_cents", { mode: "number" }).notNull().default(0),
    alternativesDaysGained: bigint("alternatives_days_gained", { mode: "number" }).notNull().default(0),
  },
  (t) => [index("workbudget_summary_budget").on(t.budgetId, t.month), index("workbudget_summary_municipality").on(t.municipalityId, t.month)],
);

/**
 * The ledger per budget × team × month of the posting (Europe/Amsterdam) and
 * whether it is the budget's allocation: the key figures and the burn-down.
 * Kept like workbudget_summary (delta rows, merged by workbudget_summary_merge()).
 */
export const ledgerMonthSummary = pgTable(
  "ledger_month_summary",
  {
    municipalityId: uuid("municipality_id").notNull(),
    budgetId: uuid("budget_id").notNull(),
    teamId: uuid("team_id"),
    month: date("month").notNull(),
    allocate: boolean("allocate").notNull(),
    merged: boolean("merged").notNull().default(false),
    fundingCents: bigint("funding_cents", { mode: "number" }).notNull().default(0),
    availableCents: bigint("available_cents", { mode: "number" }).notNull().default(0),
    reservedCents: bigint("reserved_cents", { mode: "number" }).notNull().default(0),
    paidCents: bigint("paid_cents", { mode: "number" }).notNull().default(0),
  },
  (t) => [index("ledger_month_summary_budget").on(t.budgetId, t.month)],
);

/**
 * The requests per budget × team × month of creation (Europe/Amsterdam) × status: how many and their amounts
 * requested — the team's "Totalen per status". Kept like workbudget_summary (delta rows appended by the same
 * triggers, merged by workbudget_summary_merge(); migration 0052), recomputed by ledger:check.
 */
export const workbudgetStatusSummary = pgTable(
  "workbudget_status_summary",
  {
    municipalityId: uuid("municipality_id").notNull(),
    budgetId: uuid("budget_id").notNull(),
    teamId: uuid("team_id").notNull(),
    month: date("month").notNull(),
    status: spendStatus("status").notNull(),
    merged: boolean("merged").notNull().default(false),
    requests: integer("requests").notNull().default(0),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull().default(0),
  },
  (t) => [index("workbudget_status_summary_team").on(t.municipalityId, t.teamId, t.budgetId)],
);

/** A money-moving command's key: the same key with the same input returns the first result. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    key: text("key").notNull(),
    userId: uuid("user_id").notNull(),
    command: text("command").notNull(),
    requestHash: text("request_hash").notNull(),
    result: jsonb("result").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("idempotency_keys_pk").on(t.municipalityId, t.key)],
);

/** In-app notifications: someone must act on a request (also e-mailed through the outbox). */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    spendId: uuid("spend_id").references(() => spendRequests.id),
    kind: text("kind").notNull(),
    text: text("text").notNull(),
    link: text("link").notNull(),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /**
     * When the work the notice asked for was done (by anyone): set by triggers in the same transaction as the step
     * (migration 0051_notifications_resolve_triggers). A handled notice no longer counts as unread.
     */
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_unread").on(t.userId, t.readAt),
    // The resolving trigger finds a request's open notices by the request.
    index("notifications_spend_open")
      .on(t.spendId)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

/** Personal API tokens: `wk_…` bearer tokens acting with their user's permissions; only the sha256 is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The token's last four characters, so its owner can recognise it. */
    lastFour: text("last_four").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [unique("api_tokens_token_hash_unique").on(t.tokenHash, t.municipalityId), index("api_tokens_user").on(t.userId)],
);

/** Raw bytes; postgres.js gives a Buffer, PGlite a Uint8Array: both are Uint8Arrays. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  fromDriver: (value) => value,
});

/**
 * Files on a spend request (a quote, a receipt). The bytes live here, in
 * PostgreSQL, so the same RLS wall that keeps a team's requests in the team
 * also keeps their files there. Removal is soft (deleted_at/by): the audit
 * log keeps pointing at something real.
 */
export const spendAttachments = pgTable(
  "spend_attachments",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    spendId: uuid("spend_id")
      .notNull()
      .references(() => spendRequests.id),
    kind: text("kind").notNull(),
    /** Sanitised: no path, no control characters, the extension of the detected type. */
    fileName: text("file_name").notNull(),
    /** Detected from the magic bytes, never taken from the client. */
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id),
  },
  (t) => [
    index("spend_attachments_spend").on(t.spendId, t.createdAt),
    check("spend_attachments_kind", sql`${t.kind} in ('quote', 'receipt', 'other')`),
    check("spend_attachments_content_type", sql`${t.contentType} in ('application/pdf', 'image/png', 'image/jpeg')`),
    check("spend_attachments_size", sql`${t.sizeBytes} between 1 and 5242880 and octet_length(${t.content}) = ${t.sizeBytes}`),
    check("spend_attachments_deleted", sql`(${t.deletedAt} is null) = (${t.deletedBy} is null)`),
  ],
);

// ── Cross-team workgroups (docs/domain.md#workgroups-and-knowledge) ───────
// Municipality-wide by design: a group's members come from any team. Rows
// carry municipality_id; RLS (migration 0011) lets a user read a group's
// content when they are an active member, or the group is open and they are
// a professional in one of the municipality's teams. The texts never carry
// residents' personal data: the privacy guard runs before every save.

/** A generated, Dutch-stemmed search vector (to_tsvector('dutch', …) STORED). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const workgroupMemberRole = pgEnum("workgroup_member_role", ["facilitator", "member"]);
export const workgroupMemberStatus = pgEnum("workgroup_member_status", ["active", "requested"]);

export const workgroups = pgTable(
  "workgroups",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    isOpen: boolean("is_open").notNull().default(true),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('dutch', name || ' ' || description)`),
  },
  (t) => [uniqueIndex("workgroups_municipality_slug").on(t.municipalityId, t.slug), index("workgroups_search").using("gin", t.search)],
);

export const workgroupMembers = pgTable(
  "workgroup_members",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    workgroupId: uuid("workgroup_id")
      .notNull()
      .references(() => workgroups.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: workgroupMemberRole("role").notNull().default("member"),
    status: workgroupMemberStatus("status").notNull().default("active"),
    /** Who let them in (a facilitator approving a request, the creator adding a facilitator). */
    approvedBy: uuid("approved_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("workgroup_members_group_user").on(t.workgroupId, t.userId, t.municipalityId), index("workgroup_members_user").on(t.userId)],
);

/** A thread starts with a post without parent (it has a title); replies point to it. */
export const workgroupPosts = pgTable(
  "workgroup_posts",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    workgroupId: uuid("workgroup_id")
      .notNull()
      .references(() => workgroups.id),
    parentId: uuid("parent_id"),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    title: text("title"),
    /** Markdown as written; rendered (safely) when read. */
    body: text("body").notNull(),
    createdAt: createdAt(),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: uuid("hidden_by").references(() => users.id),
    hiddenReason: text("hidden_reason"),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('dutch', coalesce(title, '') || ' ' || body)`),
  },
  (t) => [
    index("workgroup_posts_group").on(t.workgroupId, t.parentId, t.createdAt),
    index("workgroup_posts_parent").on(t.parentId, t.createdAt),
    index("workgroup_posts_search").using("gin", t.search),
    check("workgroup_posts_thread_title", sql`(${t.parentId} is null) = (${t.title} is not null)`),
    check("workgroup_posts_hidden", sql`(${t.hiddenAt} is null) = (${t.hiddenBy} is null) and (${t.hiddenAt} is null) = (${t.hiddenReason} is null)`),
  ],
);

/** A handbook page: of a workgroup, or of the city-wide handbook (workgroup_id NULL). Holds the current version. */
export const handbookPages = pgTable(
  "handbook_pages",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    workgroupId: uuid("workgroup_id").references(() => workgroups.id),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    version: integer("version").notNull(),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('dutch', title || ' ' || body)`),
  },
  (t) => [
    uniqueIndex("handbook_pages_slug").on(t.municipalityId, sql`coalesce(${t.workgroupId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.slug),
    index("handbook_pages_search").using("gin", t.search),
  ],
);

/** Every saved version, append-only: who changed what when; a restore is a new version. */
export const handbookVersions = pgTable(
  "handbook_versions",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    pageId: uuid("page_id")
      .notNull()
      .references(() => handbookPages.id),
    workgroupId: uuid("workgroup_id").references(() => workgroups.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    restoredFrom: integer("restored_from"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("handbook_versions_page_version").on(t.pageId, t.version, t.municipalityId)],
);

// ── Success stories and knowledge questions (issue 6) ─────────────────────
// City-wide, not per group: every professional of the municipality, the
// functional admin and the controller read them (RLS in migration 0017,
// docs/decisions/0007). Texts pass the privacy guard before they are saved.

/** The fixed themes of stories and questions (labels in app/i18n/nl/knowledge.ts). */
export const KNOWLEDGE_THEMES = [
  "preventie",
  "armoede_schulden",
  "eenzaamheid",
  "wonen",
  "jeugd_gezin",
  "participatie_werk",
  "clientondersteuning",
  "zichtbaarheid",
  "netwerk",
  "overig",
] as const;
/** Reactions to a story: one of each kind per user, toggled. */
export const STORY_REACTIONS = ["mooi", "herkenbaar", "leerzaam"] as const;
const themeList = sql.raw(KNOWLEDGE_THEMES.map((k) => `'${k}'`).join(", "));
const reactionList = sql.raw(STORY_REACTIONS.map((k) => `'${k}'`).join(", "));

/** "Successen vieren": a short anonymised story from a team. */
export const successStories = pgTable(
  "success_stories",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** The author's team the story comes from. */
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    workgroupId: uuid("workgroup_id").references(() => workgroups.id),
    theme: text("theme").notNull(),
    title: text("title").notNull(),
    /** Markdown as written; rendered (safely) when read. */
    body: text("body").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('dutch', title || ' ' || body)`),
  },
  (t) => [
    index("success_stories_wall").on(t.municipalityId, t.createdAt),
    index("success_stories_search").using("gin", t.search),
    check("success_stories_theme", sql`${t.theme} in (${themeList})`),
  ],
);

export const storyReactions = pgTable(
  "story_reactions",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    storyId: uuid("story_id")
      .notNull()
      .references(() => successStories.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("story_reactions_one_per_kind").on(t.storyId, t.userId, t.kind, t.municipalityId),
    check("story_reactions_kind", sql`${t.kind} in (${reactionList})`),
  ],
);

/** "Wie heeft ervaring met …?": a question to all teams. */
export const knowledgeQuestions = pgTable(
  "knowledge_questions",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    theme: text("theme"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** The answer the asker found most helpful (changeable); FK added in the migration's custom SQL. */
    bestAnswerId: uuid("best_answer_id"),
    createdAt: createdAt(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('dutch', title || ' ' || body)`),
  },
  (t) => [
    index("knowledge_questions_list").on(t.municipalityId, t.createdAt),
    index("knowledge_questions_search").using("gin", t.search),
    check("knowledge_questions_theme", sql`${t.theme} is null or ${t.theme} in (${themeList})`),
  ],
);

export const knowledgeAnswers = pgTable(
  "knowledge_answers",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    questionId: uuid("question_id")
      .notNull()
      .references(() => knowledgeQuestions.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('dutch', body)`),
  },
  (t) => [index("knowledge_answers_question").on(t.questionId, t.createdAt), index("knowledge_answers_search").using("gin", t.search)],
);

/**
 * A file on a workgroup post (PDF/JPG/PNG, at most 5 MB; the checks are
 * shared with spend attachments in packages/core/src/common/attachment-files.ts).
 * The bytes live here behind the group's RLS: readers of the group read them,
 * a hidden post's files only its facilitators. Removal is soft.
 */
export const workgroupAttachments = pgTable(
  "workgroup_attachments",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    workgroupId: uuid("workgroup_id")
      .notNull()
      .references(() => workgroups.id),
    postId: uuid("post_id")
      .notNull()
      .references(() => workgroupPosts.id),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id),
  },
  (t) => [
    index("workgroup_attachments_post").on(t.postId, t.createdAt),
    check("workgroup_attachments_content_type", sql`${t.contentType} in ('application/pdf', 'image/png', 'image/jpeg')`),
    check("workgroup_attachments_size", sql`${t.sizeBytes} between 1 and 5242880 and octet_length(${t.content}) = ${t.sizeBytes}`),
    check("workgroup_attachments_deleted", sql`(${t.deletedAt} is null) = (${t.deletedBy} is null)`),
  ],
);

/** A user's choice for e-mail about workgroups: every notification at once ('none'), or one digest a day or a week. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    digest: text("digest").notNull().default("none"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("notification_preferences_digest", sql`${t.digest} in ('none', 'daily', 'weekly')`)],
);

/** "This user got the digest of this period": the unique key makes it go once per user × period. */
export const notificationDigests = pgTable(
  "notification_digests",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    frequency: text("frequency").notNull(),
    /** The day (daily) or the Monday (weekly) in Europe/Amsterdam. */
    periodStart: date("period_start").notNull(),
    notificationCount: integer("notification_count").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notification_digests_user_period").on(t.userId, t.frequency, t.periodStart, t.municipalityId),
    check("notification_digests_frequency", sql`${t.frequency} in ('daily', 'weekly')`),
  ],
);

// ── Workgroup meetings, decisions, action items and proposals (issue 6) ──
// Same scope as the rest of a group's content (migration 0020): readers read,
// active members write, facilitators close proposals. Texts pass the privacy
// guard before they are saved.

export const workgroupMeetings = pgTable(
  "workgroup_meetings",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    workgroupId: uuid("workgroup_id")
      .notNull()
      .references(() => workgroups.id),
    heldOn: date("held_on").notNull(),
    /** 'HH:MM' local time (Europe/Amsterdam), or null when only the day is known. */
    startsAt: text("starts_at"),
    /** Markdown. */
    agenda: text("agenda").notNull().default(""),
    /** Markdown. */
    notes: text("notes").notNull().default(""),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('dutch', agenda || ' ' || notes)`),
  },
  (t) => [
    index("workgroup_meetings_group").on(t.workgroupId, t.heldOn),
    index("workgroup_meetings_search").using("gin", t.search),
    check("workgroup_meetings_time", sql`${t.startsAt} is null or ${t.startsAt} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
  ],
);

export const proposalPosition = pgEnum("proposal_position", ["agree", "abstain", "disagree", "block"]);

/** A proposal put to the group (as in Loomio); closed by a facilitator with an outcome statement. */
export const workgroupProposals = pgTable(
  "workgroup_proposals",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    workgroupId: uuid("workgroup_id")
      .notNull()
      .references(() => workgroups.id),
    meetingId: uuid("meeting_id").references(() => workgroupMeetings.id),
    /** The handbook page of the group that the proposal changes. */
    handbookPageId: uuid("handbook_page_id").references(() => handbookPages.id),
    title: text("title").notNull(),
    /** Markdown. */
    body: text("body").notNull(),
    /** Responses are taken until the end of this day (Europe/Amsterdam). */
    closesOn: date("closes_on").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id),
    outcome: text("outcome"),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('dutch', title || ' ' || body || ' ' || coalesce(outcome, ''))`),
  },
  (t) => [
    index("workgroup_proposals_search").using("gin", t.search),
    index("workgroup_proposals_group").on(t.workgroupId, t.createdAt),
    check("workgroup_proposals_closed", sql`(${t.closedAt} is null) = (${t.closedBy} is null) and (${t.closedAt} is null) = (${t.outcome} is null)`),
  ],
);

/** One current response per member and proposal; changeable until the proposal closes. */
export const workgroupProposalResponses = pgTable(
  "workgroup_proposal_responses",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    workgroupId: uuid("workgroup_id")
      .notNull()
      .references(() => workgroups.id),
    proposalId: uuid("proposal_id")
      .notNull()
      .references(() => workgroupProposals.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    position: proposalPosition("position").notNull(),
    reason: text("reason").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("workgroup_proposal_responses_one").on(t.proposalId, t.userId, t.municipalityId),
    check("workgroup_proposal_responses_reason", sql`${t.position} in ('agree', 'abstain') or length(btrim(${t.reason})) > 0`),
  ],
);

/** A decision of the group: recorded at a meeting, or a closed proposal's outcome. */
export const workgroupDecisions = pgTable(
  "workgroup_decisions",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    workgroupId: uuid("workgroup_id")
      .notNull()
      .references(() => workgroups.id),
    meetingId: uuid("meeting_id").references(() => workgroupMeetings.id),
    proposalId: uuid("proposal_id").references(() => workgroupProposals.id),
    handbookPageId: uuid("handbook_page_id").references(() => handbookPages.id),
    text: text("text").notNull(),
    decidedOn: date("decided_on").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('dutch', text)`),
  },
  (t) => [
    index("workgroup_decisions_search").using("gin", t.search),
    index("workgroup_decisions_group").on(t.workgroupId, t.decidedOn),
    uniqueIndex("workgroup_decisions_proposal").on(t.proposalId, t.municipalityId),
    index("workgroup_decisions_page").on(t.handbookPageId),
  ],
);

/** An action item from a meeting: owner (a member of the group), due date, done or not. */
export const workgroupActionItems = pgTable(
  "workgroup_action_items",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    workgroupId: uuid("workgroup_id")
      .notNull()
      .references(() => workgroups.id),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => workgroupMeetings.id),
    description: text("description").notNull(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    dueOn: date("due_on").notNull(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    doneBy: uuid("done_by").references(() => users.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("workgroup_action_items_meeting").on(t.meetingId),
    index("workgroup_action_items_owner").on(t.ownerId, t.dueOn),
    check("workgroup_action_items_done", sql`(${t.doneAt} is null) = (${t.doneBy} is null)`),
  ],
);

// ── Partner organisations' agreements and time registration ──────────────
// An agreement (subsidy, service agreement, or the municipality's own staff)
// promises hours per week per team and discipline. Team members register the
// hours they actually worked per ISO week and team; the partner's id and the
// person's discipline are snapshots taken at registration, so history stays
// with the employer of that week and aggregates need no join to users.

export const partnerAgreements = pgTable(
  "partner_agreements",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    partnerOrganisationId: uuid("partner_organisation_id")
      .notNull()
      .references(() => partnerOrganisations.id),
    kind: fundingType("kind").notNull(),
    reference: text("reference").notNull(),
    validFrom: date("valid_from").notNull(),
    /** Inclusive; NULL = open-ended. */
    validTo: date("valid_to"),
    /** A budget in euro cents besides the hours (NULL = none agreed). */
    budgetCents: bigint("budget_cents", { mode: "number" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("partner_agreements_partner").on(t.partnerOrganisationId),
    check("partner_agreements_budget", sql`${t.budgetCents} is null or (${t.budgetCents} >= 0 and ${t.budgetCents} <= 100000000000)`),
    uniqueIndex("partner_agreements_reference").on(t.municipalityId, t.reference),
    check("partner_agreements_period", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/** The agreed contribution: hours per week of one discipline in one team. */
export const agreementContributions = pgTable(
  "agreement_contributions",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => partnerAgreements.id, { onDelete: "cascade" }),
    /** Copy of the agreement's partner, so row-level security needs no join. */
    partnerOrganisationId: uuid("partner_organisation_id")
      .notNull()
      .references(() => partnerOrganisations.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    discipline: text("discipline").notNull(),
    hoursPerWeek: numeric("hours_per_week", { precision: 5, scale: 1 }).notNull(),
  },
  (t) => [
    uniqueIndex("agreement_contributions_unique").on(t.agreementId, t.teamId, t.discipline, t.municipalityId),
    index("agreement_contributions_team").on(t.teamId),
    index("agreement_contributions_partner").on(t.partnerOrganisationId),
    check("agreement_contributions_hours", sql`${t.hoursPerWeek} > 0 and ${t.hoursPerWeek} <= 999`),
  ],
);

/** A product agreed in an agreement: name, unit, agreed number over the agreement's period, price per unit in cents. */
export const agreementProducts = pgTable(
  "agreement_products",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => partnerAgreements.id, { onDelete: "cascade" }),
    /** Copy of the agreement's partner, so row-level security needs no join. */
    partnerOrganisationId: uuid("partner_organisation_id")
      .notNull()
      .references(() => partnerOrganisations.id),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    agreedQuantity: integer("agreed_quantity").notNull(),
    priceCents: bigint("price_cents", { mode: "number" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("agreement_products_name").on(t.agreementId, t.name, t.municipalityId),
    index("agreement_products_partner").on(t.partnerOrganisationId),
    check(
      "agreement_products_numbers",
      sql`${t.agreedQuantity} >= 0 and ${t.agreedQuantity} <= 10000000 and ${t.priceCents} >= 0 and ${t.priceCents} <= 10000000000`,
    ),
  ],
);

/** Delivered number of a product in one month (month = its first day); recorded by the partner manager or the municipality. */
export const agreementProductDeliveries = pgTable(
  "agreement_product_deliveries",
  {
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    productId: uuid("product_id")
      .notNull()
      .references(() => agreementProducts.id, { onDelete: "cascade" }),
    partnerOrganisationId: uuid("partner_organisation_id")
      .notNull()
      .references(() => partnerOrganisations.id),
    month: date("month").notNull(),
    quantity: integer("quantity").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "agreement_product_deliveries_pk", columns: [t.productId, t.month] }),
    index("agreement_product_deliveries_partner").on(t.partnerOrganisationId, t.month),
    check("agreement_product_deliveries_month", sql`extract(day from ${t.month}) = 1`),
    check("agreement_product_deliveries_quantity", sql`${t.quantity} >= 0 and ${t.quantity} <= 10000000`),
  ],
);

/** A partner organisation's export token (`wkp_…`): reads only that partner's hours export; only the sha256 is stored. */
export const partnerExportTokens = pgTable(
  "partner_export_tokens",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    partnerOrganisationId: uuid("partner_organisation_id")
      .notNull()
      .references(() => partnerOrganisations.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    lastFour: text("last_four").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    unique("partner_export_tokens_token_hash_unique").on(t.tokenHash, t.municipalityId),
    index("partner_export_tokens_partner").on(t.partnerOrganisationId),
  ],
);

/** One row per person × team × ISO week (week_start is that week's Monday); hours in quarters. */
export const timeRegistrations = pgTable(
  "time_registrations",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** The employer at registration (NULL for volunteers without one). */
    partnerOrganisationId: uuid("partner_organisation_id").references(() => partnerOrganisations.id),
    /** The person's discipline at registration. */
    discipline: text("discipline"),
    weekStart: date("week_start").notNull(),
    individualHours: numeric("individual_hours", { precision: 4, scale: 2 }).notNull().default("0"),
    collectiveHours: numeric("collective_hours", { precision: 4, scale: 2 }).notNull().default("0"),
    meetingHours: numeric("meeting_hours", { precision: 4, scale: 2 }).notNull().default("0"),
    workgroupHours: numeric("workgroup_hours", { precision: 4, scale: 2 }).notNull().default("0"),
    otherHours: numeric("other_hours", { precision: 4, scale: 2 }).notNull().default("0"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("time_registrations_user_team_week").on(t.userId, t.teamId, t.weekStart, t.municipalityId),
    index("time_registrations_team_week").on(t.teamId, t.weekStart),
    index("time_registrations_partner_week").on(t.partnerOrganisationId, t.weekStart),
    check("time_registrations_monday", sql`extract(isodow from ${t.weekStart}) = 1`),
    check(
      "time_registrations_hours",
      sql`${t.individualHours} >= 0 and ${t.collectiveHours} >= 0 and ${t.meetingHours} >= 0 and ${t.workgroupHours} >= 0 and ${t.otherHours} >= 0
          and ${t.individualHours} + ${t.collectiveHours} + ${t.meetingHours} + ${t.workgroupHours} + ${t.otherHours} <= 60
          and mod(${t.individualHours} * 4, 1) = 0 and mod(${t.collectiveHours} * 4, 1) = 0 and mod(${t.meetingHours} * 4, 1) = 0
          and mod(${t.workgroupHours} * 4, 1) = 0 and mod(${t.otherHours} * 4, 1) = 0`,
    ),
  ],
);

/** "This person was reminded about this week": the primary key makes the reminder go once. */
export const timeRegistrationReminders = pgTable(
  "time_registration_reminders",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    weekStart: date("week_start").notNull(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("time_registration_reminders_pk").on(t.userId, t.weekStart, t.municipalityId)],
);

// ── Stripe Issuing (docs/stripe.md) ──────────────────────────────────────

/** The team's virtual company card. Card number and CVC are never stored: only Stripe's ids and the last four digits. */
export const teamCards = pgTable(
  "team_cards",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    stripeCardholderId: text("stripe_cardholder_id"),
    stripeCardId: text("stripe_card_id"),
    last4: text("last4"),
    expMonth: integer("exp_month"),
    expYear: integer("exp_year"),
    /** requested (waiting for Stripe) → active / inactive / canceled. */
    status: text("status").notNull().default("requested"),
    /** Stripe's cancellation_reason (lost, stolen, design_rejected) or "canceled", when Stripe reported the card cancelled. */
    cancellationReason: text("cancellation_reason"),
    /** When the last issuing_card.* event we applied was created at Stripe: an older event changes nothing. */
    stripeStateAt: timestamp("stripe_state_at", { withTimezone: true }),
    perAuthorizationCapCents: bigint("per_authorization_cap_cents", { mode: "number" }),
    monthlyCapCents: bigint("monthly_cap_cents", { mode: "number" }),
    allowedCategories: text("allowed_categories")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    blockedCategories: text("blocked_categories")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("team_cards_team").on(t.teamId, t.municipalityId),
    uniqueIndex("team_cards_stripe_card").on(t.stripeCardId, t.municipalityId),
    check("team_cards_status", sql`${t.status} in ('requested', 'active', 'inactive', 'canceled')`),
    check("team_cards_caps_positive", sql`coalesce(${t.perAuthorizationCapCents}, 1) > 0 and coalesce(${t.monthlyCapCents}, 1) > 0`),
  ],
);

/** The coordinator's "Nu betalen": this approved spend is the one the next card payment is for, until valid_until. */
export const cardPaymentSelections = pgTable(
  "card_payment_selections",
  {
    spendId: uuid("spend_id")
      .primaryKey()
      .references(() => spendRequests.id),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    teamCardId: uuid("team_card_id")
      .notNull()
      .references(() => teamCards.id),
    validUntil: timestamp("valid_until", { withTimezone: true }).notNull(),
    selectedBy: uuid("selected_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("card_payment_selections_team").on(t.teamId, t.validUntil)],
);

/** Every Stripe event we processed, stored in the same transaction as its effects: exactly once. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  municipalityId: uuid("municipality_id").references(() => municipalities.id),
  /** No foreign key: stripe_events is a reference table and teams is distributed (db/src/distribution.ts). */
  teamId: uuid("team_id"),
  /** For issuing_authorization.request: the decision we answered (a redelivery gets the same answer). */
  outcome: jsonb("outcome"),
  processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An Issuing authorisation on a team card, linked to the spend it pays (null when declined or unmatched). */
export const issuingAuthorizations = pgTable(
  "issuing_authorizations",
  {
    id: text("id").primaryKey(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    teamCardId: uuid("team_card_id")
      .notNull()
      .references(() => teamCards.id),
    spendId: uuid("spend_id").references(() => spendRequests.id),
    /** What we approved in total (incremental requests add up). */
    approvedCents: bigint("approved_cents", { mode: "number" }).notNull().default(0),
    /** The last amount requested. */
    requestedCents: bigint("requested_cents", { mode: "number" }).notNull(),
    approved: boolean("approved").notNull(),
    declineReason: text("decline_reason"),
    /** Stripe's status: pending, closed, reversed, expired. */
    status: text("status").notNull().default("pending"),
    merchantName: text("merchant_name"),
    merchantCategory: text("merchant_category"),
    /** The posting group that released what was not captured (set once, when Stripe closed the authorisation). */
    releaseGroupId: uuid("release_group_id"),
    stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("issuing_authorizations_team").on(t.teamId, t.stripeCreatedAt), index("issuing_authorizations_spend").on(t.spendId)],
);

/** A capture or refund on a team card; each maps to exactly one ledger posting group (ledger:check verifies). */
export const issuingTransactions = pgTable(
  "issuing_transactions",
  {
    id: text("id").primaryKey(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    authorizationId: text("authorization_id"),
    spendId: uuid("spend_id").references(() => spendRequests.id),
    type: text("type").notNull(),
    /** Positive cents: what was captured, or refunded. */
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    /** The ledger posting group (pay or refund); null = not booked, with the reason in problem. */
    ledgerGroupId: uuid("ledger_group_id"),
    problem: text("problem"),
    stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("issuing_transactions_team").on(t.teamId, t.stripeCreatedAt),
    uniqueIndex("issuing_transactions_group").on(t.ledgerGroupId, t.municipalityId),
    check("issuing_transactions_type", sql`${t.type} in ('capture', 'refund')`),
    check("issuing_transactions_amount", sql`${t.amountCents} > 0`),
  ],
);

/** Calls to Stripe waiting to be made (create cardholder/card, update controls), written in the change's transaction. */
export const stripeOutbox = pgTable(
  "stripe_outbox",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamCardId: uuid("team_card_id")
      .notNull()
      .references(() => teamCards.id),
    kind: text("kind").notNull(),
    /** Sent as Stripe's Idempotency-Key: derived from our ids, so a retry after a crash never creates twice. */
    idempotencyKey: text("idempotency_key").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("stripe_outbox_key").on(t.idempotencyKey, t.municipalityId),
    index("stripe_outbox_pending").on(t.nextAttemptAt),
    check("stripe_outbox_kind", sql`${t.kind} in ('create_cardholder', 'create_card', 'update_card')`),
  ],
);

/**
 * A team's public contact details, shown without login on /buurt (no personal
 * data: the team's own address, phone, e-mail). Kept by the team's coordinator.
 */
export const teamContacts = pgTable("team_contacts", {
  teamId: uuid("team_id")
    .primaryKey()
    .references(() => teams.id),
  municipalityId: uuid("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  address: text("address").notNull().default(""),
  phone: text("phone").notNull().default(""),
  email: text("email").notNull().default(""),
  walkInHours: text("walk_in_hours").notNull().default(""),
  languages: text("languages")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  helpsWith: text("helps_with")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Street name → buurt, kept by the functional admin (CSV import). A long street may lie in two buurten. */
export const streets = pgTable(
  "streets",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    buurtId: uuid("buurt_id")
      .notNull()
      .references(() => buurten.id),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("streets_municipality_name_buurt").on(t.municipalityId, sql`lower(${t.name})`, t.buurtId), index("streets_buurt").on(t.buurtId)],
);

/**
 * Buurtservice (issue 19): a resident's offer or request in a buurt, by
 * pseudonym only (identity stays in casework, if anywhere). The team's own
 * rows (RLS); other teams see counts only (buurtservice_counts()).
 */
export const buurtserviceEntries = pgTable(
  "buurtservice_entries",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    buurtId: uuid("buurt_id")
      .notNull()
      .references(() => buurten.id),
    kind: text("kind").notNull(),
    pseudonym: text("pseudonym").notNull(),
    categories: text("categories").array().notNull(),
    availability: text("availability").array().notNull(),
    description: text("description").notNull().default(""),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    /** Withdrawn, or (a request) helped: no longer open. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("buurtservice_entries_team").on(t.teamId, t.kind, t.createdAt), check("buurtservice_entries_kind", sql`${t.kind} in ('offer', 'request')`)],
);

/** A match of a request with an offer; reciprocal when the requester also offers something. */
export const buurtserviceMatches = pgTable(
  "buurtservice_matches",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    buurtId: uuid("buurt_id")
      .notNull()
      .references(() => buurten.id),
    requestId: uuid("request_id")
      .notNull()
      .references(() => buurtserviceEntries.id),
    offerId: uuid("offer_id")
      .notNull()
      .references(() => buurtserviceEntries.id),
    reciprocal: boolean("reciprocal").notNull(),
    status: text("status").notNull().default("proposed"),
    outcome: text("outcome").notNull().default(""),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("buurtservice_matches_team").on(t.teamId, t.createdAt),
    check("buurtservice_matches_status", sql`${t.status} in ('proposed', 'running', 'done', 'stopped')`),
    check("buurtservice_matches_ended", sql`(${t.endedAt} is null) = (${t.status} in ('proposed', 'running'))`),
  ],
);

/**
 * Buurtinitiatieven (issue 19): residents' own initiatives in a buurt,
 * registered by a team (counted per team and year: new / active) and
 * readable by every professional of the municipality.
 */
export const neighbourhoodInitiatives = pgTable(
  "neighbourhood_initiatives",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    buurtId: uuid("buurt_id")
      .notNull()
      .references(() => buurten.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    startedOn: date("started_on").notNull(),
    contactOrganisation: text("contact_organisation").notNull().default(""),
    teamHelpedStart: boolean("team_helped_start").notNull().default(false),
    endedOn: date("ended_on"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("neighbourhood_initiatives_team").on(t.teamId, t.startedOn),
    check("neighbourhood_initiatives_dates", sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
  ],
);

// ── Casework (issue 15): households, their case (intake, one plan, one
// regisseur), ZRM, arrangements, referrals; the sociale kaart. Resident data
// never leaves the case team: RLS lets a row through only to the case team
// (regisseur + involved), the team's coordinator, or a member with a live
// break-the-glass grant (case_access(), migration 0029). Every content table
// carries household_id so that one function guards them all.

const tenantColumns = () => ({
  municipalityId: uuid("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  teamId: uuid("team_id")
    .notNull()
    .references(() => teams.id),
});

/**
 * A contact without a case (information, advice, a quick referral) or an
 * objection to being registered: counted per team and month, no personal
 * data. An objection keeps only its month (occurred_on is the 1st).
 */
export const caseworkContacts = pgTable(
  "casework_contacts",
  {
    id: id(),
    ...tenantColumns(),
    kind: text("kind").notNull(),
    occurredOn: date("occurred_on").notNull(),
    entryRoute: text("entry_route"),
    questionType: text("question_type"),
    createdAt: createdAt(),
  },
  (t) => [
    index("casework_contacts_team_month").on(t.teamId, t.occurredOn),
    check("casework_contacts_kind", sql`${t.kind} in ('contact', 'objection')`),
    check(
      "casework_contacts_objection_anonymous",
      sql`${t.kind} = 'contact' or (${t.entryRoute} is null and ${t.questionType} is null and extract(day from ${t.occurredOn}) = 1)`,
    ),
  ],
);

/**
 * A household: what the whole team may see (pseudonymous reference and
 * initials, status). Owned by the team whose buurt it lived in on the intake
 * date; it moves only by an explicit transfer (household_transfers).
 */
export const households = pgTable(
  "households",
  {
    id: id(),
    ...tenantColumns(),
    /** The team's resident pseudonym (PREFIX-digits, e.g. MB-0142); also what a spend request shows. */
    reference: text("reference").notNull(),
    initials: text("initials").notNull().default(""),
    buurtId: uuid("buurt_id")
      .notNull()
      .references(() => buurten.id),
    status: text("status").notNull().default("open"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("households_team_reference").on(t.teamId, t.reference, t.municipalityId),
    index("households_team_status").on(t.teamId, t.status),
    check("households_status", sql`${t.status} in ('open', 'closed')`),
  ],
);

/** What only the case team reads of a household: type and address. */
export const householdProfiles = pgTable("household_profiles", {
  householdId: uuid("household_id")
    .primaryKey()
    .references(() => households.id, { onDelete: "cascade" }),
  ...tenantColumns(),
  householdType: text("household_type").notNull(),
  address: text("address").notNull().default(""),
  postcode: text("postcode").notNull().default(""),
  phone: text("phone").notNull().default(""),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A person in a household. Date of birth and BSN only when a provision needs them; BSN encrypted (AES-GCM, key outside the database). */
export const householdPersons = pgTable(
  "household_persons",
  {
    id: id(),
    ...tenantColumns(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    name: text("name").notNull().default(""),
    role: text("role").notNull(),
    gender: text("gender").notNull().default("unknown"),
    birthYear: integer("birth_year"),
    dateOfBirth: date("date_of_birth"),
    bsnCiphertext: text("bsn_ciphertext"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("household_persons_household").on(t.householdId),
    check("household_persons_role", sql`${t.role} in ('adult', 'child', 'other')`),
    check("household_persons_gender", sql`${t.gender} in ('female', 'male', 'other', 'unknown')`),
    check("household_persons_birth_year", sql`${t.birthYear} is null or ${t.birthYear} between 1900 and 2100`),
  ],
);

/**
 * A case: one episode of support from intake to closing, with its one plan
 * and one regisseur. At most one open case per household.
 */
export const cases = pgTable(
  "cases",
  {
    id: id(),
    ...tenantColumns(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    intakeOn: date("intake_on").notNull(),
    entryRoute: text("entry_route").notNull(),
    question: text("question").notNull().default(""),
    questionType: text("question_type").notNull(),
    intakeNotes: text("intake_notes").notNull().default(""),
    regisseurId: uuid("regisseur_id")
      .notNull()
      .references(() => users.id),
    /** Legal basis of the record, which sets its retention (docs/dpia.md). */
    legalBasis: text("legal_basis").notNull().default("none"),
    status: text("status").notNull().default("open"),
    closedOn: date("closed_on"),
    closeReason: text("close_reason"),
    /** The "other way of working" assessment at closing: yes / no / unknown each. */
    actedDifferently: text("acted_differently"),
    differentArrangement: text("different_arrangement"),
    timeGained: text("time_gained"),
    neighbourhoodStrengthUsed: text("neighbourhood_strength_used"),
    sufficientSupport: text("sufficient_support"),
    residentSatisfied: text("resident_satisfied"),
    /** Set at closing from the legal basis; the purge destroys the household after it. */
    retainUntil: date("retain_until"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cases_one_open_per_household")
      .on(t.householdId, t.municipalityId)
      .where(sql`${t.status} = 'open'`),
    index("cases_team_intake").on(t.teamId, t.intakeOn),
    index("cases_regisseur").on(t.regisseurId, t.status),
    /** case_access() and household_has_case() look cases up by household for every row a policy checks (the history import inserts thousands). */
    index("cases_household").on(t.householdId),
    check("cases_status", sql`${t.status} in ('open', 'closed')`),
    check("cases_legal_basis", sql`${t.legalBasis} in ('wmo', 'jeugdwet', 'none', 'withdrawn')`),
    check("cases_closed", sql`(${t.status} = 'closed') = (${t.closedOn} is not null)`),
    check(
      "cases_assessment",
      sql`coalesce(${t.actedDifferently}, 'unknown') in ('yes', 'no', 'unknown') and coalesce(${t.differentArrangement}, 'unknown') in ('yes', 'no', 'unknown') and coalesce(${t.timeGained}, 'unknown') in ('yes', 'no', 'unknown') and coalesce(${t.neighbourhoodStrengthUsed}, 'unknown') in ('yes', 'no', 'unknown') and coalesce(${t.sufficientSupport}, 'unknown') in ('yes', 'no', 'unknown') and coalesce(${t.residentSatisfied}, 'unknown') in ('yes', 'no', 'unknown')`,
    ),
  ],
);

/** Other professionals involved in a case (team members, partner staff in the team). */
export const caseInvolved = pgTable(
  "case_involved",
  {
    ...tenantColumns(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index("case_involved_user").on(t.userId, t.householdId)],
);

/** A goal of the plan in one life domain (ZRM domain key), with its type. */
export const caseGoals = pgTable(
  "case_goals",
  {
    id: id(),
    ...tenantColumns(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    lifeDomain: text("life_domain").notNull(),
    description: text("description").notNull(),
    goalType: text("goal_type").notNull(),
    status: text("status").notNull().default("open"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("case_goals_case").on(t.caseId),
    check("case_goals_type", sql`${t.goalType} in ('improve', 'stabilise', 'guided_decline')`),
    check("case_goals_status", sql`${t.status} in ('open', 'achieved', 'partly_achieved', 'not_achieved')`),
  ],
);

/**
 * The sociale kaart: a city-wide directory of providers and their offers,
 * kept by coordinators and the functional admin, read by every professional.
 * It holds no resident data.
 */
export const socialMapProviders = pgTable(
  "social_map_providers",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    description: text("description").notNull().default(""),
    layer: text("layer").notNull(),
    lifeDomains: text("life_domains")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Buurten served; empty = the whole city. */
    buurtIds: uuid("buurt_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    address: text("address").notNull().default(""),
    phone: text("phone").notNull().default(""),
    email: text("email").notNull().default(""),
    website: text("website").notNull().default(""),
    hours: text("hours").notNull().default(""),
    /** The buurtinitiatief this entry is (issue 19): the kaart links to it and the initiative's page back. */
    initiativeId: uuid("initiative_id").references(() => neighbourhoodInitiatives.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("social_map_providers_name").on(t.municipalityId, sql`lower(${t.name})`),
    index("social_map_providers_initiative").on(t.initiativeId),
    check("social_map_providers_layer", sql`${t.layer} in ('own_strength', 'social_network', 'general', 'individual')`),
  ],
);

export const socialMapOffers = pgTable(
  "social_map_offers",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => socialMapProviders.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    layer: text("layer").notNull(),
    lifeDomains: text("life_domains")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    index("social_map_offers_provider").on(t.providerId),
    check("social_map_offers_layer", sql`${t.layer} in ('own_strength', 'social_network', 'general', 'individual')`),
  ],
);

/**
 * Support in a case per kanteling layer; `existing` marks support the
 * household already had at intake. The provider comes from the sociale
 * kaart where it is listed (providerId/offerId), otherwise by name.
 */
export const caseArrangements = pgTable(
  "case_arrangements",
  {
    id: id(),
    ...tenantColumns(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    layer: text("layer").notNull(),
    existing: boolean("existing").notNull().default(false),
    providerId: uuid("provider_id").references(() => socialMapProviders.id),
    offerId: uuid("offer_id").references(() => socialMapOffers.id),
    providerName: text("provider_name").notNull().default(""),
    description: text("description").notNull().default(""),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    status: text("status").notNull().default("planned"),
    /** A Buurtservice match of the case's team (own strength / social network layers only; issue 19). */
    buurtserviceMatchId: uuid("buurtservice_match_id").references(() => buurtserviceMatches.id),
    /** A buurtinitiatief of the municipality (any layer; issue 19). */
    initiativeId: uuid("initiative_id").references(() => neighbourhoodInitiatives.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("case_arrangements_case").on(t.caseId),
    index("case_arrangements_match").on(t.buurtserviceMatchId),
    index("case_arrangements_initiative").on(t.initiativeId),
    check("case_arrangements_match_layer", sql`${t.buurtserviceMatchId} is null or ${t.layer} in ('own_strength', 'social_network')`),
    check("case_arrangements_layer", sql`${t.layer} in ('own_strength', 'social_network', 'general', 'individual')`),
    check("case_arrangements_status", sql`${t.status} in ('planned', 'running', 'ended', 'stopped')`),
    check("case_arrangements_dates", sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** Which goals an arrangement serves (several per arrangement). */
export const caseArrangementGoals = pgTable(
  "case_arrangement_goals",
  {
    ...tenantColumns(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    arrangementId: uuid("arrangement_id")
      .notNull()
      .references(() => caseArrangements.id, { onDelete: "cascade" }),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => caseGoals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.arrangementId, t.goalId] })],
);

/** A dated ZRM measurement; its scores are only the domains that matter for the question. */
export const zrmMeasurements = pgTable(
  "zrm_measurements",
  {
    id: id(),
    ...tenantColumns(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    measuredOn: date("measured_on").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("zrm_measurements_case").on(t.caseId, t.measuredOn)],
);

export const zrmScores = pgTable(
  "zrm_scores",
  {
    ...tenantColumns(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    measurementId: uuid("measurement_id")
      .notNull()
      .references(() => zrmMeasurements.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    score: integer("score").notNull(),
  },
  (t) => [primaryKey({ columns: [t.measurementId, t.domain] }), check("zrm_scores_score", sql`${t.score} between 1 and 5`)],
);

/** A referral to the second line, with its outcome. */
export const caseReferrals = pgTable(
  "case_referrals",
  {
    id: id(),
    ...tenantColumns(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    destination: text("destination").notNull(),
    description: text("description").notNull().default(""),
    referredOn: date("referred_on").notNull(),
    outcome: text("outcome").notNull().default("pending"),
    outcomeOn: date("outcome_on"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("case_referrals_case").on(t.caseId),
    check("case_referrals_destination", sql`${t.destination} in ('specialised_care', 'veiligheidshuis', 'wmo', 'youth', 'other')`),
    check("case_referrals_outcome", sql`${t.outcome} in ('pending', 'accepted', 'declined', 'completed', 'withdrawn')`),
    check("case_referrals_outcome_on", sql`(${t.outcome} = 'pending') = (${t.outcomeOn} is null)`),
  ],
);

/**
 * An explicit transfer of a household to another team: proposed by the
 * owning team's coordinator with a reason, accepted or declined by the
 * receiving team's coordinator. Never a silent move (docs/casework.md).
 */
export const householdTransfers = pgTable(
  "household_transfers",
  {
    id: id(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    fromTeamId: uuid("from_team_id")
      .notNull()
      .references(() => teams.id),
    toTeamId: uuid("to_team_id")
      .notNull()
      .references(() => teams.id),
    reason: text("reason").notNull(),
    status: text("status").notNull().default("proposed"),
    proposedBy: uuid("proposed_by")
      .notNull()
      .references(() => users.id),
    decidedBy: uuid("decided_by").references(() => users.id),
    decisionNote: text("decision_note").notNull().default(""),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The household's reference in the proposing team (the receiving coordinator cannot read that team's households). */
    fromReference: text("from_reference").notNull().default(""),
    /** Its new reference in the receiving team's format, set at acceptance (migration 0032). */
    toReference: text("to_reference"),
  },
  (t) => [
    uniqueIndex("household_transfers_one_open")
      .on(t.householdId, t.municipalityId)
      .where(sql`${t.status} = 'proposed'`),
    check("household_transfers_status", sql`${t.status} in ('proposed', 'accepted', 'declined', 'withdrawn')`),
    check("household_transfers_other_team", sql`${t.fromTeamId} <> ${t.toTeamId}`),
  ],
);

/** Break-the-glass: a team member outside the case team opens a record for a while, with a reason. */
export const caseAccessGrants = pgTable(
  "case_access_grants",
  {
    id: id(),
    ...tenantColumns(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("case_access_grants_user").on(t.userId, t.householdId, t.expiresAt),
    check("case_access_grants_window", sql`${t.expiresAt} > ${t.grantedAt} and ${t.expiresAt} <= ${t.grantedAt} + interval '8 hours'`),
  ],
);

/**
 * Every read of a household record: who, when, which part, and by which
 * right. Append-only; keeps the reference, not a foreign key, so that the
 * log outlives an erasure until the household's own retention ends.
 */
export const caseReadLog = pgTable(
  "case_read_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ...tenantColumns(),
    householdId: uuid("household_id").notNull(),
    householdReference: text("household_reference").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    part: text("part").notNull(),
    access: text("access").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("case_read_log_household").on(t.householdId, t.readAt),
    check("case_read_log_access", sql`${t.access} in ('case_team', 'coordinator', 'break_glass')`),
  ],
);

/** What the retention purge and erasures destroyed: the kind of record, the reference, when and why; never the content. */
export const caseworkDestructionLog = pgTable(
  "casework_destruction_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ...tenantColumns(),
    recordKind: text("record_kind").notNull(),
    householdReference: text("household_reference").notNull(),
    legalBasis: text("legal_basis"),
    reason: text("reason").notNull(),
    destroyedAt: timestamp("destroyed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("casework_destruction_log_team").on(t.teamId, t.destroyedAt),
    check("casework_destruction_log_reason", sql`${t.reason} in ('retention', 'erasure')`),
  ],
);

// ── Casework figures (issue 16): summaries kept by triggers in the same
// transaction as the change (migration casework_figures_summaries,
// docs/figures.md). No resident data: counts per team × intake month.

/**
 * One row per case: what the case contributes to the month figures, as a
 * jsonb array of [metric, key, n, total], counted in the case's intake
 * month (the cohort rule). When a case is deleted (erasure, retention purge)
 * its row is folded into casework_retired_figures and removed. No app_user access.
 */
export const caseworkCaseFacts = pgTable("casework_case_facts", {
  caseId: uuid("case_id").primaryKey(),
  municipalityId: uuid("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  teamId: uuid("team_id")
    .notNull()
    .references(() => teams.id),
  month: date("month").notNull(),
  contributions: jsonb("contributions").notNull(),
});

/** The casework figures per team × month × metric × key: a count n and a summed total (e.g. ZRM change). */
export const caseworkMonthFigures = pgTable(
  "casework_month_figures",
  {
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    month: date("month").notNull(),
    metric: text("metric").notNull(),
    key: text("key").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
    total: bigint("total", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.month, t.metric, t.key] }),
    index("casework_month_figures_municipality").on(t.municipalityId, t.month),
    /** The rows a refresh brought to zero, deleted right after (a tiny index). */
    index("casework_month_figures_empty")
      .on(t.teamId)
      .where(sql`${t.n} = 0`),
  ],
);

/**
 * One version per team of its casework figures: bumped by a statement-level
 * trigger on casework_month_figures for every team a statement touched, so the
 * list of (team, version) a city reads names exactly the figures it was built
 * from (the figures cache, docs/figures.md). Per team, not per municipality:
 * writers of different teams never wait on one row. Written only by the trigger.
 */
export const caseworkFiguresVersions = pgTable(
  "casework_figures_versions",
  {
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id").notNull(),
    version: bigint("version", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "casework_figures_versions_pk", columns: [t.teamId, t.municipalityId] }),
    foreignKey({ name: "casework_figures_versions_team_fk", columns: [t.teamId, t.municipalityId], foreignColumns: [teams.id, teams.municipalityId] }),
  ],
);

/**
 * The contributions of deleted cases (erasure, retention purge), summed per
 * team × month × metric × key with no case id: when a case is deleted its
 * facts row is folded in here and removed, so the figures of a past year do
 * not shrink and nothing per case outlives the file (migration 0042). No app_user access.
 */
export const caseworkRetiredFigures = pgTable(
  "casework_retired_figures",
  {
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    month: date("month").notNull(),
    metric: text("metric").notNull(),
    key: text("key").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
    total: bigint("total", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.month, t.metric, t.key] }), index("casework_retired_figures_municipality").on(t.municipalityId)],
);

/**
 * What a team costs in a year, one line per cost: staff hours of a partner
 * organisation at its hourly rate, rent, ICT, coaching, other. The controller
 * keeps them (a save replaces a team × year's lines); the business case sets
 * them against the returns (docs/business-case.md). No resident data.
 */
export const teamCostLines = pgTable(
  "team_cost_lines",
  {
    id: id(),
    ...tenantColumns(),
    year: integer("year").notNull(),
    kind: text("kind").notNull(),
    /** Staff lines: whose hours. */
    partnerOrganisationId: uuid("partner_organisation_id").references(() => partnerOrganisations.id),
    hours: numeric("hours", { precision: 8, scale: 1 }),
    hourlyRateCents: bigint("hourly_rate_cents", { mode: "number" }),
    /** Staff: round(hours × rate); other kinds: the amount entered. */
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    description: text("description").notNull().default(""),
    /** Where the figure comes from (invoice, agreement, estimate). */
    source: text("source").notNull().default(""),
    position: integer("position").notNull().default(0),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("team_cost_lines_team_year").on(t.teamId, t.year),
    index("team_cost_lines_municipality_year").on(t.municipalityId, t.year),
    check("team_cost_lines_kind", sql`${t.kind} in ('staff', 'rent', 'ict', 'coaching', 'other')`),
    check("team_cost_lines_year", sql`${t.year} between 2000 and 2100`),
    check("team_cost_lines_amount", sql`${t.amountCents} >= 0 and ${t.amountCents} <= 100000000000`),
    check(
      "team_cost_lines_staff",
      sql`(${t.kind} = 'staff') = (${t.partnerOrganisationId} is not null and ${t.hours} is not null and ${t.hourlyRateCents} is not null)`,
    ),
    check("team_cost_lines_staff_amount", sql`${t.kind} <> 'staff' or ${t.amountCents} = round(${t.hours} * ${t.hourlyRateCents})`),
    check("team_cost_lines_other", sql`${t.kind} <> 'other' or length(${t.description}) > 0`),
  ],
);

/**
 * Avoided costs recorded when a case is closed: which problems were
 * prevented, each against a return norm (the workbudget's, so every amount
 * has its source), with a count. The norm's amount is copied at closing, so
 * a later change of the norm does not rewrite a closed year. Casework
 * content (RLS through case_access()); the business case reads only the
 * per-team sums of business_case_avoided_costs() (migration 0041).
 */
export const caseAvoidedCosts = pgTable(
  "case_avoided_costs",
  {
    id: id(),
    ...tenantColumns(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    normId: uuid("norm_id")
      .notNull()
      .references(() => returnNorms.id),
    count: integer("count").notNull().default(1),
    unitAmountCents: bigint("unit_amount_cents", { mode: "number" }).notNull(),
    /** The case's closing day: the business case's year. */
    closedOn: date("closed_on").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("case_avoided_costs_case_norm").on(t.caseId, t.normId, t.municipalityId),
    index("case_avoided_costs_team_closed").on(t.teamId, t.closedOn),
    index("case_avoided_costs_municipality_closed").on(t.municipalityId, t.closedOn),
    check("case_avoided_costs_count", sql`${t.count} between 1 and 1000`),
    check("case_avoided_costs_amount", sql`${t.unitAmountCents} >= 0`),
  ],
);

export const schema = {
  municipalities,
  municipalitySettings,
  teams,
  buurten,
  buurtAssignments,
  partnerOrganisations,
  users,
  sessions,
  recoveryCodes,
  passwordResetTokens,
  teamMemberships,
  membershipTerms,
  scopeRoles,
  invitations,
  outboxEmails,
  auditEvents,
  budgets,
  budgetPots,
  returnNorms,
  spendRequests,
  spendTransitions,
  ledgerPostings,
  idempotencyKeys,
  notifications,
  apiTokens,
  spendAttachments,
  workgroups,
  workgroupMembers,
  workgroupPosts,
  handbookPages,
  handbookVersions,
  workgroupMeetings,
  workgroupProposals,
  workgroupProposalResponses,
  workgroupDecisions,
  workgroupActionItems,
  workgroupAttachments,
  notificationPreferences,
  notificationDigests,
  successStories,
  storyReactions,
  knowledgeQuestions,
  knowledgeAnswers,
  partnerAgreements,
  agreementContributions,
  agreementProducts,
  agreementProductDeliveries,
  partnerExportTokens,
  timeRegistrations,
  timeRegistrationReminders,
  teamCards,
  cardPaymentSelections,
  stripeEvents,
  issuingAuthorizations,
  issuingTransactions,
  stripeOutbox,
  teamContacts,
  streets,
  buurtserviceEntries,
  buurtserviceMatches,
  neighbourhoodInitiatives,
  caseworkContacts,
  households,
  householdProfiles,
  householdPersons,
  cases,
  caseInvolved,
  caseGoals,
  socialMapProviders,
  socialMapOffers,
  caseArrangements,
  caseArrangementGoals,
  zrmMeasurements,
  zrmScores,
  caseReferrals,
  householdTransfers,
  caseAccessGrants,
  caseReadLog,
  caseworkDestructionLog,
  caseworkCaseFacts,
  caseworkMonthFigures,
  caseworkRetiredFigures,
  teamCostLines,
  caseAvoidedCosts,
};

/**
 * The background jobs' schedules (packages/core/src/jobs, docs/operations.md):
 * one row per schedule with the last time slot that was claimed. A worker
 * enqueues a slot's job only when it moves last_slot forward (an UPDATE …
 * WHERE last_slot < slot), so two workers that see the same slot enqueue it
 * once. Not a tenant table: no municipality, used on the owner connection only.
 */
export const jobSchedules = pgTable("job_schedules", {
  name: text("name").primaryKey(),
  lastSlot: timestamp("last_slot", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
