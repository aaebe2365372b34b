#!/bin/sh
# Runs once, when the official postgres image initialises an empty data directory (docker-entrypoint-initdb.d):
# the replication role the streaming replica connects as, and the pg_hba line that lets it (ADR 0022).
set -eu
: "${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
