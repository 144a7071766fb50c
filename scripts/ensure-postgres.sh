#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the store's tests and prints its SQLAlchemy URL.
# Installs the Debian package when it is missing and we are root; otherwise says plainly
# why it cannot (on stderr) and prints nothing, so the caller can report the skipped suite.
set -euo pipefail
DIR=${NUDGEBOT_PG_DIR:-/tmp/nudgebot-pg-$(id -u)}
PORT=${NUDGEBOT_PG_PORT:-54329}
DB=nudgebot_test

have_pg() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }

if ! have_pg; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "ensure-postgres: installing the Debian package postgresql" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  else
    echo "ensure-postgres: PostgreSQL is not installed and this user cannot install it (needs root + apt-get)" >&2
    exit 0
  fi
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -f "$DIR/PG_VERSION" ] || [ "$(cat "$DIR/PG_VERSION")" != "$(basename "$(dirname "$BIN")")" ]; then
  rm -rf "$DIR"
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  as_pg "$BIN/initdb" -D "$DIR" -A trust -U postgres -E UTF8 >/dev/null
fi
if ! as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
fi
if ! as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
  as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
fi
echo "postgresql+asyncpg://postgres@127.0.0.1:$PORT/$DB"
