#!/usr/bin/env bash
# First command of the README: install, build, create the embedded database
# with the demo data of the eight teams, and start on http://localhost:3000.
# PORT and PGLITE_DATA_DIR (where the embedded database lives) may be set;
# the CI demo test (playwright.demo.config.ts) sets only these two.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh pnpm
pnpm install --frozen-lockfile
pnpm build
pnpm db:seed

# The build refuses to start without MFA_ENCRYPTION_KEY, the key that seals
# the TOTP secrets of two-step verification. The demo makes its own once —
# random, readable only by you — and reuses it on every restart, so the TOTP
# that the admin and the controller set up earlier keeps working.
if [ -z "${MFA_ENCRYPTION_KEY:-}" ]; then
  MFA_ENCRYPTION_KEY=$(node scripts/demo-key.mjs .data/demo-mfa-key)
  export MFA_ENCRYPTION_KEY
fi
# The demo is served over plain http: a Secure session cookie would be
# dropped at any address but localhost (and by some browsers even there).
export INSECURE_COOKIES="${INSECURE_COOKIES:-true}"
exec pnpm start
