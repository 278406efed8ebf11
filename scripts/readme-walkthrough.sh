#!/usr/bin/env bash
# Runs the README's walkthrough as a newcomer would: starts the server with the README's own start
# command (its `scripts/run.sh` part; on a free port and a fresh data directory instead of 8080 and
# ./data), takes the root token from the start summary, runs the README's code blocks marked
# <!-- readme-walkthrough … --> … <!-- /readme-walkthrough --> in order, exactly as written except
# for the port, under `set -euo pipefail`, checks the answers, and stops the server, also on failure.
# Needs target/ from `mvn -B package` (CI runs it after the build); only curl and sed besides.
#   scripts/readme-walkthrough.sh           run it (no arguments)
#   scripts/readme-walkthrough.sh --help    this text
case "${1:-}" in -h|--help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0;; esac
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f target/tollgate.war ] && [ -f target/payara-micro.jar ] || { echo "run 'mvn -B package -DskipTests' first" >&2; exit 2; }
WORK=$(mktemp -d /tmp/tollgate-readme.XXXXXX)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "readme-walkthrough: $*" >&2; exit 1; }

# a free port: nothing answers on it
PORT=
for _ in $(seq 1 50); do
  candidate=$(( 20000 + RANDOM % 20000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
done
[ -n "$PORT" ] || fail "no free port found"

# the README's start command: what follows the build in the first fenced line that runs scripts/run.sh
START=$(grep -m1 -E '^mvn .* && scripts/run\.sh' README.md | sed -E 's/^.* && (scripts\/run\.sh)/\1/')
[ -n "$START" ] || fail "no start command found in README.md"
case "$START" in *--port*) fail "the README's start command should rely on the default port 8080: $START" ;; esac
START="$START --port $PORT"
echo "starting: $START" >&2
# JVM flags through the environment, so the command stays the README's: the test servers' cheap start
# (C1-only JIT, serial collector; half the CPU of a start), for a server that answers a few dozen calls
# shellcheck disable=SC2086 # the command's words, as the README writes them
env -u TOLLGATE_ROOT_TOKEN -u TOLLGATE_DB_URL TOLLGATE_DATA_DIR="$WORK/data" \
  JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" $START > "$WORK/server.log" 2>&1 &
SERVER_PID=$!

# the start ends with the summary block; the root token is in it on a first start
for _ in $(seq 1 480); do
  grep -q "Tollgate is ready at http://localhost:$PORT/" "$WORK/server.log" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; fail "the server stopped"; }
  sleep 0.5
done
grep -q "Tollgate is ready at http://localhost:$PORT/" "$WORK/server.log" || { cat "$WORK/server.log" >&2; fail "no start summary within 4 minutes"; }
ROOT=$(sed -n -E 's/^Tollgate root token: (tg_[A-Za-z0-9]+)$/\1/p' "$WORK/server.log")
[ -n "$ROOT" ] || { cat "$WORK/server.log" >&2; fail "the first start printed no root token"; }
echo "start: $(wc -l < "$WORK/server.log") lines of output" >&2

# the marked blocks, in order, with the README's port replaced by ours
awk '/^<!-- readme-walkthrough/ { marked = 1; next }
     /^<!-- \/readme-walkthrough -->/ { marked = 0; next }
     marked && /^```/ { inside = !inside; next }
     marked && inside { print }' README.md | sed "s#localhost:8080#localhost:$PORT#g" > "$WORK/walkthrough.sh"
[ "$(grep -c . "$WORK/walkthrough.sh")" -ge 20 ] || fail "the marked README blocks are missing or short"
cat >> "$WORK/walkthrough.sh" <<'CHECK'
printf '\n=PROJECT=%s\n=BROKER=%s\n=TOKEN_ID=%s\n' "$PROJECT" "$BROKER" "$TOKEN_ID"
CHECK
OUT=$(ROOT="$ROOT" bash -c "set -euo pipefail; source '$WORK/walkthrough.sh'") || { echo "$OUT" >&2; fail "a README line failed"; }
echo "$OUT"

# the answers: ids were read, no call answered an error body, the statuses the README announces
# (grep -q reads a here-string, not a pipe: under pipefail, `echo | grep -q` fails when grep stops
# reading at its match before echo has written everything, and echo dies of SIGPIPE)
uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
for name in PROJECT BROKER TOKEN_ID; do
  grep -q -E "^=$name=$uuid\$" <<<"$OUT" || fail "$name was not set from an answer"
done
if grep -q '"code":"' <<<"$OUT"; then fail "a README call answered an error: $(echo "$OUT" | grep '"code":"')"; fi
[ "$(echo "$OUT" | grep -x -E '[0-9]{3}' | tr '\n' ' ')" = "403 401 200 " ] \
  || fail "expected 403 (membership removed), 401 (user deleted), 200 (her token still works)"
grep -q -F '"result":"allow","is_superuser":false' <<<"$OUT" || fail "the broker's connect check did not allow the device"
[ "$(grep -o -E '^\{"result":"(allow|deny)"\}$' <<<"$OUT" | tr '\n' ' ')" = '{"result":"allow"} {"result":"deny"} ' ] \
  || fail "expected the publish to the device's own topic allowed and to another's denied"
for expected in '"name":"factory"' '"url":"mqtts://hall1.local:8883"' '"username":"alice"' '"kind":"user"'; do
  grep -q -F "$expected" <<<"$OUT" || fail "no $expected in the answers"
done
echo "readme-walkthrough: every README line ran and answered as the README says" >&2
