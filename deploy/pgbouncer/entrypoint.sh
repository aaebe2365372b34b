#!/bin/sh
# Debian's PgBouncer in front of the primary, in transaction mode (ADR 0022). The auth file is written at start
# from the roles' passwords in the environment (never baked into the image); PgBouncer authenticates clients
# with SCRAM and logs in to PostgreSQL with the same credentials.
set -eu
: "${APP_DB_PASSWORD:?set APP_DB_PASSWORD}"
: "${JOBS_DB_PASSWORD:?set JOBS_DB_PASSWORD}"
umask 077
{
  printf '"%s" "%s"\n' "${APP_DB_ROLE:-gdtx_app}" "$APP_DB_PASSWORD"
  printf '"%s" "%s"\n' "${JOBS_DB_ROLE:-gdtx_jobs}" "$JOBS_DB_PASSWORD"
} > /tmp/userlist.txt
sed "s/@PRIMARY_HOST@/${PRIMARY_HOST:-postgres}/; s/@PRIMARY_PORT@/${PRIMARY_PORT:-5432}/" /etc/pgbouncer/pgbouncer.ini.in > /tmp/pgbouncer.ini
exec /usr/sbin/pgbouncer /tmp/pgbouncer.ini
