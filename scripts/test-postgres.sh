#!/usr/bin/env bash
# Makes sure a PostgreSQL server is there for the test suite and prints the
# admin URL the tests connect with. Uses FARO_TEST_POSTGRES_URL when it is set
# and answers; otherwise starts (once) a throw-away cluster on 127.0.0.1:55432
# under /tmp, owned by the postgres user (PostgreSQL refuses to run as root).
set -euo pipefail

if [ -n "${FARO_TEST_POSTGRES_URL:-}" ]; then
  if pg_isready -q -d "$FARO_TEST_POSTGRES_URL" 2>/dev/null; then
    echo "$FARO_TEST_POSTGRES_URL"
    exit 0
  fi
  echo "FARO_TEST_POSTGRES_URL is set but does not answer: $FARO_TEST_POSTGRES_URL" >&2
  exit 1
fi

PORT="${FARO_TEST_PG_PORT:-55432}"
DIR="${FARO_TEST_PG_DIR:-/tmp/faro-test-postgres}"
URL="postgres://faro@127.0.0.1:${PORT}/postgres"

if pg_isready -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
  echo "$URL"
  exit 0
fi

BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed (run scripts/install-tools.sh test)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

rm -rf "$DIR"
mkdir -p "$DIR"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
# Throw-away: trust on loopback, no fsync (test speed, not product durability).
as_owner "'$BIN/initdb' -D '$DIR/data' -U faro --auth=trust -E UTF8 --locale=C.UTF-8 >'$DIR/initdb.log' 2>&1"
as_owner "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/server.log' -w -t 60 \
  -o \"-p $PORT -k '$DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start >'$DIR/pg_ctl.log' 2>&1"
echo "$URL"
