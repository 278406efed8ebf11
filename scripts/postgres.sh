#!/usr/bin/env bash
# A throwaway PostgreSQL on 127.0.0.1 for tests and local runs.
#   scripts/postgres.sh start DIR PORT   initialise (if needed) and start; creates database/user "tollgate"
#   scripts/postgres.sh stop DIR         stop it (fast shutdown)
#   scripts/postgres.sh kill DIR         stop it at once (for outage tests)
# Installs the Debian "postgresql" package if the server binaries are missing. The server refuses
# to run as root, so it runs as the "postgres" user.
case "${1:-}" in -h|--help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0;; esac
set -euo pipefail

cmd=${1:?start|stop|kill}
dir=${2:?data directory}
port=${3:-55432}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries missing: installing the postgresql package" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_postgres "'$bin/initdb' -D '$dir' -U postgres --auth=trust -E UTF8 >/dev/null"
    fi
    # TCP connections need the password (scram-sha-256), so that a wrong TOLLGATE_DB_PASSWORD is refused
    # as by a real server (PostgresResilienceIT); the superuser "postgres" stays without one (this
    # script's and the tests' psql); written on every start, so that an older directory follows too
    as_postgres "printf '%s\\n' 'local all all trust' \
      'host all postgres 127.0.0.1/32 trust' 'host all all 127.0.0.1/32 scram-sha-256' \
      'host all postgres ::1/128 trust' 'host all all ::1/128 scram-sha-256' > '$dir/pg_hba.conf'"
    # a failed start says why (the server's log is in the data directory, which callers may remove),
    # and is tried again: a start can fail for a passing reason (the port held for a moment)
    started=
    for attempt in 1 2 3; do
      if as_postgres "'$bin/pg_ctl' -D '$dir' -l '$dir/server.log' -w -t 60 \
          -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c max_connections=200\" start >/dev/null"; then
        started=1; break
      fi
      echo "PostgreSQL did not start on 127.0.0.1:$port (attempt $attempt of 3); the end of its log:" >&2
      tail -n 20 "$dir/server.log" >&2 || true
      echo "sockets on port $port:" >&2
      ss -tanp "( sport = :$port )" >&2 2>/dev/null || true
      sleep $((attempt * 5))
    done
    [ -n "$started" ] || { echo "PostgreSQL did not start: see above" >&2; exit 1; }
    as_postgres "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -tAc \"SELECT 1 FROM pg_roles WHERE rolname='tollgate'\"" | grep -q 1 \
      || as_postgres "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -qc \"CREATE USER tollgate PASSWORD 'tollgate'\""
    as_postgres "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='tollgate'\"" | grep -q 1 \
      || as_postgres "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -qc \"CREATE DATABASE tollgate OWNER tollgate\""
    echo "PostgreSQL listening on 127.0.0.1:$port (database tollgate, user tollgate, password tollgate)"
    ;;
  stop)
    [ -f "$dir/postmaster.pid" ] && as_postgres "'$bin/pg_ctl' -D '$dir' -m fast -w stop >/dev/null" || true
    ;;
  kill)
    [ -f "$dir/postmaster.pid" ] && as_postgres "'$bin/pg_ctl' -D '$dir' -m immediate -w stop >/dev/null" || true
    ;;
  *)
    echo "usage: $0 start|stop|kill DIR [PORT]" >&2; exit 2 ;;
esac
