#!/usr/bin/env bash
# Scale-out fault test: a stack of its own -- a three-node RabbitMQ cluster (scripts/lib/cluster.sh, AMQP 5701-5703),
# PostgreSQL on :5452, the stage queues as quorum queues, two replicas of every worker (services on :5380+, replicas
# on :5390+), state in .local/cluster-test. 1,000 documents (900 distinct, 100 exact copies dropped beside their twin)
# are dropped while the node leading the `storage` queue is SIGKILLed, then one replica of each worker; the node is
# started again mid-stream. Then: every document is exactly one row (900 `stored`, 100 `duplicate` of their stored
# twin), every queue is drained, the killed node is a running cluster member again and its
# replica of every stage queue has caught up with the leader (same Raft log and commit index). Bounded (~3-4 min);
# stops everything it started, also on failure. Last line: "cluster-test: N dropped, N rows, N lost, N doubled".
#
# Throughput mode (no faults, for docs/PERFORMANCE.md):
#   scripts/cluster-test.sh --bench [--nodes 1|3] [--replicas N] [--queues quorum|classic] [--documents N] [--rounds N]
# drops N documents at once per round (one folder moved into the inbox) and prints the time until the last row.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

mode=fault nodes=3 replicas=2 queues=quorum documents="${CLUSTER_TEST_DOCUMENTS:-1000}" rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --bench) mode=bench; shift ;;
    --nodes) nodes="${2:-}"; shift 2 ;;
    --replicas) replicas="${2:-}"; shift 2 ;;
    --queues) queues="${2:-}"; shift 2 ;;
    --documents) documents="${2:-}"; shift 2 ;;
    --rounds) rounds="${2:-}"; shift 2 ;;
    -h | --help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ERROR: unknown argument '$1' -- see scripts/cluster-test.sh --help" >&2; exit 2 ;;
  esac
done
case "$nodes:$queues:$documents:$rounds" in
  [1-9]:quorum:[1-9]*:[1-9]* | [1-9]:classic:[1-9]*:[1-9]*) ;;
  *) echo "ERROR: --nodes 1-9, --queues quorum|classic, --documents N and --rounds N -- got nodes=$nodes queues=$queues documents=$documents rounds=$rounds" >&2; exit 2 ;;
esac
if [ "$mode" = fault ] && { [ "$nodes" -lt 3 ] || [ "$queues" != quorum ] || [ "$replicas" -lt 2 ]; }; then
  echo "ERROR: the fault test needs --nodes >= 3, --queues quorum and --replicas >= 2 (a lost node or replica must be survivable); use --bench for other shapes" >&2
  exit 2
fi

export AIGOV_ROOT="$root"
export AIGOV_LOCAL="$root/.local/cluster-test"
export AIGOV_CLUSTER_LOCAL="$AIGOV_LOCAL/cluster" AIGOV_CLUSTER_SIZE="$nodes"
# A caller (scripts/test.sh) may have exported the main stack's settings: never share them.
unset AIGOV_DIST_PORT AIGOV_RABBIT_NODENAME RabbitMq__Host RabbitMq__Port RabbitMq__ManagementPort RabbitMq__Nodes RabbitMq__QuorumQueues
export AIGOV_PG_PORT="${CLUSTER_TEST_PG_PORT:-5452}"
export AIGOV_SERVICE_PORT_BASE="${CLUSTER_TEST_SERVICE_PORT_BASE:-5380}"
export AIGOV_REPLICAS="$replicas"
deadline_s="${CLUSTER_TEST_DEADLINE_SECONDS:-240}"
# shellcheck source=scripts/lib/infra.sh
. "$root/scripts/lib/infra.sh"
# shellcheck source=scripts/lib/services.sh
. "$root/scripts/lib/services.sh"
# shellcheck source=scripts/lib/cluster.sh
. "$root/scripts/lib/cluster.sh"
# shellcheck source=scripts/lib/suite.sh
. "$root/scripts/lib/suite.sh"

say() { printf 'cluster-test: %s\n' "$*" >&2; }
mgmt_port=$((${AIGOV_CLUSTER_MGMT_BASE:-15700} + 1))
workers=(AiGov.Storage AiGov.Deduplicator AiGov.LanguageDetector AiGov.Cleaner)
stage_queues=(cleaning language-detection deduplication storage)
t_begin=$SECONDS

# One run at a time per checkout (the state folder and the ports are fixed): a second run waits for the first.
mkdir -p "$root/.local"
exec {lock_fd}>>"$root/.local/cluster-test.lock"
if ! flock -n "$lock_fd"; then
  say "another scripts/cluster-test.sh of this checkout is running; waiting for it to finish (at most 300 s) …"
  flock -w 300 "$lock_fd" || { say "ERROR: the other cluster-test still runs after 300 s -- wait for it, or stop it (its processes are under .local/cluster-test)"; exit 1; }
