# shellcheck shell=bash
# What the fault suites (scripts/chaos.sh, scripts/cluster-test.sh) share: their documents, the slow drop, the row
# counts. Source after infra.sh; the suite sets AIGOV_PG_PORT to its own PostgreSQL and defines say (progress lines).

# suite_stop_stack: the suite's services, RabbitMQ and PostgreSQL, whatever state they are in (an EXIT trap).
suite_stop_stack() {
  svc_stop_all 2>/dev/null || true
  infra_stop_rabbitmq >/dev/null 2>&1 || true
  infra_stop_postgres >/dev/null 2>&1 || true
}

# suite_kill NAME: SIGKILL the service instance NAME and wait until it is gone (a zombie counts as gone); prints
# its pid.
suite_kill() {
  local pid
  pid="$(head -n1 "$AIGOV_LOCAL/pids/$1.pid")"
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]; do sleep 0.1; done
  printf '%s' "$pid"
}

# suite_psql SQL: one query against the suite's database, unaligned, no headers.
suite_psql() { PGPASSWORD=aigov psql -h 127.0.0.1 -p "$AIGOV_PG_PORT" -U aigov -d aigov -tAq -c "$1"; }

# suite_rows PREFIX: rows whose file name starts with PREFIX (0 while the database is down).
suite_rows() { suite_psql "SELECT count(*) FROM documents WHERE file_name LIKE '$1%'" 2>/dev/null || echo 0; }

# suite_rows_and_files PREFIX: "rows distinct_file_names" of the rows under PREFIX.
suite_rows_and_files() {
  suite_psql "SELECT count(*), count(DISTINCT file_name) FROM documents WHERE file_name LIKE '$1%'" | tr '|' ' '
}

# suite_write_documents DIR N OFFSET COPIES TITLE: N distinct ~2 KB AI-governance texts doc-00001.txt … in DIR (the
# seed OFFSET keeps rounds distinct from each other), and for the first COPIES of them a byte-identical copy under
# another name (doc-00001-copy.txt sorts right after doc-00001.txt, so the two arrive together and two deduplicator
# replicas may decide them at the same moment). TITLE begins each text's first line.
suite_write_documents() {
  awk -v dir="$1" -v n="$2" -v off="$3" -v copies="$4" -v title="$5" 'BEGIN {
    split("artificial intelligence governance policy regulation committee assembly resolution framework safety " \
          "model data privacy transparency accountability audit risk standard export control chip compute research " \
          "development cooperation international national strategy public sector industry investment innovation " \
          "oversight evaluation benchmark frontier system deployment incident report liability copyright training", w, " ")
    for (i = 1; i <= n; i++) {
      srand(i + off); f = sprintf("%s/doc-%05d.txt", dir, i)
      printf "%s %d-%d on AI governance\n\n", title, off, i > f
      for (p = 0; p < 6; p++) { line = ""; for (k = 0; k < 40; k++) line = line w[int(rand() * 50) + 1] " "; print line "(" off "-" i "-" p ")." > f; print "" > f }
      close(f)
      if (i <= copies) { c = sprintf("%s/doc-%05d-copy.txt", dir, i); while ((getline l < f) > 0) print l > c; close(f); close(c) }
    }
  }'
}

# suite_drop_slowly FROM TO PER_SECOND: moves the files of FROM into TO, PER_SECOND of them each second (run it in the
# background while faults are injected).
suite_drop_slowly() {
  local f i=0
  for f in "$1"/*.txt; do
    mv "$f" "$2/"
    i=$((i + 1))
    if [ $((i % $3)) -eq 0 ]; then sleep 1; fi
  done
}

# suite_wait_rows PREFIX N DEADLINE_S STARTED_AT: waits until N rows under PREFIX exist or DEADLINE_S seconds have
# passed since STARTED_AT (a $SECONDS value); prints the last count.
suite_wait_rows() {
  local rows
  while :; do
    rows="$(suite_rows "$1")"
    [ "$rows" -ge "$2" ] && break
    if [ $((SECONDS - $4)) -ge "$3" ]; then
      say "deadline reached with $rows rows"
      break
    fi
    sleep 1
  done
  printf '%s' "$rows"
}

# suite_queues_busy MAX_TIME PORT...: "name=ready/unacked …" for every queue of the default virtual host that still
# holds messages, from the first management port that answers (MAX_TIME: curl's limit per port in seconds, 0 for
# none); "management-api-unreachable" when none answers.
suite_queues_busy() {
  local max_time="$1" port out
  shift
  for port in "$@"; do
    out="$(curl -fs --max-time "$max_time" -u guest:guest "http://127.0.0.1:$port/api/queues/%2F" | python3 -c '
import json, sys
qs = json.load(sys.stdin)
print(" ".join("%s=%s/%s" % (q["name"], q.get("messages_ready", 0), q.get("messages_unacknowledged", 0))
               for q in qs if q.get("messages_ready", 0) or q.get("messages_unacknowledged", 0)))
')" && { printf '%s' "$out"; return 0; }
  done
  echo "management-api-unreachable"
}

# suite_wait_drained SECONDS MAX_TIME PORT...: redelivered messages may still be in flight and the management API's
# counts lag by a few seconds, so this polls every second until no queue holds a message (returns 0, prints nothing)
# or SECONDS polls have passed (prints what is left, returns 1).
suite_wait_drained() {
  local polls="$1" queues=""
  shift
  for _ in $(seq 1 "$polls"); do
    queues="$(suite_queues_busy "$@")"
    [ -n "$queues" ] || return 0
    sleep 1
  done
  printf '%s' "$queues"
  return 1
}

# suite_tail_logs: the last lines of every service's log, after a failed check.
suite_tail_logs() {
  local entry
  for entry in "${AIGOV_SERVICES[@]}"; do
    say "--- last lines of ${entry%%:*}"; tail -n 5 "$AIGOV_LOCAL/logs/${entry%%:*}.log" >&2 || true
  done
}
