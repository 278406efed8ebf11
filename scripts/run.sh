#!/usr/bin/env bash
# Runs the built server (target/ from `mvn -B package -DskipTests`) on Payara Micro with the flags
# docs/configuration.md describes (payara-config/: JVM options, logging, pre-boot and post-deploy commands; no
# clustering), in the foreground: Ctrl-C or SIGTERM stops it cleanly. Default: http://localhost:8080,
# data in ./data, the log file in ./data/logs.
#   scripts/run.sh [--port N] [--data DIR] [--logs DIR] [-- MORE PAYARA MICRO OPTIONS]
#   --port N      the HTTP port (or TOLLGATE_PORT; default 8080)
#   --data DIR    the data directory: the embedded H2 database and the JWT signing key
#                 (or TOLLGATE_DATA_DIR; default ./data)
#   --logs DIR    where the log file goes, tollgate.0.log (rotated at 10 MB, 5 files kept), created
#                 owner-only (or TOLLGATE_LOG_DIR; default the data directory's logs/); the console
#                 shows warnings, errors and the start summary, the file everything but secrets
#   --help        this text
# Every other setting comes from the environment (docs/configuration.md); with a PostgreSQL
# TOLLGATE_DB_URL the driver (target/postgresql.jar) is added.
case "${1:-}" in -h|--help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0;; esac
set -euo pipefail

HOME_DIR=$(cd "$(dirname "$0")/.." && pwd)
PORT=${TOLLGATE_PORT:-8080}
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || { echo "run.sh: --port needs a number" >&2; exit 2; }; PORT=$2; shift 2 ;;
    --port=*) PORT=${1#--port=}; shift ;;
    --data) [ $# -ge 2 ] || { echo "run.sh: --data needs a directory" >&2; exit 2; }; export TOLLGATE_DATA_DIR=$2; shift 2 ;;
    --data=*) export TOLLGATE_DATA_DIR=${1#--data=}; shift ;;
    --logs) [ $# -ge 2 ] || { echo "run.sh: --logs needs a directory" >&2; exit 2; }; TOLLGATE_LOG_DIR=$2; shift 2 ;;
    --logs=*) TOLLGATE_LOG_DIR=${1#--logs=}; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "run.sh: unknown option '$1' (see scripts/run.sh --help)" >&2; exit 2 ;;
  esac
done
case "$PORT" in ''|*[!0-9]*) echo "run.sh: the port must be a number, not '$PORT'" >&2; exit 2 ;; esac
# a port another process listens on: Payara Micro would still say it started, and print an address that
# reaches that other process; one line and a non-zero exit instead (ss where the machine has it, else a
# connection to the loopback address)
port_holder() {
  if command -v ss >/dev/null; then
    local line; line=$(ss -Htlnp "( sport = :$PORT )" 2>/dev/null | head -1)
    [ -n "$line" ] || return 1
    local pid; pid=$(echo "$line" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
    echo "${pid:+ (pid $pid)}"
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || return 1
    echo ""
  fi
}
if holder=$(port_holder); then
  echo "run.sh: port $PORT is in use$holder: set --port or TOLLGATE_PORT" >&2
  exit 1
fi

for built in target/payara-micro.jar target/tollgate.war; do
  [ -f "$HOME_DIR/$built" ] || { echo "run.sh: no $built: build first with 'mvn -B package -DskipTests'" >&2; exit 2; }
done

# the log file's directory (payara-config/logging.properties reads TOLLGATE_LOG_DIR; Java's file handler
# creates no directory): owner-only, since the log names users and client addresses; absolute, so that the
# lines that name the file name it wherever they are read
LOG_DIR=${TOLLGATE_LOG_DIR:-${TOLLGATE_DATA_DIR:-./data}/logs}
[ -n "$LOG_DIR" ] || { echo "run.sh: the log directory must not be empty (--logs or TOLLGATE_LOG_DIR)" >&2; exit 2; }
(umask 077 && mkdir -p "$LOG_DIR") || { echo "run.sh: cannot create the log directory $LOG_DIR: set --logs or TOLLGATE_LOG_DIR" >&2; exit 2; }
TOLLGATE_LOG_DIR=$(cd "$LOG_DIR" && pwd)
export TOLLGATE_LOG_DIR

LIBS=()
case "${TOLLGATE_DB_URL:-}" in jdbc:postgresql:*) LIBS=(--addlibs "$HOME_DIR/target/postgresql.jar") ;; esac

exec java "@$HOME_DIR/payara-config/jvm.options" -jar "$HOME_DIR/target/payara-micro.jar" \
  --logproperties "$HOME_DIR/payara-config/logging.properties" \
  --prebootcommandfile "$HOME_DIR/payara-config/pre-boot-commands.asadmin" \
  --postdeploycommandfile "$HOME_DIR/payara-config/post-deploy-commands.asadmin" \
  "${LIBS[@]}" --deploy "$HOME_DIR/target/tollgate.war" --contextroot / --port "$PORT" --nohazelcast "${EXTRA[@]}"
