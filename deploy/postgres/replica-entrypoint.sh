#!/bin/sh
# The streaming read replica (ADR 0022): on first start, an empty data directory is filled by pg_basebackup from
# the primary with -R (standby.signal and primary_conninfo), then PostgreSQL runs as a hot standby. Later starts
# keep the data and resume streaming. The primary keeps a physical replication slot for it, so WAL it has not
# received yet is never removed (watch the slot's retained WAL: docs/operations.md, "Replica lag").
set -eu
: "${PRIMARY_HOST:?set PRIMARY_HOST}"
: "${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD}"
export PGPASSWORD="$REPLICATION_PASSWORD"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}" -U replicator; do sleep 1; done
  pg_basebackup -h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}" -U replicator -D "$PGDATA" -R -X stream -c fast \
    --create-slot --slot "${REPLICATION_SLOT:-replica_1}" || \
  pg_basebackup -h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}" -U replicator -D "$PGDATA" -R -X stream -c fast --slot "${REPLICATION_SLOT:-replica_1}"
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on -c max_standby_streaming_delay=30s
