#!/usr/bin/env bash
# Stops what scripts/up.sh started, by PID files: the five services (gracefully), RabbitMQ, PostgreSQL. Data is kept.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export AIGOV_ROOT="$root"
# shellcheck source=scripts/lib/infra.sh
. "$root/scripts/lib/infra.sh"
# shellcheck source=scripts/lib/services.sh
. "$root/scripts/lib/services.sh"

svc_stop_all
infra_stop_rabbitmq
infra_stop_postgres
echo "down: stopped; data kept in $root/.local and ${Pipeline__DataRoot:-$root/data}"
