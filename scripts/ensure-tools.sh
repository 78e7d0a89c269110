#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine with Node 20:
# pnpm (pinned; corepack fails here), and on request PostgreSQL and Chromium.
set -euo pipefail
PNPM_VERSION=10.34.9

ensure_pnpm() {
  if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    echo "» pnpm $PNPM_VERSION installeren"
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

apt_install() {
  local SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if [ -z "${APT_UPDATED:-}" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "» PostgreSQL installeren"
    apt_install postgresql postgresql-client
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "» PostgreSQL $version starten"
  # Tests connect as postgres over TCP without a password (trust on loopback).
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 1; done
  echo "PostgreSQL start niet" >&2
  exit 1
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  echo "» Chromium installeren (Debian)"
  apt_install chromium
}

for what in "$@"; do "ensure_$what"; done
