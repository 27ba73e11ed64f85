#!/usr/bin/env bash
# Fault suite: a stack of its own (RabbitMQ, PostgreSQL, the five services on other ports, state in .local/chaos),
# 1,000 distinct documents dropped while every service is SIGKILLed once and restarted, RabbitMQ is restarted and
# PostgreSQL is restarted. Then every document must be exactly one row, every queue drained. Bounded in time;
# stops everything it started. Last line: "chaos: N dropped, N rows, N lost, N doubled".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export AIGOV_ROOT="$root"
export AIGOV_LOCAL="$root/.local/chaos"
# A caller (scripts/test.sh) may have exported the main stack's node name and distribution port: never share them.
unset AIGOV_DIST_PORT AIGOV_RABBIT_NODENAME
export AIGOV_PG_PORT="${CHAOS_PG_PORT:-5442}" AIGOV_AMQP_PORT="${CHAOS_AMQP_PORT:-5682}" AIGOV_MGMT_PORT="${CHAOS_MGMT_PORT:-15682}"
export AIGOV_SERVICE_PORT_BASE="${CHAOS_SERVICE_PORT_BASE:-5280}"
documents="${CHAOS_DOCUMENTS:-1000}"
deadline_s="${CHAOS_DEADLINE_SECONDS:-240}"
# shellcheck source=scripts/lib/infra.sh
. "$root/scripts/lib/infra.sh"
# shellcheck source=scripts/lib/services.sh
. "$root/scripts/lib/services.sh"
# shellcheck source=scripts/lib/suite.sh
. "$root/scripts/lib/suite.sh"

say() { printf 'chaos: %s\n' "$*" >&2; }
started_at=$SECONDS

trap suite_stop_stack EXIT

say "[1/6] a fresh stack of its own in ${AIGOV_LOCAL#"$root"/} (PostgreSQL :$AIGOV_PG_PORT, RabbitMQ :$AIGOV_AMQP_PORT, services :$AIGOV_SERVICE_PORT_BASE+)"
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

say "[2/6] writing $documents distinct documents"
staging="$AIGOV_LOCAL/staging"
mkdir -p "$staging" "$Pipeline__DataRoot/inbox/chaos"
suite_write_documents "$staging" "$documents" 0 0 "Chaos report"

say "[3/6] dropping them over ~40 s while faults are injected (set-up took $((SECONDS - started_at)) s)"
started_at=$SECONDS
suite_drop_slowly "$staging" "$Pipeline__DataRoot/inbox/chaos" 25 &
dropper=$!

kill_and_restart() {
  local name="$1" pid
  pid="$(suite_kill "$name")"
  say "SIGKILLed $name (pid $pid) at $((SECONDS - started_at)) s"
  sleep 1
  svc_start "$name"
}
sleep 3
for name in AiGov.Watcher AiGov.Cleaner AiGov.LanguageDetector AiGov.Deduplicator AiGov.Storage; do
  kill_and_restart "$name"
  sleep 4
done
say "restart RabbitMQ at $((SECONDS - started_at)) s"
infra_stop_rabbitmq
infra_start_rabbitmq
sleep 3
say "restart PostgreSQL at $((SECONDS - started_at)) s"
infra_stop_postgres
sleep 2
infra_start_postgres
wait "$dropper"

say "[4/6] waiting for $documents rows (at most ${deadline_s} s from the first drop)"
suite_wait_rows chaos/ "$documents" "$deadline_s" "$started_at" >/dev/null
sleep 2

say "[5/6] checking queues, rows and files"
# Redelivered messages (from the killed consumers and the broker restart) may still be in flight, and the
# management API's counts lag by a few seconds: poll until every queue is empty, for at most 90 s,
# and only then count rows, so a late redelivery that made a second row would be seen.
queues="$(suite_wait_drained 90 0 "$AIGOV_MGMT_PORT")" || true
read -r rows distinct < <(suite_rows_and_files chaos/)
not_stored="$(suite_psql "SELECT count(*) FROM documents WHERE file_name LIKE 'chaos/%' AND status <> 'stored'")"
lost=$((documents - distinct))
doubled=$((rows - distinct))
processed="$(find "$Pipeline__DataRoot/processed/chaos" -type f 2>/dev/null | wc -l)"
left_in_inbox="$(find "$Pipeline__DataRoot/inbox" -type f | wc -l)"
status=0
[ "$lost" -eq 0 ] && [ "$doubled" -eq 0 ] || status=1
if [ "$not_stored" -ne 0 ]; then
  say "$not_stored row(s) are not 'stored':"
  suite_psql "SELECT status, left(error, 160) FROM documents WHERE file_name LIKE 'chaos/%' AND status <> 'stored' LIMIT 5" >&2
  status=1
fi
[ "$processed" -eq "$documents" ] || { say "processed/ holds $processed files, not $documents"; status=1; }
[ "$left_in_inbox" -eq 0 ] || { say "$left_in_inbox file(s) still in the inbox"; status=1; }
[ -z "$queues" ] || { say "queues not drained (ready/unacked): $queues"; status=1; }
[ "$status" -eq 0 ] || suite_tail_logs

say "[6/6] stopping the chaos stack (logs kept in ${AIGOV_LOCAL#"$root"/}/logs) after $((SECONDS - started_at)) s"
trap - EXIT
suite_stop_stack
echo "chaos: $documents dropped, $rows rows, $lost lost, $doubled doubled"
exit "$status"
