#!/usr/bin/env bash
# Runs the README's walkthrough, and the docs' commands after it, as a newcomer would: starts the server
# with the README's own start command (its `scripts/run.sh` part; on a free port and a fresh data
# directory instead of 8080 and ./data), takes the root token from the start summary, and runs the code
# blocks marked <!-- readme-walkthrough … --> … <!-- /readme-walkthrough --> exactly as written except
# for the port, under `set -euo pipefail`, checking the answers:
#   1. the README's first block with a placeholder and with a wrong ROOT: it must stop at its first
#      command and say that ROOT was refused;
#   2. in one shell, against the running server: the README's blocks, then docs/lifecycle.md's,
#      docs/mqtt.md's (a hook key) and docs/security.md's (the audit trail);
#   3. docs/operations.md's H2 backup and restore: the server stopped (as the doc says), the backup
#      block, then the data directory deleted, the restore block, the server started on the restored
#      directory as its last line says, and the projects, the audit trail and a token's secret back.
# Stops the server, also on failure. Needs target/ from `mvn -B package` (CI runs it after the build);
# curl, sed, unzip and java besides.
#   scripts/readme-walkthrough.sh           run it (no arguments)
#   scripts/readme-walkthrough.sh --help    this text
case "${1:-}" in -h|--help) sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"; exit 0;; esac
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
T0=$(date +%s)

[ -f target/tollgate.war ] && [ -f target/payara-micro.jar ] || { echo "run 'mvn -B package -DskipTests' first" >&2; exit 2; }
WORK=$(mktemp -d /tmp/tollgate-readme.XXXXXX)
SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
cleanup() { stop_server; rm -rf "$WORK"; }
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

# start_server LOG COMMAND...: runs it in the background, from $WORK, and waits for the start summary.
# JVM flags through the environment, so the command stays the docs': the test servers' cheap start
# (C1-only JIT, serial collector; half the CPU of a start), for a server that answers a few dozen calls
start_server() {
  local log=$1; shift
  echo "starting: $* (in $WORK)" >&2
  (cd "$WORK" && exec env -u TOLLGATE_ROOT_TOKEN -u TOLLGATE_DB_URL -u TOLLGATE_DATA_DIR \
    JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "$@") > "$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 480); do
    grep -q "Tollgate is ready at http://localhost:$PORT/" "$log" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; fail "the server stopped"; }
    sleep 0.5
  done
  cat "$log" >&2; fail "no start summary within 4 minutes"
}

