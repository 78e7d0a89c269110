-- The scope's getters that row-level security policies call (app_scope(), app_municipality(), …) were PARALLEL
-- UNSAFE by default, which keeps every query that reads a table with such a policy out of a parallel plan: a big
-- city's ten years of casework figures were aggregated by one backend under RLS, by three as the owner
-- (docs/benchmarks.md, session 13). They only read the transaction's settings (set_config) and, for the role and
-- the administered municipalities, two tables: PostgreSQL copies a transaction's settings to its parallel workers,
-- so the workers see the same scope (test: packages/core/test/rls-parallel.test.ts).
ALTER FUNCTION app_scope() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION app_municipality() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION app_tenant() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION app_partner() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION app_user_id() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION app_team_role() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION app_admin_municipalities() PARALLEL SAFE;
