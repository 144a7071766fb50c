#!/usr/bin/env bash
# Checks deploy/nudgebot.service with `systemd-analyze verify` (Debian package `systemd`).
# verify exits 0 on unknown keys and bad values, so any output at all counts as a failure.
# Installs the package when missing and root; otherwise says plainly that it skipped, and
# under CI=true a skip is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
UNIT=deploy/nudgebot.service
NUDGEBOT=${1:-$PWD/.venv/bin/nudgebot}

if ! command -v systemd-analyze >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "verify-unit: installing the Debian package systemd" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd >&2
  else
    echo "NOTE: systemd-analyze missing and this user cannot install it: unit check SKIPPED" >&2
    [ "${CI:-}" = true ] && exit 1
    exit 0
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# verify checks that ExecStart exists: point it at this checkout's console script.
sed "s#/opt/nudgebot/.venv/bin/nudgebot#$NUDGEBOT#" "$UNIT" > "$work/nudgebot.service"
if ! out=$(SYSTEMD_LOG_LEVEL=notice systemd-analyze verify "$work/nudgebot.service" 2>&1) || [ -n "$out" ]; then
  echo "verify-unit: $UNIT does not verify:" >&2
  echo "$out" >&2
  exit 1
fi
score=$(systemd-analyze security --offline=true "$work/nudgebot.service" 2>/dev/null | tail -n 1 || true)
echo "verify-unit: $UNIT verifies; ${score#→ }"
