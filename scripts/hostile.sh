#!/usr/bin/env bash
# Hostile-input suite (issue #19 point 10): a stack of its own (RabbitMQ, PostgreSQL, the five services on other ports,
# state in .local/hostile) fed what scrapers and strangers send: 200,000 nested <div>s, "**a " 250,000 times,
# "<nav>a" 40,000 times, 1 MB of backticks, a Markdown file of one 1 MB line, a PDF whose content stream inflates to
# 500 MB, a DOCX zip bomb, a DOCX with a DTD, a file over the size limit, a binary file, empty files, and beside them
# 10,000 tiny files; two messages with broken bodies published straight to the cleaning queue; then a page whose
# cleaning is killed with its process every time it starts (a message that crashes its consumer) until it is poison.
# Then every service must be healthy, every file exactly one row with a reason, every stage idle (CPU) within 5 s of
# the last row. Bounded in time; stops everything it started.
# Last line: "hostile: N files, N rows, N lost, N doubled, N unexplained".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export AIGOV_ROOT="$root"
export AIGOV_LOCAL="$root/.local/hostile"
# A caller (scripts/test.sh) may have exported the main stack's node name and distribution port: never share them.
unset AIGOV_DIST_PORT AIGOV_RABBIT_NODENAME
export AIGOV_PG_PORT="${HOSTILE_PG_PORT:-5472}" AIGOV_AMQP_PORT="${HOSTILE_AMQP_PORT:-5712}" AIGOV_MGMT_PORT="${HOSTILE_MGMT_PORT:-15712}"
export AIGOV_SERVICE_PORT_BASE="${HOSTILE_SERVICE_PORT_BASE:-5580}"
tiny_files="${HOSTILE_TINY_FILES:-10000}"
deadline_s="${HOSTILE_DEADLINE_SECONDS:-300}"
# A stage that uses more than this share of one core, sampled over 3 s from 5 s after the last row, is not idle.
idle_max_share="${HOSTILE_IDLE_MAX_CORE_SHARE:-0.15}"
# shellcheck source=scripts/lib/infra.sh
. "$root/scripts/lib/infra.sh"
# shellcheck source=scripts/lib/services.sh
. "$root/scripts/lib/services.sh"
# shellcheck source=scripts/lib/suite.sh
. "$root/scripts/lib/suite.sh"

say() { printf 'hostile: %s\n' "$*" >&2; }
started_at=$SECONDS
failures=0
fail() { say "FAILED: $*"; failures=$((failures + 1)); }

trap suite_stop_stack EXIT

say "[1/7] a fresh stack of its own in ${AIGOV_LOCAL#"$root"/} (PostgreSQL :$AIGOV_PG_PORT, RabbitMQ :$AIGOV_AMQP_PORT, services :$AIGOV_SERVICE_PORT_BASE+)"
suite_stop_stack
rm -rf "$AIGOV_LOCAL"
mkdir -p "$AIGOV_LOCAL"
infra_install_missing
infra_start_postgres
infra_start_rabbitmq
export Pipeline__DataRoot="$AIGOV_LOCAL/data" Pipeline__SettleMilliseconds=200 Pipeline__RescanSeconds=5
svc_build
for entry in "${AIGOV_SERVICES[@]}"; do
  svc_start "${entry%%:*}"
  svc_wait_healthy "${entry%%:*}" 120
done
inbox="$Pipeline__DataRoot/inbox"

say "[2/7] writing the hostile files and $tiny_files tiny ones"
staging="$AIGOV_LOCAL/staging"
python3 "$root/scripts/lib/hostile-files.py" "$staging" "$tiny_files"
hostile_files="$(find "$staging/hostile" -type f | wc -l)"

# service_cpu_ticks NAME: user + system CPU time of NAME's process so far, in clock ticks.
service_cpu_ticks() { awk '{print $14 + $15}' "/proc/$(head -n1 "$AIGOV_LOCAL/pids/$1.pid")/stat"; }
# check_idle WHEN: 5 s after the last row, every service uses at most idle_max_share of a core over 3 s.
check_idle() {
  local entry name before=() i=0 ticks_per_s share busy=""
  ticks_per_s="$(getconf CLK_TCK)"
  sleep 5
  for entry in "${AIGOV_SERVICES[@]}"; do before+=("$(service_cpu_ticks "${entry%%:*}")"); done
  sleep 3
  for entry in "${AIGOV_SERVICES[@]}"; do
    name="${entry%%:*}"
    share="$(awk -v a="${before[$i]}" -v b="$(service_cpu_ticks "$name")" -v t="$ticks_per_s" 'BEGIN { printf "%.3f", (b - a) / t / 3 }')"
    busy+=" $name=$share"
    awk -v s="$share" -v m="$idle_max_share" 'BEGIN { exit !(s > m) }' && fail "$name still uses $share of a core 5 s after the last row ($1)"
    i=$((i + 1))
  done
  say "CPU share of a core 5-8 s after the last row ($1):$busy"
}
# publish_raw BODY: BODY as it is (no envelope) to the cleaning exchange, as a broken publisher would.
publish_raw() {
  python3 -c 'import json, sys; print(json.dumps({"properties": {"content_type": "application/vnd.masstransit+json", "delivery_mode": 2, "headers": {}}, "routing_key": "", "payload": sys.argv[1], "payload_encoding": "string"}))' "$1" |
    curl -fsS --max-time 10 -u guest:guest -H 'content-type: application/json' -d @- \
      "http://127.0.0.1:$AIGOV_MGMT_PORT/api/exchanges/%2F/cleaning/publish" | grep -q '"routed":true' ||
    fail "the broken body was not routed to the cleaning queue"
}

