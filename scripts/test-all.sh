#!/usr/bin/env bash
# Second command of the README: installs what the tests need (pnpm, a running
# PostgreSQL, Debian's Chromium) and runs ALL tests: typecheck, lint (ESLint),
# formatting (Prettier), unit and integration (vitest, real PostgreSQL and
# PGlite), end-to-end (Playwright).
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
# Every way out ends with the summary line; a step that cannot run counts as failed.
setup_failed() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/ensure-tools.sh pnpm postgres chromium || setup_failed "Installeren van de hulpmiddelen mislukt."
pnpm install --frozen-lockfile || setup_failed "pnpm install mislukt."
mkdir -p .cache
rm -f .cache/*.json
status=0
step() { echo; echo "══ $1"; }
# A check that is not a test runner reports one passed or failed item.
record() { if [ "$2" -eq 0 ]; then echo '{"passed":1,"failed":0}' > ".cache/$1.json"; else echo '{"passed":0,"failed":1}' > ".cache/$1.json"; status=1; fi; }
summarize() { node scripts/summarize-tests.mjs .cache/doc-paths.json .cache/typecheck.json .cache/build.json "$@" || status=1; exit $status; }

step "Bestandsverwijzingen in commentaar en documentatie (scripts/check-doc-paths.mjs)"
# A comment or doc that names a file that does not exist fails, with file:line: path.
node scripts/check-doc-paths.mjs --json .cache/doc-paths.json || status=1

step "Typecheck (tsc), lint (pnpm lint: ESLint) en opmaak (pnpm format:check: Prettier)"
# ESLint and Prettier run beside tsc, which keeps one core busy for a minute or more:
# they cost next to no wall time. Their output is shown after tsc's, each under its own name.
pnpm -s lint > .cache/lint.log 2>&1 &
lint_pid=$!
pnpm -s format:check > .cache/format.log 2>&1 &
format_pid=$!
pnpm exec tsc --noEmit
record typecheck $?
wait $lint_pid
lint_status=$?
echo "── ESLint"; cat .cache/lint.log
record lint $lint_status
wait $format_pid
format_status=$?
echo "── Prettier"; cat .cache/format.log
record format $format_status

step "Build"
pnpm build
build_status=$?
record build $build_status
# Without a build neither the route tests nor the end-to-end tests can run.
[ $build_status -ne 0 ] && summarize .cache/lint.json .cache/format.json

step "Demo zoals geleverd (bash scripts/demo.sh; elk demo-account in Chromium)"
# The README's first command itself (only the port and a fresh database folder set), every demo account
# of the README logs in. demo.sh rebuilds build/: it runs alone, before the steps that use the build.
PLAYWRIGHT_JSON_OUTPUT_NAME=.cache/demo.json pnpm exec playwright test -c playwright.demo.config.ts --reporter=list,json || status=1

step "Unit- en integratietests (vitest)"
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json || status=1

step "End-to-end (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=.cache/playwright.json pnpm exec playwright test --reporter=list,json || status=1

step "Grootboekcontrole (pnpm ledger:check) op de database van de end-to-end-run"
# The e2e server's embedded database after every journey has moved money through it.
E2E_RUN_DIR=$(cat ".data/e2e-current-${E2E_PORT:-3100}" 2>/dev/null || true)
if [ -n "$E2E_RUN_DIR" ] && [ -d "$E2E_RUN_DIR/pglite" ]; then
  PGLITE_DATA_DIR="$E2E_RUN_DIR/pglite" pnpm -s ledger:check
  record ledger-check $?
else
  echo "Geen database van de end-to-end-run gevonden."
  record ledger-check 1
fi

step "Casuscijfercontrole (pnpm casework:check) op de database van de end-to-end-run"
# The casework summaries kept by the triggers, recomputed from the registrations the journeys made.
if [ -n "$E2E_RUN_DIR" ] && [ -d "$E2E_RUN_DIR/pglite" ]; then
  PGLITE_DATA_DIR="$E2E_RUN_DIR/pglite" pnpm -s casework:check
  record casework-check $?
else
  echo "Geen database van de end-to-end-run gevonden."
  record casework-check 1
fi

summarize .cache/lint.json .cache/format.json .cache/demo.json .cache/vitest.json .cache/playwright.json .cache/ledger-check.json .cache/casework-check.json
