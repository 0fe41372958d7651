#!/usr/bin/env bash
# Test dependencies for a fresh Debian machine, run as root: PostgreSQL on 127.0.0.1:5432 with a
# role receipts/receipts that may create databases (each test class makes its own database), Chromium for the
# dashboard's browser tests, and Node.js/npm for the dashboard's chart library.
# Idempotent: a second run finds everything in place and only makes sure the cluster is running.
# `--no-postgres` installs only Chromium and npm (for a PostgreSQL server given in RECEIPTS_TEST_POSTGRES).
# Works without systemd (pg_ctlcluster starts the server directly).
# Prints the connection string on its last line, e.g.:
#   export RECEIPTS_TEST_POSTGRES="$(bash scripts/test-deps.sh | tail -n 1)"
set -euo pipefail

PORT="${RECEIPTS_PG_PORT:-5432}"
ROLE=receipts
PASSWORD=receipts

log() { echo "test-deps: $*" >&2; }

# Installs Debian packages; only this needs root, so a machine that has everything runs the script as anyone.
install() {
  if [ "$(id -u)" -ne 0 ]; then
    log "missing: $*; run as root (apt-get install -y $*), or install them yourself"
    exit 1
  fi
  log "installing $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "$@" >&2
}

# The dashboard's browser tests drive Debian's Chromium through Playwright (Playwright's own browser download is
# not used); the server's build runs `npm ci` for the dashboard's chart library.
if [ ! -x /usr/bin/chromium ]; then install chromium; fi
if ! command -v npm >/dev/null 2>&1; then install nodejs npm; fi

# --no-postgres: the browser and npm only (a PostgreSQL server is given in RECEIPTS_TEST_POSTGRES).
if [ "${1:-}" = "--no-postgres" ]; then exit 0; fi

if [ "$(id -u)" -ne 0 ]; then
  log "run as root (it installs PostgreSQL with apt-get and starts a cluster as the postgres user)"
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  install postgresql
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
CLUSTER=main
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
  log "creating cluster $VERSION/$CLUSTER"
  pg_createcluster "$VERSION" "$CLUSTER" -p "$PORT" >&2
fi

# Loopback only, password auth for TCP (the Debian default for host lines is scram-sha-256).
CONF="/etc/postgresql/$VERSION/$CLUSTER/postgresql.conf"
if ! grep -q "^listen_addresses = '127.0.0.1'" "$CONF"; then
  echo "listen_addresses = '127.0.0.1'" >> "$CONF"
fi
if ! grep -q "^port = $PORT" "$CONF"; then
  echo "port = $PORT" >> "$CONF"
fi
# Test classes and server replicas each hold a connection pool.
if ! grep -q "^max_connections = 200" "$CONF"; then
  echo "max_connections = 200" >> "$CONF"
fi

STATUS="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}')"
if [ "$STATUS" != "online" ]; then
  log "starting cluster $VERSION/$CLUSTER on 127.0.0.1:$PORT"
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
else
  log "cluster $VERSION/$CLUSTER is running"
fi

for _ in $(seq 1 30); do
  if su postgres -c "psql -p $PORT -qtAc 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

if [ "$(su postgres -c "psql -p $PORT -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != "1" ]; then
  log "creating role $ROLE"
  su postgres -c "psql -p $PORT -qc \"CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'\"" >&2
fi
if [ "$(su postgres -c "psql -p $PORT -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'receipts'\"")" != "1" ]; then
  su postgres -c "psql -p $PORT -qc \"CREATE DATABASE receipts OWNER $ROLE\"" >&2
fi

echo "Host=127.0.0.1;Port=$PORT;Username=$ROLE;Password=$PASSWORD;Database=receipts"