say "[3/7] dropping $hostile_files hostile files and $tiny_files tiny ones, and publishing two broken bodies to cleaning (set-up took $((SECONDS - started_at)) s)"
started_at=$SECONDS
mkdir -p "$inbox/hostile" "$inbox/tiny"
find "$staging/hostile" -type f -exec mv -t "$inbox/hostile/" {} +
find "$staging/tiny" -type f -exec mv -t "$inbox/tiny/" {} +
broken_id="$(python3 -c 'import uuid; print(uuid.uuid4())')"
# Cut off mid-envelope: not JSON, but the document id and the file name are still in it.
publish_raw "{\"messageId\":\"$(python3 -c 'import uuid; print(uuid.uuid4())')\",\"messageType\":[\"urn:message:AiGov.Contracts:DocumentArrived\"],\"message\":{\"documentId\":\"$broken_id\",\"source\":{\"fileName\":\"hostile/broken-body.html\",\"siz"
# Names nothing at all.
publish_raw $'\x01 not a message'
expected=$((hostile_files + 1 + tiny_files))

say "[4/7] waiting for $expected rows (at most ${deadline_s} s from the first drop)"
while :; do
  rows=$(( $(suite_rows hostile/) + $(suite_rows tiny/) ))
  [ "$rows" -ge "$expected" ] && break
  [ $((SECONDS - started_at)) -lt "$deadline_s" ] || { fail "$rows of $expected rows after ${deadline_s} s"; break; }
  [ $(((SECONDS - started_at) % 15)) -ne 0 ] || say "$rows of $expected rows after $((SECONDS - started_at)) s"
  sleep 1
done
say "$rows rows after $((SECONDS - started_at)) s"
check_idle "the hostile files and the tiny ones"

say "[5/7] a message that crashes its consumer: the cleaner is killed each time it starts on crash/slow-page.html"
# The cleaner is stopped (SIGSTOP) while the message reaches it, then killed: the broker puts the message back marked
# redelivered, so every later start on it is counted in message_deliveries (a first delivery is not), and each count
# is the moment to kill. The third delivery without an outcome must fault as poison without being worked on.
cleaner_pid="$(head -n1 "$AIGOV_LOCAL/pids/AiGov.Cleaner.pid")"
kill -STOP "$cleaner_pid"
mkdir -p "$inbox/crash"
mv "$staging/crash/slow-page.html" "$inbox/crash/"
reached=""
for _ in $(seq 1 60); do
  # "cleaning=READY/UNACKED": unacknowledged means delivered to the stopped cleaner.
  if tr ' ' '\n' <<<"$(suite_queues_busy 5 "$AIGOV_MGMT_PORT")" | grep -qE '^cleaning=[0-9]+/[1-9]'; then reached=1; break; fi
  sleep 1
done
[ -n "$reached" ] || fail "the page's message never reached the stopped cleaner"
kill_and_restart_cleaner() {
  suite_kill AiGov.Cleaner >/dev/null
  svc_start AiGov.Cleaner
  svc_wait_healthy AiGov.Cleaner 120
}
kill_and_restart_cleaner
crash_started=$SECONDS
kills=0 seen=0
while :; do
  crash_row="$(suite_psql "SELECT status || ' ' || coalesce(error, '') FROM documents WHERE file_name = 'crash/slow-page.html'")"
  [ -n "$crash_row" ] && break
  [ $((SECONDS - crash_started)) -lt 180 ] || { fail "no row for crash/slow-page.html after 180 s and $kills kills"; break; }
  count="$(suite_psql "SELECT coalesce(max(alone_deliveries), 0) FROM message_deliveries WHERE queue = 'cleaning'" || echo "$seen")"
  # A count of 3 is the poison decision itself (counted, then cleared when the fault is out): not a start to kill.
  if [ "$count" -gt "$seen" ] && [ "$count" -lt 3 ]; then
    seen="$count"
    kills=$((kills + 1))
    say "the cleaner started on it alone (count $count): SIGKILL $((SECONDS - crash_started)) s in"
    kill_and_restart_cleaner
  fi
  sleep 0.1
