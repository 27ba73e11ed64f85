#!/usr/bin/env bash
# Pipeline benchmark (issue #8). Runs a stack of its own -- PostgreSQL :5462, RabbitMQ :5692 (management :15692,
# node aigov-bench@localhost, distribution port 25692), the five services on :5480-5484, state in .local/bench --
# in a fresh database `aigov_bench` and virtual host `aigov-bench`, so the user's data and the main stack are never
# touched. Generates N distinct ~5 KB news-like articles plus 10 % duplicates, drops them, shows progress once a
# second, and measures: docs/s from the first drop to the last row, latency received_at -> stored_at, per-stage
# throughput (from the status trail), queue depths over time, peak memory of every process; then runs the same stage
# classes in one process without the broker (the "in-process limit") and prints efficiency = pipeline / in-process.
#
#   scripts/bench.sh [N]                      N distinct articles (default 10000) dropped at once
#   scripts/bench.sh --steady 20 [--seconds 60]   files dropped at a steady rate (latency at a given load)
#   options: --no-inprocess  --workers W (in-process workers, default 4)  --inprocess-batch B (documents per
#            dedup/storage batch in-process, default 32; 1 = one at a time)  --keep-servers  --seed S
#            --service-env "K=V K=V" (extra environment for the services, e.g. DOTNET_gcServer=1)
#            --warmup W (W other articles through the stack first, not measured: steady-state numbers without the
#            services' start-up; default 0, i.e. cold services)
# Results: .local/bench/results/<time>/ (pipeline.json, inprocess.json, timeline.csv, the services' logs).
# Last line: "bench: N docs, X docs/s, p50 A ms, p99 B ms, efficiency E, rss R MB" (rss: the whole stack's PSS at
# its peak -- RabbitMQ, PostgreSQL and the five services). docs/PERFORMANCE.md has the numbers and what they mean.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export AIGOV_ROOT="$root"
export AIGOV_LOCAL="$root/.local/bench"
# Never share the main stack's (or the fault suite's) node name, distribution port or ports.
export AIGOV_PG_PORT="${BENCH_PG_PORT:-5462}" AIGOV_AMQP_PORT="${BENCH_AMQP_PORT:-5692}" AIGOV_MGMT_PORT="${BENCH_MGMT_PORT:-15692}"
export AIGOV_DIST_PORT="${BENCH_DIST_PORT:-25692}" AIGOV_RABBIT_NODENAME="${BENCH_RABBIT_NODENAME:-aigov-bench@localhost}"
export AIGOV_SERVICE_PORT_BASE="${BENCH_SERVICE_PORT_BASE:-5480}"
database=aigov_bench
inproc_database=aigov_bench_inproc
vhost=aigov-bench

documents=10000 steady=0 seconds=60 inprocess=1 workers=4 inprocess_batch=32 keep_servers=0 seed=1 service_env="" warmup=0
usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --steady) steady="${2:?--steady needs a rate in documents per second}"; shift 2 ;;
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --no-inprocess) inprocess=0; shift ;;
    --workers) workers="${2:?--workers needs a number}"; shift 2 ;;
    --inprocess-batch) inprocess_batch="${2:?--inprocess-batch needs a number}"; shift 2 ;;
    --keep-servers) keep_servers=1; shift ;;
    --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
    --warmup) warmup="${2:?--warmup needs a number of documents}"; shift 2 ;;
    --service-env) service_env="${2?--service-env needs \"K=V ...\"}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    [0-9]*) documents="$1"; shift ;;
    *) echo "bench: unknown argument '$1' -- see scripts/bench.sh --help" >&2; exit 2 ;;
  esac
done
case "$documents$seconds$workers$inprocess_batch$warmup" in *[!0-9]*) echo "bench: N, --seconds, --workers and --warmup must be whole numbers" >&2; exit 2 ;; esac
[ "$steady" = 0 ] || inprocess=0

# shellcheck source=scripts/lib/infra.sh
. "$root/scripts/lib/infra.sh"
# shellcheck source=scripts/lib/services.sh
. "$root/scripts/lib/services.sh"

say() { printf 'bench: %s\n' "$*" >&2; }
psql_admin() { PGPASSWORD=aigov psql -h 127.0.0.1 -p "$AIGOV_PG_PORT" -U aigov -d aigov -v ON_ERROR_STOP=1 -tAq -c "$1"; }
mgmt() { curl -fsS -u guest:guest -H 'content-type: application/json' "$@"; }
run_dir="$AIGOV_LOCAL/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run_dir"
bench_dll="$root/tools/AiGov.PipelineBench/bin/Release/net10.0/AiGov.PipelineBench.dll"

