#!/usr/bin/env bash
# Starts AiGovPipeline locally: RabbitMQ (with the management UI) and PostgreSQL on 127.0.0.1 with data under
# .local/, then the watcher and the four workers in the background. Idempotent: what runs is left alone, what
# does not is started. Returns once everything is healthy.
#
# Replicas of the workers (each its own process, pid file, log and health port; see scripts/lib/services.sh):
#   scripts/up.sh --replicas 2          two of every worker (the watcher always runs once)
#   AIGOV_REPLICAS_Cleaner=3 scripts/up.sh   per worker: AIGOV_REPLICAS_<Storage|Deduplicator|LanguageDetector|Cleaner>
# Replicas started by an earlier call keep running until scripts/down.sh.
set -euo pipefail
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) [ $# -ge 2 ] || { echo "ERROR: --replicas needs a number, e.g. --replicas 2" >&2; exit 2; }
      export AIGOV_REPLICAS="$2"; shift 2 ;;
    --replicas=*) export AIGOV_REPLICAS="${1#*=}"; shift ;;
    -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ERROR: unknown argument '$1' -- scripts/up.sh takes only --replicas N (see --help)" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export AIGOV_ROOT="$root"
# shellcheck source=scripts/lib/infra.sh
. "$root/scripts/lib/infra.sh"
# shellcheck source=scripts/lib/services.sh
. "$root/scripts/lib/services.sh"

command -v dotnet >/dev/null || { echo "ERROR: dotnet is not on PATH -- install the .NET 10 SDK" >&2; exit 1; }
# Every instance to run, in start order (checked before anything starts, so a bad replica count fails fast).
instances=()
for entry in "${AIGOV_SERVICES[@]}"; do
  list="$(svc_instances "${entry%%:*}")" || exit 2
  mapfile -t -O "${#instances[@]}" instances <<<"$list"
done
infra_install_missing
infra_start_postgres
infra_start_rabbitmq

all_running=true
for name in "${instances[@]}"; do
  svc_running "$name" || all_running=false
done
any_running=false
for entry in "${AIGOV_SERVICES[@]}"; do
  svc_running "${entry%%:*}" && any_running=true
done
# Build only when nothing runs: a running service keeps the build it started with.
if ! $any_running || [ ! -d "$root/.local/app" ]; then
  svc_build
fi

for entry in "${AIGOV_SERVICES[@]}"; do
  service="${entry%%:*}"
  mapfile -t mine < <(svc_instances "$service")
  for name in "${mine[@]}"; do svc_start "$name"; done
  for name in "${mine[@]}"; do svc_wait_healthy "$name" 120; done
done

data_root="${Pipeline__DataRoot:-$root/data}"
if $all_running; then echo "up: everything was already running; nothing changed"; fi
if [ "${#instances[@]}" -gt "${#AIGOV_SERVICES[@]}" ]; then
  echo "up: all five services are healthy (${#instances[@]} processes: ${instances[*]})"
else
  echo "up: all five services are healthy"
fi
echo "inbox:         $data_root/inbox   (drop .txt, .md, .html files here)"
echo "management UI: http://127.0.0.1:${AIGOV_MGMT_PORT:-15672}   (guest/guest)"
echo "database:      psql \"host=127.0.0.1 port=${AIGOV_PG_PORT:-5432} dbname=aigov user=aigov password=aigov\""
echo "logs:          $root/.local/logs/   stop with scripts/down.sh"