fi

stop_all() {
  svc_stop_all 2>/dev/null || true
  cluster_down "" >/dev/null 2>&1 || true
  infra_stop_postgres >/dev/null 2>&1 || true
}
trap stop_all EXIT
# a TERM (scripts/test.sh's timeout) or Ctrl-C still stops everything through the EXIT trap
trap 'exit 143' TERM
trap 'exit 130' INT

say "[1/6] a fresh stack of its own in ${AIGOV_LOCAL#"$root"/}: $nodes RabbitMQ node(s) (AMQP :$((${AIGOV_CLUSTER_AMQP_BASE:-5700} + 1))+), $queues queues, PostgreSQL :$AIGOV_PG_PORT, $replicas replica(s) per worker (services :$AIGOV_SERVICE_PORT_BASE+)"
stop_all
rm -rf "$AIGOV_LOCAL"
mkdir -p "$AIGOV_LOCAL"
infra_install_missing
# The cluster forms (~50 s) while PostgreSQL starts and the services build.
cluster_log="$AIGOV_LOCAL/cluster-up.log"
cluster_up >"$cluster_log" 2>&1 &
cluster_job=$!
infra_start_postgres
svc_build
say "waiting for the cluster to form (log ${cluster_log#"$root"/}) …"
if ! wait "$cluster_job"; then
  cat "$cluster_log" >&2
  say "ERROR: the RabbitMQ cluster did not form -- see the lines above and ${AIGOV_CLUSTER_LOCAL#"$root"/}/logs"
  exit 1
fi
cat "$cluster_log" >&2
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$AIGOV_PG_PORT;Database=aigov;Username=aigov;Password=aigov;Maximum Pool Size=20"
RabbitMq__Nodes="$(cluster_nodes_setting)"
export RabbitMq__Nodes RabbitMq__Username=guest RabbitMq__Password=guest RabbitMq__ManagementPort="$mgmt_port"
RabbitMq__QuorumQueues=false
[ "$queues" = quorum ] && RabbitMq__QuorumQueues=true
export RabbitMq__QuorumQueues
export Pipeline__DataRoot="$AIGOV_LOCAL/data" Pipeline__SettleMilliseconds=200 Pipeline__RescanSeconds=5
# Every worker instance at once (storage and deduplicator migrate under an advisory lock), the watcher once the
# stage queues exist.
mapfile -t instances < <(for w in "${workers[@]}"; do svc_instances "$w"; done)
for name in "${instances[@]}"; do svc_start "$name"; done
for name in "${instances[@]}"; do svc_wait_healthy "$name" 120; done
svc_start AiGov.Watcher
svc_wait_healthy AiGov.Watcher 120
# the services run in their own sessions; no "Killed" job notices from this shell when the test kills one
disown -a
say "stack ready after $((SECONDS - t_begin)) s"


# Every node's management port: the first that answers tells the queue depths (suite_wait_drained).
mgmt_ports=()
for node in $(seq 1 "$nodes"); do mgmt_ports+=("$((${AIGOV_CLUSTER_MGMT_BASE:-15700} + node))"); done

# CPU seconds used so far by each part of the stack: "broker services postgres" (utime+stime of the RabbitMQ nodes, of
# every service instance, and of our PostgreSQL's processes). Less disturbed by other load on the machine than wall time.
cpu_seconds() {
  python3 - "$AIGOV_CLUSTER_LOCAL/pids" "$AIGOV_LOCAL/pids" "$AIGOV_LOCAL/postgres/data/postmaster.pid" <<'PY'
import os, sys
tick = os.sysconf("SC_CLK_TCK")
def cpu(pid):
    try:
        f = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / tick
    except (OSError, ValueError, IndexError):
        return 0.0
def pids(folder):
    out = []
    for name in os.listdir(folder) if os.path.isdir(folder) else []:
        if name.endswith(".pid") and name != "epmd.pid":
            try: out.append(open(os.path.join(folder, name)).readline().strip())
            except OSError: pass
    return out
broker = sum(cpu(p) for p in pids(sys.argv[1]))
services = sum(cpu(p) for p in pids(sys.argv[2]))
postgres = 0.0
try:
    master = open(sys.argv[3]).readline().strip()
    postgres = cpu(master)
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                if open("/proc/%s/stat" % p).read().rsplit(")", 1)[1].split()[1] == master: postgres += cpu(p)
            except OSError: pass
except OSError: pass
print("%.2f %.2f %.2f" % (broker, services, postgres))
PY
}

