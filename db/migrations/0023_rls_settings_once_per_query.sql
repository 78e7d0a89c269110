-- Row-level security evaluated once per query, not once per row
-- (docs/decisions/0010-rls-settings-once-per-query.md). The scope functions
-- app_scope(), app_municipality(), app_tenant(), app_partner() and
-- app_user_id() read a setting of the transaction: the same value for every
-- row. Called bare in a policy, PostgreSQL inlines them and calls
-- current_setting() for each row it checks (≈ 1 µs a row, 45 ms on a
-- budget year's 42.000 postings). Wrapped as a scalar subquery
-- "(SELECT app_tenant())" the value is computed once per query (an InitPlan)
-- and the planner can use it in index conditions. Same rules, same results:
-- only how often the setting is read changes. Later migrations write their
-- policies this way.
DO $$
DECLARE
  p record;
  wrap constant text := '\m(app_scope|app_municipality|app_tenant|app_partner|app_user_id)\(\)';
  using_expr text;
  check_expr text;
BEGIN
  FOR p IN
    SELECT pol.polname, c.relname, pg_get_expr(pol.polqual, pol.polrelid) AS qual, pg_get_expr(pol.polwithcheck, pol.polrelid) AS with_check
    FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public'
  LOOP
    using_expr := regexp_replace(p.qual, wrap, '(SELECT \1())', 'g');
    check_expr := regexp_replace(p.with_check, wrap, '(SELECT \1())', 'g');
    IF using_expr IS DISTINCT FROM p.qual THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s)', p.polname, p.relname, using_expr);
    END IF;
    IF check_expr IS DISTINCT FROM p.with_check THEN
      EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', p.polname, p.relname, check_expr);
    END IF;
  END LOOP;
END
$$;
