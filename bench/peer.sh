#!/usr/bin/env bash
# Tollgate against its peer, Unleash 7.5.1 (issue 14): the same scenarios against both, back to
# back, on one throwaway PostgreSQL on 127.0.0.1, then every goal's figure with its ratio.
# One command from a fresh clone (it builds with Maven what is missing), usually as `bench/run.sh --peer`:
#   bench/peer.sh            15 s per scenario (DURATION=15), 1 000 000 bulk tokens, 10 000 000 logged uses
#   bench/peer.sh --smoke    2 s per scenario, 20 creations, 10 000 bulk tokens, 100 000 logged uses
# WARMUP (5 s per path) is short on a loaded machine: the first scenarios then run on a cold JIT.
# Unleash is installed once with npm into ~/.cache/tollgate-bench (UNLEASH_HOME) and runs with its
# version check and telemetry off (CHECK_VERSION=false, SEND_TELEMETRY=false). Both servers and
# PostgreSQL listen on 127.0.0.1 only, all load goes to 127.0.0.1, every scenario is bounded in
# time, and everything started here is stopped at the end, also when interrupted.
# Ports: BENCH_PORT (Tollgate, 18080), BENCH_PEER_PORT (Unleash, 14242), BENCH_PG_PORT (55433);
# BENCH_PG_DIR reuses a PostgreSQL data directory; BENCH_JVM_OPTS adds JVM flags to Tollgate's line.
case "${1:-}" in -h|--help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0;; esac
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
CREATES=200
BULK=1000000
if [ "${1:-}" = "--smoke" ]; then DURATION=2; WARMUP=1; CREATES=20; BULK=10000; fi
THREADS=2
CONNECTIONS=32
HEY_WORKERS=8
TG_PORT=${BENCH_PORT:-18080}
PEER_PORT=${BENCH_PEER_PORT:-14242}
PG_PORT=${BENCH_PG_PORT:-55433}
UNLEASH_VERSION=7.5.1
UNLEASH_HOME=${UNLEASH_HOME:-$HOME/.cache/tollgate-bench/unleash-$UNLEASH_VERSION}
ROOT=bench-root-credential-0123456789abcdefghij
PEER_ADMIN='*:*.bench-admin-0123456789abcdef0123456789abcdef'
PEER_CLIENT='default:development.bench-client-0123456789abcdef0123456789'
WORK=$(mktemp -d /tmp/tollgate-peer.XXXXXX)
PG_DIR=${BENCH_PG_DIR:-$(mktemp -d /tmp/tollgate-peer-pg.XXXXXX)}
SERVER_PID=

# one command from a fresh clone: the WAR, Payara Micro and the PostgreSQL driver are built if missing
[ -f target/tollgate.war ] && [ -f target/payara-micro.jar ] && [ -f target/postgresql.jar ] \
  || { echo "building: mvn -B -q package -DskipTests" >&2; mvn -B -q package -DskipTests >&2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "node and npm are needed for the peer" >&2; exit 2; }
for tool in wrk hey; do
  if ! command -v $tool >/dev/null; then
    echo "installing $tool" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null
  fi
done
UNLEASH_MAIN=$UNLEASH_HOME/node_modules/unleash-server/dist/server.js
if [ ! -f "$UNLEASH_MAIN" ]; then
  echo "installing unleash-server@$UNLEASH_VERSION into $UNLEASH_HOME" >&2
  mkdir -p "$UNLEASH_HOME"
  npm install --prefix "$UNLEASH_HOME" --no-audit --no-fund --omit=dev --loglevel=error "unleash-server@$UNLEASH_VERSION" >&2
