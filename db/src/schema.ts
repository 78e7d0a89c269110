// The database schema. Tenant-owned tables carry team_id (NOT NULL) and
// municipality_id; their row-level security policies live in the custom
// migration db/migrations/0001_roles_rls.sql (drizzle-kit emits no GRANTs).
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const fundingType = pgEnum("funding_type", ["subsidy", "service_agreement", "municipality"]);
export const teamRole = pgEnum("team_role", ["coordinator", "member", "volunteer"]);
export const scopeRole = pgEnum("scope_role", ["admin", "controller", "partner_manager"]);

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
  mfaRequiredRoles: text("mfa_required_roles").array().notNull().default(sql`ARRAY['admin','controller']::text[]`),
  idleTimeoutMinutes: integer("idle_timeout_minutes").notNull().default(60),
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
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("teams_municipality_slug").on(t.municipalityId, t.slug)],
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
    role: teamRole("role").notNull(),
    contractedHoursPerWeek: numeric("contracted_hours_per_week", { precision: 4, scale: 1 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("team_memberships_team_user").on(t.teamId, t.userId), index("team_memberships_user").on(t.userId)],
);

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
    uniqueIndex("scope_roles_unique").on(t.userId, t.role, sql`coalesce(${t.partnerOrganisationId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
  ],
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
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_team").on(t.teamId)],
);

export const outboxEmails = pgTable("outbox_emails", {
  id: id(),
  municipalityId: uuid("municipality_id").references(() => municipalities.id),
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
    data: jsonb("data").notNull().default(sql`'{}'::jsonb`),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_events_municipality_seq").on(t.municipalityId, t.seq), index("audit_events_action").on(t.action)],
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
  scopeRoles,
  invitations,
  outboxEmails,
  auditEvents,
};
