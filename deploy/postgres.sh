#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL, with the viewer's role and a database.
# Usage: deploy/postgres.sh [database]   (default gpcv). Prints the connection string on its last
# line. Used by deploy/start.ts (without DATABASE_URL) and by .ci/run; safe to run again.
set -euo pipefail
database="${1:-gpcv}"
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >/dev/null
pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'gpcv'\"" | grep -q 1 ||
  su postgres -c "psql -p $port -qc \"CREATE ROLE gpcv LOGIN PASSWORD 'gpcv' CREATEDB\""
su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname = '$database'\"" | grep -q 1 ||
  su postgres -c "createdb -p $port -O gpcv $database"
echo "postgresql://gpcv:gpcv@127.0.0.1:$port/$database"
