#!/usr/bin/env bash
# Second command of the README: installs what the tests need (pnpm, a running
# PostgreSQL, Debian's Chromium) and runs ALL tests: typecheck, unit and
# integration (vitest, real PostgreSQL and PGlite), end-to-end (Playwright).
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh pnpm postgres chromium || exit 1
pnpm install --frozen-lockfile || exit 1
mkdir -p .cache
rm -f .cache/*.json
status=0
step() { echo; echo "══ $1"; }

step "Typecheck"
if pnpm exec tsc --noEmit; then echo '{"passed":1,"failed":0}' > .cache/typecheck.json; else echo '{"passed":0,"failed":1}' > .cache/typecheck.json; status=1; fi

step "Build"
pnpm build || exit 1

step "Unit- en integratietests (vitest)"
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json || status=1

step "End-to-end (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=.cache/playwright.json pnpm exec playwright test --reporter=list,json || status=1

step "Grootboekcontrole (pnpm ledger:check) op de database van de end-to-end-run"
# The e2e server's embedded database after every journey has moved money through it.
E2E_RUN_DIR=$(cat ".data/e2e-current-${E2E_PORT:-3100}" 2>/dev/null || true)
if [ -n "$E2E_RUN_DIR" ] && [ -d "$E2E_RUN_DIR/pglite" ]; then
  PGLITE_DATA_DIR="$E2E_RUN_DIR/pglite" pnpm -s ledger:check || status=1
else
  echo "Geen database van de end-to-end-run gevonden." && status=1
fi

node scripts/summarize-tests.mjs .cache/typecheck.json .cache/vitest.json .cache/playwright.json || status=1
exit $status