if [ "$mode" = bench ]; then
  say "[2/6] throughput: $rounds round(s) of $documents documents dropped at once (one folder moved into the inbox)"
  results=()
  for round in $(seq 1 "$rounds"); do
    staging="$AIGOV_LOCAL/staging/round-$round"
    mkdir -p "$staging"
    suite_write_documents "$staging" "$documents" "$((round * 100000))" 0 "Cluster report"
    read -r cb0 cs0 cp0 < <(cpu_seconds)
    t0="$(date +%s.%N)"
    mv "$staging" "$Pipeline__DataRoot/inbox/round-$round"
    last=0 tick=$SECONDS
    while :; do
      rows="$(suite_rows "round-$round/")"
      [ "$rows" -ge "$documents" ] && break
      if [ $((SECONDS - tick)) -ge 300 ]; then say "round $round: stuck at $rows rows for 300 s"; exit 1; fi
      [ "$rows" -ne "$last" ] && { last="$rows"; tick=$SECONDS; }
      sleep 0.2
    done
    t1="$(date +%s.%N)"
    read -r cb1 cs1 cp1 < <(cpu_seconds)
    cpu_per_doc="$(python3 -c "import sys; a=[float(x) for x in sys.argv[1:]]; n=a[6]; print('CPU per document: broker %.2f ms, services %.2f ms, postgres %.2f ms' % ((a[3]-a[0])*1000/n, (a[4]-a[1])*1000/n, (a[5]-a[2])*1000/n))" "$cb0" "$cs0" "$cp0" "$cb1" "$cs1" "$cp1" "$documents")"
    # lag: from the watcher accepting the last file to the last row (how far the workers trail the watcher)
    lag="$(suite_psql "SELECT round(extract(epoch FROM max(stored_at) - max(received_at))::numeric, 1) FROM documents WHERE file_name LIKE 'round-$round/%'")"
    rate="$(python3 -c "import sys; d=float(sys.argv[2])-float(sys.argv[1]); print('%.1f s, %.0f docs/s, last row %s s after the watcher accepted the last file' % (d, int(sys.argv[3])/d, sys.argv[4]))" "$t0" "$t1" "$documents" "$lag")"
    say "round $round: $documents documents in $rate; $cpu_per_doc (load average $(cut -d' ' -f1 /proc/loadavg))"
    results+=("$rate; $cpu_per_doc")
    suite_wait_drained 60 5 "${mgmt_ports[@]}" >/dev/null || true
  done
  say "[6/6] stopping (logs kept in ${AIGOV_LOCAL#"$root"/}/logs)"
  trap - EXIT
  stop_all
  echo "cluster-bench: nodes=$nodes queues=$queues replicas=$replicas documents=$documents: $(printf '%s; ' "${results[@]}")"
  exit 0
fi

copies=$((documents / 10))
originals=$((documents - copies))
say "[2/6] writing $documents documents: $originals distinct, $copies of them twice (exact duplicates, dropped side by side)"
staging="$AIGOV_LOCAL/staging"
mkdir -p "$staging" "$Pipeline__DataRoot/inbox/cluster"
suite_write_documents "$staging" "$originals" 0 "$copies" "Cluster report"

say "[3/6] dropping them over ~20 s while faults are injected"
started_at=$SECONDS
suite_drop_slowly "$staging" "$Pipeline__DataRoot/inbox/cluster" 50 &
dropper=$!

# Faults start once documents are flowing through every stage (rows arriving), or after 45 s whatever the count.
wait_rows() {
  local until=$((SECONDS + 45))
  while [ "$(suite_rows cluster/)" -lt "$1" ] && [ "$SECONDS" -lt "$until" ]; do sleep 0.5; done
}
wait_rows $((documents / 10))
victim="$(cluster_leader storage)"
say "SIGKILL $victim, the leader of the storage queue, at $((SECONDS - started_at)) s ($(suite_rows cluster/) rows so far)"
cluster_kill "$victim"
wait_rows $((documents * 3 / 10))
for name in "${workers[@]}"; do
  inst="$name.$((RANDOM % replicas + 1))"
  [ "${inst##*.}" = 1 ] && inst="$name"
  pid="$(head -n1 "$AIGOV_LOCAL/pids/$inst.pid")"
  say "SIGKILL worker replica $inst (pid $pid) at $((SECONDS - started_at)) s"
  kill -KILL "$pid"
  sleep 1
done
say "new storage leader: $(cluster_leader storage 2>/dev/null || echo '?'); starting $victim again at $((SECONDS - started_at)) s"
cluster_start "$victim"
wait "$dropper"