# blocks FILE: the lines of FILE's marked blocks, in order, with the docs' port replaced by ours
blocks() {
  awk '/^<!-- readme-walkthrough/ { marked = 1; next }
       /^<!-- \/readme-walkthrough -->/ { marked = 0; next }
       marked && /^```/ { inside = !inside; if (inside) print "#=BLOCK="; next }
       marked && inside { print }' "$1" | sed "s#localhost:8080#localhost:$PORT#g"
}

# the README's start command: what follows the build in the first fenced line that runs scripts/run.sh
START=$(grep -m1 -E '^mvn .* && scripts/run\.sh' README.md | sed -E 's/^.* && (scripts\/run\.sh)/\1/')
[ -n "$START" ] || fail "no start command found in README.md"
case "$START" in *--port*) fail "the README's start command should rely on the default port 8080: $START" ;; esac
# the README's data directory, ./data, is $WORK/data: the server runs from $WORK, with the repository's
# target/ (the operations blocks read target/payara-micro.jar from there too)
ln -s "$REPO/target" "$WORK/target"
# shellcheck disable=SC2086 # the command's words, as the README writes them
start_server "$WORK/server.log" "$REPO/"$START --port "$PORT"
ROOT=$(sed -n -E 's/^Tollgate root token: (tg_[A-Za-z0-9]+)$/\1/p' "$WORK/server.log")
[ -n "$ROOT" ] || { cat "$WORK/server.log" >&2; fail "the first start printed no root token"; }
echo "start: $(wc -l < "$WORK/server.log") lines of output, $(( $(date +%s) - T0 )) s" >&2

blocks README.md > "$WORK/readme.sh"
[ "$(grep -c . "$WORK/readme.sh")" -ge 20 ] || fail "the marked README blocks are missing or short"

# 1. a placeholder or wrong root token: the first command says so, and nothing after it runs
awk '/^#=BLOCK=/ { n++ } n <= 1' "$WORK/readme.sh" > "$WORK/first-block.sh"
for wrong in 'tg_…' "${ROOT}x"; do
  if OUT=$(ROOT=$wrong bash -c "set -euo pipefail; source '$WORK/first-block.sh'" 2>"$WORK/wrong.err"); then
    fail "the README's first block went on with ROOT=$wrong"
  fi
  grep -q '^!! ROOT was refused' "$WORK/wrong.err" || { cat "$WORK/wrong.err" >&2; fail "no '!! ROOT was refused' with ROOT=$wrong"; }
  [ -z "$OUT" ] || fail "commands after the first one ran with ROOT=$wrong: $OUT"
done
echo "a wrong ROOT stops the README's first block at its first command: $(head -1 "$WORK/wrong.err")" >&2

# 2. the tour: the README's blocks, then the docs', in one shell, against the running server
for doc in docs/lifecycle.md docs/mqtt.md docs/security.md; do
  n=$(blocks "$doc" | grep -c '^#=BLOCK=' || true)
  [ "$n" -ge 1 ] || fail "no marked blocks in $doc"
  { echo "#=DOC= $doc"; blocks "$doc"; } >> "$WORK/readme.sh"
done
cat >> "$WORK/readme.sh" <<'CHECK'
printf '\n=PROJECT=%s\n=BROKER=%s\n=TOKEN_ID=%s\n' "$PROJECT" "$BROKER" "$TOKEN_ID"
printf '%s\n' "$TOLLGATE_TOKEN" > "$WORK/program-token"   # for the restore's check; never printed
CHECK
OUT=$(ROOT="$ROOT" WORK="$WORK" bash -c "set -euo pipefail; source '$WORK/readme.sh'") || { echo "$OUT" >&2; fail "a line of the README or docs failed"; }
echo "$OUT"

# the answers: ids were read, no call answered an error body, the statuses the README announces
# (grep -q reads a here-string, not a pipe: under pipefail, `echo | grep -q` fails when grep stops
# reading at its match before echo has written everything, and echo dies of SIGPIPE)
uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
for name in PROJECT BROKER TOKEN_ID; do
  grep -q -E "^=$name=$uuid\$" <<<"$OUT" || fail "$name was not set from an answer"
done
PROJECT=$(sed -n -E "s/^=PROJECT=($uuid)\$/\\1/p" <<<"$OUT")
if grep -q '"code":"' <<<"$OUT"; then fail "a call answered an error: $(echo "$OUT" | grep '"code":"')"; fi
[ "$(echo "$OUT" | grep -x -E '[0-9]{3}' | tr '\n' ' ')" = "403 401 200 " ] \
  || fail "expected 403 (membership removed), 401 (user deleted), 200 (her token still works)"
grep -q -F '"result":"allow","is_superuser":false' <<<"$OUT" || fail "the broker's connect check did not allow the device"
[ "$(grep -o -E '^\{"result":"(allow|deny)"\}$' <<<"$OUT" | tr '\n' ' ')" = '{"result":"allow"} {"result":"deny"} ' ] \
  || fail "expected the publish to the device's own topic allowed and to another's denied"
for expected in '"name":"factory"' '"url":"mqtts://hall1.local:8883"' '"username":"alice"' '"kind":"user"' \
    '"name":"hall-2"' '"received":1' '"allowed_ips":["203.0.113.0/24","2001:db8::7/128"]' '"name":"ci-runner-eu"' \
    '"hook_key":"tgb_' '"action":"token.rotate"' '"action":"token.suspend"' '"action":"project.create"'; do
  grep -q -F "$expected" <<<"$OUT" || fail "no $expected in the answers"
done
# every rotation answered a new secret; one list only came back empty, lifecycle.md's `status=expiring`
# (no token ends within 7 days): not the usage log, nor the audit trail's second page
[ "$(grep -c -E '"token":"tg_[A-Za-z0-9]+"' <<<"$OUT")" -ge 4 ] || fail "expected a secret in each create and rotate answer"
[ "$(grep -c -x -F '[]' <<<"$OUT" || true)" -eq 1 ] || fail "expected one empty list (the expiring tokens), not $(grep -c -x -F '[]' <<<"$OUT" || true)"
echo "readme-walkthrough: every line of the README, docs/lifecycle.md, docs/mqtt.md and docs/security.md ran and answered as they say ($(( $(date +%s) - T0 )) s)" >&2

# 3. the H2 backup and restore of docs/operations.md, with the server stopped as it says
api() { curl -sS -f "http://localhost:$PORT/api/$1" -H "Authorization: Bearer ${2:-$ROOT}"; }
PROJECTS_BEFORE=$(api projects); AUDIT_BEFORE=$(api 'audit?limit=50')
blocks docs/operations.md | sed "s#/tmp/h2\\.jar#$WORK/h2.jar#g" > "$WORK/operations.sh"
[ "$(grep -c '^#=BLOCK=' "$WORK/operations.sh")" -eq 2 ] || fail "expected two marked blocks in docs/operations.md: backup, restore"
RESTART=$(grep -E '^scripts/run\.sh' "$WORK/operations.sh") || fail "the restore block does not start the server"
[ "$(tail -1 "$WORK/operations.sh")" = "$RESTART" ] || fail "the restore block's start should be its last line"
awk '/^#=BLOCK=/ { n++ } n == 1' "$WORK/operations.sh" > "$WORK/backup.sh"
awk '/^#=BLOCK=/ { n++ } n == 2' "$WORK/operations.sh" | grep -v -E '^scripts/run\.sh' > "$WORK/restore.sh"
stop_server
(cd "$WORK" && bash -c "set -euo pipefail; source backup.sh") || fail "the backup block failed"
rm -rf "$WORK/data"   # everything after the backup is lost
(cd "$WORK" && bash -c "set -euo pipefail; source restore.sh") || fail "the restore block failed"
# shellcheck disable=SC2086 # the command's words, as the doc writes them
start_server "$WORK/restored.log" "$REPO/"$RESTART --port "$PORT"
grep -q "data: *H2 file $WORK/restored/tollgate.mv.db" "$WORK/restored.log" || { cat "$WORK/restored.log" >&2; fail "the restored server does not use restored/"; }
[ "$(api projects)" = "$PROJECTS_BEFORE" ] || fail "the projects differ after the restore: $(api projects)"
[ "$(api 'audit?limit=50')" = "$AUDIT_BEFORE" ] || fail "the audit trail differs after the restore"
api "projects/$PROJECT/brokers" "$(cat "$WORK/program-token")" > /dev/null || fail "the program's token secret does not work after the restore"
echo "readme-walkthrough: docs/operations.md's H2 backup and restore brought back the projects, the audit trail and a token's secret" >&2
echo "readme-walkthrough: all done in $(( $(date +%s) - T0 )) s" >&2
