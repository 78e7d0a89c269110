#!/usr/bin/env bash
# First command of the README: install, build, create the embedded database
# with the demo data of the eight teams, and start on http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh pnpm
pnpm install --frozen-lockfile
pnpm build
pnpm db:seed
exec pnpm start
