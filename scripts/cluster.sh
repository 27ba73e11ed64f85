#!/usr/bin/env bash
# A local RabbitMQ cluster of three nodes on 127.0.0.1 (rmq1..rmq3@localhost, AMQP 5701-5703, management UI
# http://127.0.0.1:15701-15703, guest/guest), beside the default broker, with data, logs and config under
# .local/cluster. Point the services at it with RabbitMq__Nodes (printed by `up`) and RabbitMq__QuorumQueues=true.
#
#   scripts/cluster.sh up              start the nodes and form the cluster (~50 s the first time); idempotent
#   scripts/cluster.sh down [--purge]  stop every node (data kept; --purge deletes it)
#   scripts/cluster.sh kill NODE       SIGKILL one node (rmq2, 2 or rmq2@localhost)
#   scripts/cluster.sh start NODE      start it again: it rejoins the cluster by itself
#   scripts/cluster.sh status          nodes, pids, running members
#   scripts/cluster.sh leader QUEUE    the node leading a quorum queue, e.g. storage
#   scripts/cluster.sh nodes           the RabbitMq__Nodes value for the services
# Settings: see scripts/lib/cluster.sh (AIGOV_CLUSTER_LOCAL, _AMQP_BASE, _MGMT_BASE, _DIST_BASE, _EPMD_PORT, _MEMORY).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export AIGOV_ROOT="$root"
# shellcheck source=scripts/lib/infra.sh
. "$root/scripts/lib/infra.sh"
# shellcheck source=scripts/lib/cluster.sh
. "$root/scripts/lib/cluster.sh"

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  up)
    infra_install_missing
    cluster_up
    echo "cluster: management UI  http://127.0.0.1:$((${AIGOV_CLUSTER_MGMT_BASE:-15700} + 1))  (guest/guest; each node's UI shows the whole cluster)"
    echo "cluster: for the services  RabbitMq__Nodes=$(cluster_nodes_setting) RabbitMq__QuorumQueues=true"
    ;;
  down) cluster_down "$@" ;;
  kill) [ $# -eq 1 ] || { echo "ERROR: kill needs one node, e.g. scripts/cluster.sh kill rmq2" >&2; exit 2; }; cluster_kill "$1" ;;
  start) [ $# -eq 1 ] || { echo "ERROR: start needs one node, e.g. scripts/cluster.sh start rmq2" >&2; exit 2; }; cluster_start "$1" ;;
  status) cluster_status ;;
  leader) [ $# -eq 1 ] || { echo "ERROR: leader needs a queue name, e.g. scripts/cluster.sh leader storage" >&2; exit 2; }; cluster_leader "$1" ;;
  nodes) cluster_nodes_setting ;;
  -h | --help | help) usage ;;
  *) usage; echo "ERROR: unknown command '${command}' -- use up, down, kill NODE, start NODE, status, leader QUEUE or nodes" >&2; exit 2 ;;
esac