done
say "crash/slow-page.html: ${crash_row:0:160} (after $kills kills)"
case "$crash_row" in
  "failed cleaning_failed: poison"*) ;;
  *) fail "crash/slow-page.html should be failed with reason poison, not '${crash_row:0:160}'" ;;
esac
[ "$kills" -eq 2 ] || fail "the page was worked on alone $kills times before it was poison, not 2"
check_idle "the poison message"

say "[6/7] checking services, rows, reasons and queues"
for entry in "${AIGOV_SERVICES[@]}"; do
  svc_healthy "${entry%%:*}" || fail "${entry%%:*} is not healthy"
done
read -r rows distinct < <(suite_rows_and_files "")
files=$((expected + 1))
lost=$((files - distinct))
doubled=$((rows - distinct))
[ "$lost" -eq 0 ] || fail "$lost file(s) have no row"
[ "$doubled" -eq 0 ] || fail "$doubled file(s) have more than one row"
unexplained="$(suite_psql "SELECT count(*) FROM documents WHERE status NOT IN ('stored', 'duplicate') AND coalesce(error, '') = ''")"
[ "$unexplained" -eq 0 ] || fail "$unexplained row(s) are neither stored nor say why"
# expect FILE STATUS REASON: the row of FILE has STATUS and its error starts with REASON (after the stage's prefix).
expect() {
  local got
  got="$(suite_psql "SELECT status || ' ' || regexp_replace(coalesce(error, ''), '^[a-z-]+_failed: ', '') FROM documents WHERE file_name = '$1'")"
  case "$got" in
    "$2 $3"*) ;;
    *) fail "$1 should be $2 with reason $3, not '${got:0:200}'" ;;
  esac
}
expect hostile/too-large.txt rejected too_large
expect hostile/binary.txt rejected not_text
expect hostile/empty-1.txt rejected empty
expect hostile/empty-2.md rejected empty
expect hostile/pdf-bomb.pdf failed too_large
expect hostile/docx-bomb.docx failed too_large
expect hostile/docx-dtd.docx failed malformed
expect hostile/backticks.md failed no_text
expect hostile/broken-body.html failed unreadable_message
[ "$(suite_psql "SELECT count(*) FROM unreadable_messages")" -eq 2 ] || fail "unreadable_messages should hold the two broken bodies"
tiny_stored="$(suite_psql "SELECT count(*) FROM documents WHERE file_name LIKE 'tiny/%' AND status IN ('stored', 'duplicate')")"
[ "$tiny_stored" -eq "$tiny_files" ] || fail "$tiny_stored of $tiny_files tiny files are stored (or duplicates)"
say "rows by status and reason:"
suite_psql "SELECT count(*) || ' ' || status || ' ' || reason FROM (SELECT status, coalesce(split_part(regexp_replace(error, '^[a-z-]+_failed: ', ''), ':', 1), '') AS reason FROM documents) AS r GROUP BY status, reason ORDER BY count(*) DESC" | sed 's/^/  /' >&2
# What is left in a queue, beside what cleaning_error must hold: a message per document the cleaner failed (the poison
# page and the named broken body among them) and the nameless broken body. The management API's counts lag a few seconds.
cleaning_errors=$(( $(suite_psql "SELECT count(*) FROM documents WHERE error LIKE 'cleaning_failed:%'") + 1 ))
for _ in $(seq 1 30); do
  queues="$(suite_queues_busy 0 "$AIGOV_MGMT_PORT" | tr ' ' '\n' | grep -vx "cleaning_error=$cleaning_errors/0" | tr '\n' ' ' | sed 's/ *$//' || true)"
  [ -n "$queues" ] || break
  sleep 1
done
[ -z "$queues" ] || fail "queues not drained (ready/unacked): $queues"
[ "$(find "$inbox" -type f | wc -l)" -eq 0 ] || fail "$(find "$inbox" -type f | wc -l) file(s) still in the inbox"
[ "$failures" -eq 0 ] || suite_tail_logs

say "[7/7] stopping the hostile stack (logs kept in ${AIGOV_LOCAL#"$root"/}/logs) after $((SECONDS - started_at)) s"
trap - EXIT
suite_stop_stack
echo "hostile: $files files, $rows rows, $lost lost, $doubled doubled, $unexplained unexplained"
[ "$failures" -eq 0 ]