# Captured, not piped into `grep -q`: under pipefail that fails with SIGPIPE when grep stops reading early, and the
# servers would look started by the bench and be stopped at the end (the bug scripts/test.sh had).
servers_before="$(infra_status 2>/dev/null || true)"
servers_were_running=0
grep -q '^rabbitmq: running' <<<"$servers_before" && grep -q '^postgres: running' <<<"$servers_before" && servers_were_running=1
stop_services() { svc_stop_all 2>/dev/null || true; }
cleanup() {
  stop_services
  if [ "$keep_servers" = 0 ] && [ "$servers_were_running" = 0 ]; then
    infra_stop_rabbitmq >/dev/null 2>&1 || true
    infra_stop_postgres >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

say "[1/5] servers of its own (PostgreSQL :$AIGOV_PG_PORT, RabbitMQ :$AIGOV_AMQP_PORT, management :$AIGOV_MGMT_PORT, state in ${AIGOV_LOCAL#"$root"/})"
stop_services
infra_install_missing
infra_start_postgres
infra_start_rabbitmq
# Queue statistics every second instead of every 5 s, for the queue depths over time (applies to queues created
# from now on: the fresh virtual host's).
(_infra_rmq_setup_env && _infra_rmqctl -q eval 'application:set_env(rabbit, collect_statistics_interval, 1000).' >/dev/null 2>&1) ||
  say "could not set RabbitMQ's statistics interval to 1 s; queue depths are then sampled every 5 s"
say "fresh database $database and virtual host $vhost"
psql_admin "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
psql_admin "DROP DATABASE IF EXISTS $inproc_database WITH (FORCE)" >/dev/null
psql_admin "CREATE DATABASE $database" >/dev/null
mgmt -X DELETE "http://127.0.0.1:$AIGOV_MGMT_PORT/api/vhosts/$vhost" >/dev/null 2>&1 || true
mgmt -X PUT "http://127.0.0.1:$AIGOV_MGMT_PORT/api/vhosts/$vhost" >/dev/null
mgmt -X PUT -d '{"configure":".*","write":".*","read":".*"}' "http://127.0.0.1:$AIGOV_MGMT_PORT/api/permissions/$vhost/guest" >/dev/null

say "[2/5] building the services and the bench (Release; log ${AIGOV_LOCAL#"$root"/}/logs/build.log)"
svc_build
if ! dotnet build "$root/tools/AiGov.PipelineBench/AiGov.PipelineBench.csproj" -c Release -nologo -v minimal >>"$AIGOV_LOCAL/logs/build.log" 2>&1; then
  tail -n 30 "$AIGOV_LOCAL/logs/build.log" >&2
  say "ERROR: the bench did not build (log $AIGOV_LOCAL/logs/build.log) -- fix the errors above"
  exit 1
fi

say "[3/5] starting the five services against $database / $vhost"
data_root="$AIGOV_LOCAL/data"
rm -rf "$data_root"
mkdir -p "$data_root/inbox"
rm -f "$AIGOV_LOCAL"/logs/AiGov.*.log
pg_cs="Host=127.0.0.1;Port=$AIGOV_PG_PORT;Database=$database;Username=aigov;Password=aigov"
# The connection options of the services' appsettings.json (pool size, automatic prepared statements), bench database.
export Pipeline__DataRoot="$data_root" ConnectionStrings__Postgres="$pg_cs;Maximum Pool Size=20;Max Auto Prepare=32;Auto Prepare Min Usages=2" RabbitMq__VirtualHost="$vhost"
# Extra settings under test (GC modes, prefetch …), e.g. --service-env "DOTNET_gcServer=0 DOTNET_GCgen0size=0x4000000".
for kv in $service_env; do export "${kv?}"; done
for entry in "${AIGOV_SERVICES[@]}"; do
  started=$SECONDS
  svc_start "${entry%%:*}"
  svc_wait_healthy "${entry%%:*}" 120
  say "${entry%%:*} ready in $((SECONDS - started)) s"
done

pids=""
for entry in "${AIGOV_SERVICES[@]}"; do pids="$pids${entry%%:*}=$(head -n1 "$AIGOV_LOCAL/pids/${entry%%:*}.pid"),"; done
server_status="$(infra_status 2>/dev/null)"
rabbit_pid="$(printf '%s\n' "$server_status" | sed -n 's/^rabbitmq: running (pid \([0-9]*\).*/\1/p')"
pg_pid="$(printf '%s\n' "$server_status" | sed -n 's/^postgres: running (pid \([0-9]*\).*/\1/p')"
[ -n "$rabbit_pid" ] && pids="${pids}rabbitmq=$rabbit_pid,"
[ -n "$pg_pid" ] && pids="${pids}postgresql=$pg_pid,"
say "measuring memory of: ${pids%,}"

if [ "$steady" = 0 ]; then
  say "[4/5] $documents distinct articles (+10 % duplicates) dropped at once"
else
  say "[4/5] articles dropped at $steady docs/s for $seconds s"
fi
status=0
dotnet "$bench_dll" pipeline --documents "$documents" --steady "$steady" --seconds "$seconds" --seed "$seed" --warmup "$warmup" \
  --data-root "$data_root" --postgres "$pg_cs" --management "http://127.0.0.1:$AIGOV_MGMT_PORT" --vhost "$vhost" \
  --out "$run_dir" --pids "${pids%,}" || status=$?
cp "$AIGOV_LOCAL"/logs/AiGov.*.log "$run_dir/" 2>/dev/null || true
stop_services

if [ "$inprocess" = 1 ] && [ -f "$run_dir/pipeline.json" ]; then
  say "[5/5] the in-process limit: the same stage classes, one process, no broker, database $inproc_database"
  psql_admin "CREATE DATABASE $inproc_database" >/dev/null
  dotnet "$bench_dll" inprocess --corpus "$run_dir/corpus" --postgres "Host=127.0.0.1;Port=$AIGOV_PG_PORT;Database=$inproc_database;Username=aigov;Password=aigov;Maximum Pool Size=20;Max Auto Prepare=32;Auto Prepare Min Usages=2" \
    --out "$run_dir" --workers "$workers" --batch "$inprocess_batch" || status=$?
else
  say "[5/5] in-process limit skipped"
fi
rm -rf "$run_dir/corpus"
say "results in ${run_dir#"$root"/}"
trap - EXIT
cleanup
dotnet "$bench_dll" report --out "$run_dir" >"$run_dir/last-line.txt" || status=$?
cat "$run_dir/last-line.txt"
exit "$status"