say "[4/6] waiting for $documents rows (at most ${deadline_s} s from the first drop)"
rows="$(suite_wait_rows cluster/ "$documents" "$deadline_s" "$started_at")"
say "$rows rows after $((SECONDS - started_at)) s"

say "[5/6] checking queues, rows, files, the cluster and the quorum replicas"
status=0
queues=""
queues="$(suite_wait_drained 90 5 "${mgmt_ports[@]}")" || { say "queues not drained (ready/unacked): $queues"; status=1; }
read -r rows distinct < <(suite_rows_and_files cluster/)
lost=$((documents - distinct))
doubled=$((rows - distinct))
[ "$lost" -eq 0 ] && [ "$doubled" -eq 0 ] || status=1
# Each pair of identical files: exactly one `stored`, the other `duplicate` of it (the replicated deduplicator decided
# each pair once, whichever replica saw it first); every other document `stored`.
read -r stored duplicates < <(suite_psql "SELECT count(*) FILTER (WHERE status = 'stored'), count(*) FILTER (WHERE status = 'duplicate') FROM documents WHERE file_name LIKE 'cluster/%'" | tr '|' ' ')
bad_pairs="$(suite_psql "SELECT count(*) FROM documents d LEFT JOIN documents o ON o.id = d.duplicate_of
  WHERE d.file_name LIKE 'cluster/%' AND d.status = 'duplicate'
    AND (o.id IS NULL OR o.status <> 'stored' OR o.content_sha256 <> d.content_sha256 OR d.similarity <> 1.0)")"
if [ "$stored" -ne "$originals" ] || [ "$duplicates" -ne "$copies" ] || [ "$bad_pairs" -ne 0 ]; then
  say "expected $originals stored and $copies duplicate rows (each the duplicate of its stored twin), got $stored stored, $duplicates duplicate, $bad_pairs duplicate(s) not pointing at a stored twin:"
  suite_psql "SELECT status, count(*), left(min(error), 160) FROM documents WHERE file_name LIKE 'cluster/%' GROUP BY status" >&2
  status=1
else
  say "$stored stored, $duplicates duplicate rows, each duplicate pointing at its stored twin"
fi
processed="$(find "$Pipeline__DataRoot/processed/cluster" -type f 2>/dev/null | wc -l)"
left_in_inbox="$(find "$Pipeline__DataRoot/inbox" -type f | wc -l)"
[ "$processed" -eq "$documents" ] || { say "processed/ holds $processed files, not $documents"; status=1; }
[ "$left_in_inbox" -eq 0 ] || { say "$left_in_inbox file(s) still in the inbox"; status=1; }

if cluster_wait_running "$nodes" 60; then
  say "$victim is a running cluster member again: $(_cluster_running_nodes | paste -sd' ' -)"
else
  say "$victim did not rejoin the cluster"
  status=1
fi
# Its replica of every stage queue must reach the leader's Raft log and commit index (the queues are idle now).
caught_up() {
  cluster_quorum_status "$1" | python3 -c '
import json, sys
members = json.loads(sys.stdin.read())
victim = sys.argv[1]
leader = [m for m in members if m["Raft State"] == "leader"]
mine = [m for m in members if m["Node Name"] == victim]
if not leader or not mine:
    print("no leader" if not leader else "%s is not a member" % victim); sys.exit(1)
l, m = leader[0], mine[0]
state = "%s log %s/commit %s, leader %s log %s/commit %s" % (m["Raft State"], m["Log Index"], m["Commit Index"], l["Node Name"], l["Log Index"], l["Commit Index"])
print(state)
sys.exit(0 if m["Raft State"] == "follower" and m["Commit Index"] == l["Commit Index"] and m["Log Index"] == l["Log Index"] else 1)
' "$victim"
}
for queue in "${stage_queues[@]}"; do
  ok=0
  for _ in $(seq 1 30); do
    if line="$(caught_up "$queue")"; then ok=1; break; fi
    sleep 2
  done
  if [ "$ok" = 1 ]; then
    say "quorum queue $queue: replica on $victim caught up ($line)"
  else
    say "quorum queue $queue: replica on $victim did not catch up within 60 s (${line:-no answer})"
    status=1
  fi
done

[ "$status" -eq 0 ] || suite_tail_logs

say "[6/6] stopping the cluster-test stack (logs kept in ${AIGOV_LOCAL#"$root"/}) after $((SECONDS - t_begin)) s in all"
trap - EXIT
stop_all
echo "cluster-test: $documents dropped, $rows rows, $lost lost, $doubled doubled"
exit "$status"
