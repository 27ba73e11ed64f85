#!/usr/bin/env bash
# Starts AiGovPipeline locally: RabbitMQ (with the management UI) and PostgreSQL on 127.0.0.1 with data under
# .local/, then the watcher and the four workers in the background. Idempotent: what runs is left alone, what
# does not is started. Returns once everything is healthy.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export AIGOV_ROOT="$root"
# shellcheck source=scripts/lib/infra.sh
. "$root/scripts/lib/infra.sh"
# shellcheck source=scripts/lib/services.sh
. "$root/scripts/lib/services.sh"

command -v dotnet >/dev/null || { echo "ERROR: dotnet is not on PATH -- install the .NET 10 SDK" >&2; exit 1; }
infra_install_missing
infra_start_postgres
infra_start_rabbitmq

all_running=true
for entry in "${AIGOV_SERVICES[@]}"; do
  svc_running "${entry%%:*}" || all_running=false
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
  name="${entry%%:*}"
  svc_start "$name"
  svc_wait_healthy "$name" 120
done

data_root="${Pipeline__DataRoot:-$root/data}"
if $all_running; then echo "up: everything was already running; nothing changed"; fi
echo "up: all five services are healthy"
echo "inbox:         $data_root/inbox   (drop .txt, .md, .html files here)"
echo "management UI: http://127.0.0.1:${AIGOV_MGMT_PORT:-15672}   (guest/guest)"
echo "database:      psql \"host=127.0.0.1 port=${AIGOV_PG_PORT:-5432} dbname=aigov user=aigov password=aigov\""
echo "logs:          $root/.local/logs/   stop with scripts/down.sh"
