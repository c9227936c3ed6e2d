#!/usr/bin/env bash
# Start a local PostgreSQL server (Debian package) for the storage tests: role/password khabar/khabar,
# databases khabar and khabar_test on localhost:5432. Idempotent; quick when already installed and running.
set -euo pipefail

# Root runs the commands directly; another user needs password-less sudo.
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo -n"; fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$version/main"; then
  $SUDO pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$version" main start
fi

# Wait until the server accepts connections (at most ~30 s).
for _ in $(seq 1 30); do
  if $SUDO su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

psql_admin() { $SUDO su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(psql_admin "select 1 from pg_roles where rolname='khabar'")" != "1" ]; then
  psql_admin "create role khabar login password 'khabar'"
fi
# CREATEDB lets each test session work in its own database (parallel runs do not collide).
psql_admin "alter role khabar createdb"
for db in khabar khabar_test; do
  if [ "$(psql_admin "select 1 from pg_database where datname='$db'")" != "1" ]; then
    psql_admin "create database $db owner khabar"
  fi
done
echo "postgres: ready at postgresql://khabar:khabar@localhost:5432/khabar_test" >&2
