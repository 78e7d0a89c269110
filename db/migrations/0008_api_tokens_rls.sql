-- Personal API tokens: each user lists, creates and revokes only their own.
-- app_user never reads token_hash (column-level grant): authenticating a
-- bearer token is the checkpoint's own lookup on the owner connection, like
-- sessions. Tokens are revoked (revoked_at), never deleted, so the audit log's
-- references stay meaningful.
GRANT SELECT (id, municipality_id, user_id, name, last_four, created_at, last_used_at, expires_at, revoked_at) ON api_tokens TO app_user;
--> statement-breakpoint
GRANT INSERT ON api_tokens TO app_user;
--> statement-breakpoint
GRANT UPDATE (revoked_at) ON api_tokens TO app_user;
--> statement-breakpoint
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY api_tokens_own_read ON api_tokens FOR SELECT
  USING (user_id = app_user_id() AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY api_tokens_own_insert ON api_tokens FOR INSERT
  WITH CHECK (user_id = app_user_id() AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY api_tokens_own_update ON api_tokens FOR UPDATE
  USING (user_id = app_user_id() AND municipality_id = app_municipality())
  WITH CHECK (user_id = app_user_id() AND municipality_id = app_municipality());