fi

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
cleanup() {
  stop_server
  scripts/postgres.sh stop "$PG_DIR" >/dev/null 2>&1 || true
  [ -n "${BENCH_PG_DIR:-}" ] || rm -rf "$PG_DIR"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg() { PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
fresh_database() { # name: an empty database owned by tollgate (migrations run at the next start)
  pg -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1 OWNER tollgate" >/dev/null
}

# ---- measuring tools: wrk (closed loop, throughput), hey (fixed rate, latency below saturation)
declare -A RPS P50 P99 ERR FIXED_P99 FIXED_RATE START_S PEAK_MB
script_for() { # key authorization-header-value
  local script="$WORK/$1.lua"
  { [ -n "${2:-}" ] && echo "wrk.headers['Authorization'] = '$2'"; cat bench/report.lua; } > "$script"
  echo "$script"
}
warm() { # port path authorization
  wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s -s "$(script_for warm "${3:-}")" "http://127.0.0.1:$1$2" >/dev/null
}
scenario() { # key label port path authorization
  local key=$1 label=$2 port=$3 path=$4 auth=${5:-}
  local line; line=$(wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout 5s -s "$(script_for "$key" "$auth")" \
    "http://127.0.0.1:$port$path" | grep '^RESULT')
  note_rss
  local local_requests local_duration_us local_p50_us local_p99_us local_errors
  eval "$(echo "$line" | sed 's/^RESULT //; s/\([a-z_0-9]*\)=/local_\1=/g')"
  RPS[$key]=$(python3 -c "print(round($local_requests / ($local_duration_us / 1e6)))")
  P50[$key]=$(python3 -c "print('%.2f' % ($local_p50_us / 1000))")
  P99[$key]=$(python3 -c "print('%.2f' % ($local_p99_us / 1000))")
  ERR[$key]=$local_errors
  printf '  %-12s %-50s %7s req/s  p50 %7s ms  p99 %7s ms  errors %s\n' "$key" "$label" "${RPS[$key]}" "${P50[$key]}" "${P99[$key]}" "${ERR[$key]}"
}
fixed_rate() { # key label port path authorization: hey at half of the saturation throughput of $key
  local key=$1 label=$2 port=$3 path=$4 auth=$5
  local rate=$(( (${RPS[$key]} + 1) / 2 )); [ "$rate" -ge $HEY_WORKERS ] || rate=$HEY_WORKERS
  local out="$WORK/hey-$key.txt"
  # -T: hey sends Content-Type text/html by default, which Tollgate refuses with 415 even on a GET
  hey -z ${DURATION}s -c $HEY_WORKERS -q $(( rate / HEY_WORKERS )) -o csv -T application/json -H "Authorization: $auth" "http://127.0.0.1:$port$path" > "$out"
  note_rss
  read -r FIXED_RATE[$key] FIXED_P99[$key] bad < <(python3 bench/hey_summary.py "$out" "$DURATION")
  ERR[$key-fixed]=$bad
  printf '  %-12s %-50s %7s req/s  (fixed rate)       p99 %7s ms  errors %s\n' "$key-fixed" "$label" "${FIXED_RATE[$key]}" "${FIXED_P99[$key]}" "$bad"
}
creations() { # key label port path authorization body-template
  local line; line=$(python3 bench/timed_posts.py 127.0.0.1 "$3" "$5" "$4" "$6" "$CREATES" | grep '^RESULT')
  note_rss
  P50[$1]=$(echo "$line" | sed 's/.*p50_ms=\([0-9.]*\).*/\1/')
  P99[$1]=$(echo "$line" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/')
  ERR[$1]=$(echo "$line" | sed 's/.*errors=\([0-9]*\).*/\1/')
  printf '  %-12s %-50s %7s        p50 %7s ms  p99 %7s ms  errors %s\n' "$1" "$2" "" "${P50[$1]}" "${P99[$1]}" "${ERR[$1]}"
}
PEAK_KB=0
note_rss() { # the server's peak resident set so far (VmHWM: the kernel keeps the maximum)
  if [ -n "$SERVER_PID" ] && [ -r "/proc/$SERVER_PID/status" ]; then
    local hwm; hwm=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
    [ "${hwm:-0}" -gt "$PEAK_KB" ] && PEAK_KB=$hwm
  fi
  return 0
}
await_first_call() { # key log port path authorization: seconds from $STARTED to the first 200 of that call
  for _ in $(seq 1 1800); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: $5" "http://127.0.0.1:$3$4")" = 200 ]; then
      START_S[$1]=$(python3 -c "import time; print('%.1f' % (time.time() - $STARTED))")
      note_rss
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -50 "$2"; echo "server died" >&2; exit 1; }
    sleep 0.1
  done
  tail -50 "$2"; echo "no answer within 180 s" >&2; exit 1
}
connections_of() { # pid: the server's TCP/UDP sockets that are not on loopback (must be none)
  ss -tunap 2>/dev/null | grep "pid=$1," | awk '{print $5, $6}' \
    | grep -v -E '^(127\.[0-9.]+|\[::1\]|\[::ffff:127\.[0-9.]+\]|\*|0\.0\.0\.0|\[::\]):[0-9*]+ (127\.[0-9.]+|\[::1\]|\[::ffff:127\.[0-9.]+\]|\*|0\.0\.0\.0|\[::\]):[0-9*]+$' || true
}
OUTBOUND=
note_outbound() { # name: what the running server has open beyond loopback, checked during the load
  local seen; seen=$(connections_of "$SERVER_PID")
  [ -z "$seen" ] || OUTBOUND="$OUTBOUND $1:[$seen]"
}

echo "Tollgate vs Unleash $UNLEASH_VERSION: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), node $(node --version)"
echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per scenario (after ${WARMUP}s warm-up); hey: $HEY_WORKERS workers at a fixed rate; 127.0.0.1 only"
scripts/postgres.sh start "$PG_DIR" "$PG_PORT" >/dev/null

# ---- the peer: Unleash on its own fresh database; its 'default' project holds the 100 tokens
fresh_database unleash
echo "Unleash $UNLEASH_VERSION (port $PEER_PORT):"
STARTED=$(python3 -c 'import time; print(time.time())')
DATABASE_HOST=127.0.0.1 DATABASE_PORT=$PG_PORT DATABASE_NAME=unleash DATABASE_USERNAME=tollgate \
DATABASE_PASSWORD=tollgate DATABASE_SSL=false HTTP_HOST=127.0.0.1 HTTP_PORT=$PEER_PORT \
CHECK_VERSION=false SEND_TELEMETRY=false LOG_LEVEL=error \
INIT_ADMIN_API_TOKENS="$PEER_ADMIN" INIT_BACKEND_API_TOKENS="$PEER_CLIENT" \
  node "$UNLEASH_MAIN" >>"$WORK/unleash.log" 2>&1 &
SERVER_PID=$!
PEAK_KB=0
await_first_call peer "$WORK/unleash.log" "$PEER_PORT" /api/client/features "$PEER_CLIENT"
PEER_TOKENS=/api/admin/projects/default/api-tokens
have=$(curl -sf -H "Authorization: $PEER_ADMIN" "http://127.0.0.1:$PEER_PORT$PEER_TOKENS" | python3 -c 'import sys, json; print(len(json.load(sys.stdin)["tokens"]))')
for i in $(seq $((have + 1)) 100); do
  curl -sf -o /dev/null -X POST -H "Authorization: $PEER_ADMIN" -H 'Content-Type: application/json' \
    -d "{\"tokenName\":\"list-$i\",\"type\":\"backend\",\"environment\":\"development\"}" "http://127.0.0.1:$PEER_PORT$PEER_TOKENS"
done
echo "  $(curl -sf -H "Authorization: $PEER_ADMIN" "http://127.0.0.1:$PEER_PORT$PEER_TOKENS" | python3 -c 'import sys, json; print(len(json.load(sys.stdin)["tokens"]))') tokens in project default; started in ${START_S[peer]} s"
warm "$PEER_PORT" /health
warm "$PEER_PORT" /api/client/features "$PEER_CLIENT"
warm "$PEER_PORT" "$PEER_TOKENS" "$PEER_ADMIN"
scenario peer-light "GET /api/client/features, project API token" "$PEER_PORT" /api/client/features "$PEER_CLIENT"
note_outbound unleash
scenario peer-health "GET /health, no credential" "$PEER_PORT" /health
scenario peer-list "GET $PEER_TOKENS (100), admin" "$PEER_PORT" "$PEER_TOKENS" "$PEER_ADMIN"
fixed_rate peer-list "the same at half that throughput" "$PEER_PORT" "$PEER_TOKENS" "$PEER_ADMIN"
creations peer-create "$CREATES sequential project token creations" "$PEER_PORT" "$PEER_TOKENS" "$PEER_ADMIN" \
  '{"tokenName":"create-{i}","type":"backend","environment":"development"}'
note_outbound unleash
PEAK_MB[peer]=$(( PEAK_KB / 1024 ))
echo "  peak RSS ${PEAK_MB[peer]} MiB"
stop_server

# ---- Tollgate: the PostgreSQL launch line of docs/operations.md, on its own fresh database and data directory
fresh_database tollgate
TG_DB="jdbc:postgresql://127.0.0.1:$PG_PORT/tollgate"
start_tollgate() { # key log: start, and time the first answered API call
  STARTED=$(python3 -c 'import time; print(time.time())')
  # shellcheck disable=SC2086
  TOLLGATE_DATA_DIR="$WORK/data" TOLLGATE_ROOT_TOKEN=$ROOT TOLLGATE_DB_URL=$TG_DB TOLLGATE_DB_USER=tollgate TOLLGATE_DB_PASSWORD=tollgate \
    java @payara-config/jvm.options ${BENCH_JVM_OPTS:-} -jar target/payara-micro.jar --prebootcommandfile payara-config/pre-boot-commands.asadmin \
      --postdeploycommandfile payara-config/post-deploy-commands.asadmin \
      --addlibs target/postgresql.jar --deploy target/tollgate.war --contextroot / --port "$TG_PORT" --nohazelcast >>"$2" 2>&1 &
  SERVER_PID=$!
  await_first_call "$1" "$2" "$TG_PORT" /api/projects "Bearer $ROOT"
}
api() { # method path [body] [token]
  curl -sf -X "$1" "http://127.0.0.1:$TG_PORT$2" -H "Authorization: Bearer ${4:-$ROOT}" \
    -H 'Content-Type: application/json' ${3:+-d "$3"}
}
field() { python3 -c "import sys, json; print(json.load(sys.stdin)['$1'])"; }

echo "Tollgate $(unzip -p target/tollgate.war WEB-INF/classes/io/tollgate/version/version.properties 2>/dev/null | sed -n 's/^version=//p') (port $TG_PORT):"
PEAK_KB=0
start_tollgate tollgate "$WORK/tollgate.log"
PROJECT=$(api POST /api/projects '{"name":"bench"}' | field id)
EDITOR=$(api POST "/api/projects/$PROJECT/tokens" '{"name":"editor","role":"editor"}' | field token)
ADMIN=$(api POST "/api/projects/$PROJECT/tokens" '{"name":"admin","role":"admin"}' | field token)
for i in $(seq 3 100); do api POST "/api/projects/$PROJECT/tokens" "{\"name\":\"list-$i\",\"role\":\"viewer\"}" >/dev/null; done
CREATED=$(api POST /api/projects '{"name":"creates"}' | field id)
echo "  $(api GET "/api/projects/$PROJECT/tokens" | python3 -c 'import sys, json; print(len(json.load(sys.stdin)))') tokens in project bench; started in ${START_S[tollgate]} s"
warm "$TG_PORT" /api/version
warm "$TG_PORT" /api/auth/whoami "Bearer $EDITOR"
warm "$TG_PORT" /health/live
warm "$TG_PORT" "/api/projects/$PROJECT/tokens" "Bearer $ADMIN"
scenario tg-version "GET /api/version, no credential" "$TG_PORT" /api/version
scenario tg-light "GET /api/auth/whoami, project token" "$TG_PORT" /api/auth/whoami "Bearer $EDITOR"
note_outbound tollgate
scenario tg-health "GET /health/live, no credential" "$TG_PORT" /health/live
scenario tg-list "GET /api/projects/{id}/tokens (100), admin token" "$TG_PORT" "/api/projects/$PROJECT/tokens" "Bearer $ADMIN"
fixed_rate tg-list "the same at half that throughput" "$TG_PORT" "/api/projects/$PROJECT/tokens" "Bearer $ADMIN"
creations tg-create "$CREATES sequential project token creations" "$TG_PORT" "/api/projects/$CREATED/tokens" "Bearer $ROOT" \
  '{"name":"create-{i}","role":"viewer"}'

# scale: $BULK more tokens in one more project, inserted with SQL while the server runs (through the
# API it would take hours), then the token check and the list again, and a start on that database
BULKED=$(api POST /api/projects '{"name":"bulk"}' | field id)
pg -d tollgate -c "INSERT INTO project_tokens (id, project_id, name, role, type, issuer, hash, issue_date, valid_date)
  SELECT gen_random_uuid()::text, '$BULKED', 'bulk-' || x, 'VIEWER', 'UNRESTRICTED', 'root',
         encode(sha256(('bulk-' || x)::bytea), 'hex'), 1700000000000 + x, 4102444800000
    FROM generate_series(1, $BULK) AS x" -c "ANALYZE project_tokens" >/dev/null
echo "  $(pg -d tollgate -c 'SELECT count(*) FROM project_tokens') tokens in the database now"
warm "$TG_PORT" /api/auth/whoami "Bearer $EDITOR"
scenario tg-light-bulk "(tg-light) again, $BULK more tokens" "$TG_PORT" /api/auth/whoami "Bearer $EDITOR"
scenario tg-list-bulk "(tg-list) again, $BULK more tokens" "$TG_PORT" "/api/projects/$PROJECT/tokens" "Bearer $ADMIN"
note_outbound tollgate
# the usage log at ten uses per bulk token (10 000 000 in a full run): copies of the fullest chunk the
# load above wrote for the editor token (real uses, 1 000 per chunk), each under one bulk token and
# a minute older than the one before, then the token check and the list again
USAGE_USES=$(( BULK * 10 ))
pg -d tollgate -c "INSERT INTO token_usage_chunks (token_id, first_at, last_at, uses, data)
  SELECT t.id, c.first_at - t.n * 60000, c.last_at - t.n * 60000, c.uses, c.data
    FROM (SELECT first_at, last_at, uses, data FROM token_usage_chunks ORDER BY uses DESC LIMIT 1) AS c,
         (SELECT id, row_number() OVER (ORDER BY id) AS n FROM project_tokens WHERE project_id = '$BULKED') AS t
   WHERE t.n <= $USAGE_USES / c.uses" -c "ANALYZE token_usage_chunks" >/dev/null
echo "  $(pg -d tollgate -c 'SELECT sum(uses) FROM token_usage_chunks') token uses in the usage log now"
warm "$TG_PORT" /api/auth/whoami "Bearer $EDITOR"
scenario tg-light-usage "(tg-light) again, and $USAGE_USES uses in the log" "$TG_PORT" /api/auth/whoami "Bearer $EDITOR"
scenario tg-list-usage "(tg-list) again, and $USAGE_USES uses in the log" "$TG_PORT" "/api/projects/$PROJECT/tokens" "Bearer $ADMIN"
note_outbound tollgate
PEAK_MB[tollgate]=$(( PEAK_KB / 1024 ))
echo "  peak RSS ${PEAK_MB[tollgate]} MiB"
stop_server
start_tollgate tollgate-bulk "$WORK/tollgate-bulk.log"
echo "  restarted on the database with $BULK more tokens and $USAGE_USES logged uses in ${START_S[tollgate-bulk]} s"
stop_server

# ---- every goal of issue 14 as a ratio of this run
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
verdict() { python3 -c "print('met' if $1 else 'NOT met')"; }
row() { printf '%-4s %-58s %10s %10s %8s  %-12s %s\n' "$@"; }
echo
echo "goals (issue 14), this run; ratios are what count, absolute figures swing with the machine's load:"
row goal measure Unleash Tollgate ratio target verdict
r=$(ratio "${RPS[tg-light]}" "${RPS[peer-light]}")
row 1 "token-authenticated light call, req/s" "${RPS[peer-light]}" "${RPS[tg-light]}" "$r" ">= 5" "$(verdict "$r >= 5")"
r=$(ratio "${RPS[tg-light]}" "${RPS[tg-version]}")
row 1 "  whoami / public GET /api/version (${RPS[tg-version]} req/s)" "" "${RPS[tg-light]}" "$r" ">= 0.85" "$(verdict "$r >= 0.85")"
r=$(ratio "${RPS[tg-list]}" "${RPS[peer-list]}")
row 2 "list of 100 project tokens, req/s" "${RPS[peer-list]}" "${RPS[tg-list]}" "$r" ">= 5" "$(verdict "$r >= 5")"
row 2 "  p99 at a fixed half-saturation rate, ms" "${FIXED_P99[peer-list]}" "${FIXED_P99[tg-list]}" "" "<= 20 ms" "$(verdict "${FIXED_P99[tg-list]} <= 20")"
r=$(ratio "${P50[tg-create]}" "${P50[peer-create]}")
row 3 "create one token, p50 ms" "${P50[peer-create]}" "${P50[tg-create]}" "$r" "<= 0.5" "$(verdict "$r <= 0.5")"
r=$(ratio "${RPS[tg-health]}" "${RPS[peer-health]}")
row 4 "unauthenticated health, req/s" "${RPS[peer-health]}" "${RPS[tg-health]}" "$r" ">= 1" "$(verdict "$r >= 1")"
r=$(ratio "${PEAK_MB[tollgate]}" "${PEAK_MB[peer]}")
row 5 "peak RSS during the run, MiB" "${PEAK_MB[peer]}" "${PEAK_MB[tollgate]}" "$r" "<= 1" "$(verdict "$r <= 1")"
r=$(ratio "${START_S[tollgate]}" "${START_S[peer]}")
row 6 "start to first answered API call, fresh database, s" "${START_S[peer]}" "${START_S[tollgate]}" "$r" "<= 1.5" "$(verdict "$r <= 1.5")"
r=$(ratio "${RPS[tg-light-bulk]}" "${RPS[tg-light]}")
row 7 "token check with $BULK tokens / without, req/s" "" "${RPS[tg-light-bulk]}" "$r" ">= 0.9" "$(verdict "$r >= 0.9")"
r=$(ratio "${RPS[tg-list-bulk]}" "${RPS[tg-list]}")
row 7 "list of 100 with $BULK tokens / without, req/s" "" "${RPS[tg-list-bulk]}" "$r" ">= 0.9" "$(verdict "$r >= 0.9")"
r=$(ratio "${RPS[tg-light-usage]}" "${RPS[tg-light-bulk]}")
row 7 "token check with $USAGE_USES logged uses / without, req/s" "" "${RPS[tg-light-usage]}" "$r" ">= 0.9" "$(verdict "$r >= 0.9")"
r=$(ratio "${RPS[tg-list-usage]}" "${RPS[tg-list-bulk]}")
row 7 "list of 100 with $USAGE_USES logged uses / without, req/s" "" "${RPS[tg-list-usage]}" "$r" ">= 0.9" "$(verdict "$r >= 0.9")"
r=$(ratio "${START_S[tollgate-bulk]}" "${START_S[tollgate]}")
row 7 "start with $BULK tokens and $USAGE_USES uses / without, s" "" "${START_S[tollgate-bulk]}" "$r" "<= 1.1" "$(verdict "$r <= 1.1")"
errors=0
for key in "${!ERR[@]}"; do errors=$(( errors + ${ERR[$key]:-0} )); done
echo "errors over all scenarios: $errors (target 0)"
echo "sockets beyond loopback held by either server during the load (ss -tunap): ${OUTBOUND:-none}"
