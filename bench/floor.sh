#!/usr/bin/env bash
# Start time and idle memory of Tollgate against the floor: the same Payara Micro with the same flags
# (scripts/run.sh's: payara-config/ JVM options, logging, pre-boot and post-deploy commands, no clustering)
# deploying a two-class JAX-RS WAR (bench/floor/, compiled here against the Jakarta EE API the build
# downloaded). Rounds alternate (floor, Tollgate, Tollgate, floor, ...) so that a drift in the machine's
# load falls on both; each start gets a fresh data directory, as a first start does. Per start: seconds
# from the launch to the first 200 of GET /api/version, and the resident set 3 s after it. Prints the
# medians and the ratios (issue 24's goals: start <= 1.25x the floor, idle RSS <= 1.2x).
#   bench/floor.sh [ROUNDS]    ROUNDS starts of each (default 3); 127.0.0.1 only, ports 18090 and 18091
#   bench/floor.sh --help      this text
# Also: bench/run.sh --floor.
case "${1:-}" in -h|--help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0;; esac
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
case "$ROUNDS" in ''|*[!0-9]*|0) echo "floor.sh: ROUNDS must be a positive number, not '$ROUNDS'" >&2; exit 2 ;; esac

[ -f target/tollgate.war ] && [ -f target/payara-micro.jar ] \
  || { echo "building: mvn -B -q package -DskipTests" >&2; mvn -B -q package -DskipTests >&2; }
API=$HOME/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0/jakarta.jakartaee-api-10.0.0.jar
[ -f "$API" ] || { echo "floor.sh: no $API (the build downloads it)" >&2; exit 2; }

WORK=$(mktemp -d /tmp/tollgate-floor.XXXXXX)
PID=
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the floor's WAR: two classes, nothing else
mkdir -p "$WORK/floor/WEB-INF/classes"
javac -d "$WORK/floor/WEB-INF/classes" -cp "$API" bench/floor/io/tollgate/floor/*.java
(cd "$WORK/floor" && jar cf "$WORK/floor.war" WEB-INF)

# one start: milliseconds to the first 200 of /api/version, and the resident set (MB) 3 s later, in RESULT
# (called in this shell, not a subshell, so that the cleanup knows the server's PID)
start() { # war port
  local data; data=$(mktemp -d "$WORK/data.XXXX")
  local t0; t0=$(date +%s%N)
  mkdir -m 700 "$data/logs" # the log file's directory, as scripts/run.sh makes it (payara-config/logging.properties)
  TOLLGATE_DATA_DIR="$data" TOLLGATE_LOG_DIR="$data/logs" java @payara-config/jvm.options -jar target/payara-micro.jar \
    --logproperties payara-config/logging.properties \
    --prebootcommandfile payara-config/pre-boot-commands.asadmin \
    --postdeploycommandfile payara-config/post-deploy-commands.asadmin \
    --deploy "$1" --contextroot / --port "$2" --nohazelcast >"$data.log" 2>&1 &
  PID=$!
  local i
  for i in $(seq 1 1800); do
    curl -sf -o /dev/null "http://127.0.0.1:$2/api/version" && break
    kill -0 "$PID" 2>/dev/null || { tail -20 "$data.log" >&2; echo "floor.sh: a server died" >&2; exit 1; }
    sleep 0.1
  done
  local t1; t1=$(date +%s%N)
  sleep 3
  local rss; rss=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  RESULT="$(( (t1 - t0) / 1000000 )) $(( rss / 1024 ))"
}

echo "start and idle RSS, Tollgate against the floor: $ROUNDS rounds each, alternating, $(nproc) cores"
for round in $(seq 1 "$ROUNDS"); do
  if [ $(( round % 2 )) = 1 ]; then order="floor tollgate"; else order="tollgate floor"; fi
  for side in $order; do
    if [ "$side" = floor ]; then start "$WORK/floor.war" 18090; else start target/tollgate.war 18091; fi
    result=$RESULT
    echo "$side $result" >> "$WORK/starts.txt"
    printf '  round %d  %-8s  first answer after %6.2f s   RSS %4d MB\n' "$round" "$side" \
      "$(echo "$result" | awk '{print $1 / 1000}')" "$(echo "$result" | cut -d' ' -f2)"
  done
done
python3 - "$WORK/starts.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
ms = {s: statistics.median(int(r[1]) for r in rows if r[0] == s) for s in ("floor", "tollgate")}
mb = {s: statistics.median(int(r[2]) for r in rows if r[0] == s) for s in ("floor", "tollgate")}
print("  medians: floor %.2f s, %d MB; Tollgate %.2f s, %d MB" % (ms["floor"] / 1000, mb["floor"], ms["tollgate"] / 1000, mb["tollgate"]))
print("  start Tollgate/floor = %.2f   (target <= 1.25)" % (ms["tollgate"] / ms["floor"]))
print("  idle RSS Tollgate/floor = %.2f   (target <= 1.20)" % (mb["tollgate"] / mb["floor"]))
PY
