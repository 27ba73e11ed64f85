#!/usr/bin/env bash
# The whole test suite against real RabbitMQ and PostgreSQL. Starts both locally (as scripts/up.sh does) when they
# are not running, and stops afterwards only what it started. Ends with one line: "tests: N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# No telemetry of any tool leaves the machine (MassTransit is also configured not to report usage).
export AIGOV_ROOT="$root" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MASSTRANSIT_USAGE_TELEMETRY=false
# shellcheck source=scripts/lib/infra.sh
. "$root/scripts/lib/infra.sh"

command -v dotnet >/dev/null || { echo "ERROR: dotnet is not on PATH -- install the .NET 10 SDK" >&2; exit 1; }
echo "test: [1/7] servers" >&2
infra_install_missing
started=()
# Capture first: `infra_status | grep -q` under pipefail fails with SIGPIPE (141) when grep stops reading after the
# postgres line, which made a running PostgreSQL look "started by us" and stopped it at the end.
servers_before="$(infra_status)"
grep -q '^postgres: running' <<<"$servers_before" || started+=(postgres)
grep -q '^rabbitmq: running' <<<"$servers_before" || started+=(rabbitmq)
infra_start_postgres
infra_start_rabbitmq
cleanup() {
  local s
  for s in "${started[@]}"; do "infra_stop_$s" || true; done
}
trap cleanup EXIT

# The tests create (and drop) their own databases and RabbitMQ virtual hosts on these servers.
export AIGOV_TEST_POSTGRES="Host=127.0.0.1;Port=${AIGOV_PG_PORT:-5432};Database=aigov;Username=aigov;Password=aigov"
export AIGOV_TEST_RABBITMQ_HOST=127.0.0.1 AIGOV_TEST_RABBITMQ_PORT="${AIGOV_AMQP_PORT:-5672}" \
  AIGOV_TEST_RABBITMQ_MANAGEMENT_PORT="${AIGOV_MGMT_PORT:-15672}" AIGOV_TEST_RABBITMQ_USER=guest AIGOV_TEST_RABBITMQ_PASSWORD=guest

echo "test: [2/7] build (Release)" >&2
dotnet build "$root/AiGovPipeline.sln" -c Release -nologo -v minimal

results="$root/.local/test-results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
echo "test: [3/7] dotnet test (results in ${results#"$root"/})" >&2
status=0
dotnet test "$root/AiGovPipeline.sln" -c Release --no-build --logger trx --logger "console;verbosity=normal" \
  --results-directory "$results" || status=$?

# Script suites beside the TRX results, each counted as one test: run_suite STEP SWITCH KILL_AFTER TITLE SCRIPT.
# Each runs the services built in step 2 on a stack of its own, capped at 600 s; SWITCH=0 in the environment skips it.
suites_passed=0 suites_failed=0 suites_ran=0
run_suite() {
  local step="$1" switch="$2" kill_after="$3" title="$4" script="$5"
  if [ "${!switch:-1}" != 1 ]; then
    echo "test: [$step/7] $title skipped ($switch=0)" >&2
    return 0
  fi
  echo "test: [$step/7] $title (scripts/$script, a stack of its own)" >&2
  suites_ran=$((suites_ran + 1))
  if AIGOV_SERVICES_PREBUILT=1 timeout --kill-after="$kill_after" 600 bash "$root/scripts/$script"; then
    suites_passed=$((suites_passed + 1))
  else
    suites_failed=$((suites_failed + 1))
  fi
}
# The fault suite (issue #7): 1,000 documents through SIGKILLs of every service and restarts of both servers.
run_suite 4 AIGOV_RUN_CHAOS 60 "fault suite" chaos.sh
# Scale-out fault test: a three-node RabbitMQ cluster with quorum queues and two replicas of every worker, a node and
# a replica per stage SIGKILLed mid-stream (~4 min). AIGOV_RUN_CLUSTER_TEST=0 skips it (e.g. where ports 5701-5703
# are taken by scripts/cluster.sh).
run_suite 5 AIGOV_RUN_CLUSTER_TEST 120 "scale-out fault test" cluster-test.sh
# Hostile input (issue #19): bombs, pathological pages, 10,000 tiny files, broken bodies and a message that crashes its
# consumer; afterwards every service healthy, every file one row with a reason, every stage idle (~3 min).
run_suite 6 AIGOV_RUN_HOSTILE 60 "hostile-input suite" hostile.sh

echo "test: [7/7] results" >&2
# With no TRX file (or no match) grep fails and, under pipefail, the pipeline too: awk has printed 0 all the same.
sum() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}' || true; }
passed="$(( $(sum passed) + suites_passed ))"
failed="$(( $(sum failed) + suites_failed ))"
trx_total="$(sum total)"
total="$((trx_total + suites_ran))"
if [ "$trx_total" -eq 0 ]; then
  echo "ERROR: no test results were written to $results -- see the dotnet test output above" >&2
  status=1
elif [ "$((passed + failed))" -ne "$total" ]; then
  # Skipped tests say why in the output above (e.g. no compose CLI on this machine).
  echo "test: $((total - passed - failed)) test(s) skipped" >&2
fi
if [ "$failed" -ne 0 ]; then
  status=1
  # The names and first message lines again, so that a CI log cut to its tail still says which test failed.
  echo "test: failed tests (details in the output above and in ${results#"$root"/}):" >&2
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    awk '
      /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
      want && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line)
                            printf "  FAILED %s: %s\n", name, substr(line, 1, 300); want = 0 }
    ' "$trx" >&2
  done
  [ "$suites_failed" -eq 0 ] || echo "  FAILED $suites_failed script suite(s): see the chaos/cluster-test/hostile output above" >&2
fi
# dotnet test also fails a run whose tests all passed when the run logged an error (a fixture's clean-up that threw,
# a test host that wrote to its error stream): the TRX keeps those as run infos. Say them here, near the tail.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test: dotnet test failed although no test failed; the errors its runs logged:" >&2
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    tr -d '\r' <"$trx" | awk -v file="${trx##*/}" '
      /<RunInfo / { inside = 1; text = "" }
      inside { text = text " " $0 }
      inside && /<\/RunInfo>/ { inside = 0; sub(/.*<Text>/, "", text); sub(/<\/Text>.*/, "", text)
                                gsub(/[ \t]+/, " ", text); printf "  %s: %s\n", file, substr(text, 1, 600) }
    ' >&2
  done
fi
# Servers stop before the summary, so that the summary is the last line.
trap - EXIT
cleanup
echo "tests: $passed passed, $failed failed"
exit "$status"
