# shellcheck shell=bash
# scripts/lib/cluster.sh -- a RabbitMQ cluster of three nodes on 127.0.0.1, beside anything else on the machine.
#
# Source after infra.sh (bash only). Defines functions only; sets no shell options, never calls `exit`.
# Every public function prints "ERROR: what went wrong -- what to do" and returns non-zero on failure.
# Progress goes to stderr.
#
# Public functions
#   cluster_up                start the nodes (in parallel), join them into one cluster, wait until the management
#                             API of node 1 lists every node running. Idempotent.
#   cluster_down              stop every node (rabbitmqctl stop, data kept) and the cluster's epmd
#   cluster_kill NODE         SIGKILL one node (NODE: 2, rmq2 or rmq2@localhost)
#   cluster_start NODE        start one node again with its data; it rejoins the cluster by itself
#   cluster_status            one line per node on stdout
#   cluster_leader QUEUE      print the node leading a quorum queue (vhost /), e.g. rmq2@localhost
#   cluster_nodes_setting     print the RabbitMq__Nodes value for the services (127.0.0.1:5701,...)
#   cluster_wait_running N S  wait up to S seconds until node 1's management API lists N running nodes
#
# Settings (environment)
#   AIGOV_CLUSTER_LOCAL       state folder; default $AIGOV_ROOT/.local/cluster
#                             (rmqN/{mnesia,log,etc}, home/ with the shared Erlang cookie, pids/, logs/)
#   AIGOV_CLUSTER_SIZE        3
#   AIGOV_CLUSTER_AMQP_BASE   5700   node N listens on AMQP BASE+N (5701-5703)
#   AIGOV_CLUSTER_MGMT_BASE   15700  management API/UI of node N on BASE+N (15701-15703)
#   AIGOV_CLUSTER_DIST_BASE   25700  Erlang distribution port of node N (25701-25703)
#   AIGOV_CLUSTER_EPMD_PORT   4371   an epmd of the cluster's own: the default stack's epmd (4369), its node names and
#                             its cookie are never touched
#   AIGOV_CLUSTER_MEMORY      768MB  vm_memory_high_watermark.absolute of each node (publishers block above it)
#
# Why /usr/lib/rabbitmq/bin and not /usr/sbin: the wrappers in /usr/sbin switch to the `rabbitmq` user and its HOME,
# so they would use the system node's cookie. Every call here runs with `env -i` and the cluster's own HOME.
#
# Measured on the project machine (2 cores, RabbitMQ 3.10.8 / Erlang 25): cluster_up from empty folders ~50 s (the
# three boots in parallel ~15 s, then each join reboots the joining node); a killed node boots again in 13-17 s and
# rejoins by itself; 130-165 MB RSS per idle node.

_CLUSTER_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

_cluster_init() {
    # shellcheck source=scripts/lib/infra.sh
    declare -F _infra_init >/dev/null || . "$_CLUSTER_LIB_DIR/infra.sh"
    _infra_init || return 1
    : "${AIGOV_CLUSTER_SIZE:=3}" "${AIGOV_CLUSTER_AMQP_BASE:=5700}" "${AIGOV_CLUSTER_MGMT_BASE:=15700}"
    : "${AIGOV_CLUSTER_DIST_BASE:=25700}" "${AIGOV_CLUSTER_EPMD_PORT:=4371}" "${AIGOV_CLUSTER_MEMORY:=768MB}"
    local v
    for v in AIGOV_CLUSTER_SIZE AIGOV_CLUSTER_AMQP_BASE AIGOV_CLUSTER_MGMT_BASE AIGOV_CLUSTER_DIST_BASE AIGOV_CLUSTER_EPMD_PORT; do
        case "${!v}" in
            '' | *[!0-9]*) _infra_err "$v='${!v}' is not a number -- unset it or set e.g. $v=3"; return 1 ;;
        esac
    done
    if [ "$AIGOV_CLUSTER_SIZE" -lt 1 ] || [ "$AIGOV_CLUSTER_SIZE" -gt 9 ]; then
        _infra_err "AIGOV_CLUSTER_SIZE=$AIGOV_CLUSTER_SIZE -- use 1 to 9 nodes (3 is the usual quorum cluster)"
        return 1
    fi
    _CLUSTER_LOCAL="${AIGOV_CLUSTER_LOCAL:-$AIGOV_ROOT/.local/cluster}"
    _CLUSTER_HOME="$_CLUSTER_LOCAL/home"
    _CLUSTER_PIDS="$_CLUSTER_LOCAL/pids"
    _CLUSTER_LOGS="$_CLUSTER_LOCAL/logs"
    mkdir -p "$_CLUSTER_PIDS" "$_CLUSTER_LOGS" "$_CLUSTER_HOME" || {
        _infra_err "cannot create $_CLUSTER_LOCAL -- check permissions of $AIGOV_ROOT/.local"
        return 1
    }
    chmod 700 "$_CLUSTER_HOME"
}

_cluster_amqp_port() { echo $((AIGOV_CLUSTER_AMQP_BASE + $1)); }
_cluster_mgmt_port() { echo $((AIGOV_CLUSTER_MGMT_BASE + $1)); }
_cluster_dist_port() { echo $((AIGOV_CLUSTER_DIST_BASE + $1)); }
_cluster_nodename() { echo "rmq$1@localhost"; }
_cluster_dir() { echo "$_CLUSTER_LOCAL/rmq$1"; }
_cluster_pidfile() { echo "$_CLUSTER_PIDS/rmq$1.pid"; }

# NODE (2, rmq2, rmq2@localhost) -> 2
_cluster_index() {
    local n="${1:-}"
    n="${n%@localhost}"
    n="${n#rmq}"
    case "$n" in
        '' | *[!0-9]*) ;;
        *) if [ "$n" -ge 1 ] && [ "$n" -le "$AIGOV_CLUSTER_SIZE" ]; then echo "$n"; return 0; fi ;;
    esac
    _infra_err "unknown node '${1:-}' -- name one of rmq1 .. rmq$AIGOV_CLUSTER_SIZE (or its number)"
    return 1
}

# The environment every node process and CLI call of node N runs with (env -i: nothing of the caller leaks in).
_cluster_env() {
    local i="$1" dir dist_args
    dir="$(_cluster_dir "$i")"
    dist_args='-kernel inet_dist_use_interface {127,0,0,1}'
    _CLUSTER_ENV=(
        "PATH=${PATH:-/usr/sbin:/usr/bin:/sbin:/bin}"
        LANG=C.UTF-8 LC_ALL=C.UTF-8
        "HOME=$_CLUSTER_HOME"
        "RABBITMQ_NODENAME=$(_cluster_nodename "$i")"
        RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
        "RABBITMQ_NODE_PORT=$(_cluster_amqp_port "$i")"
        "RABBITMQ_DIST_PORT=$(_cluster_dist_port "$i")"
        "RABBITMQ_MNESIA_BASE=$dir/mnesia"
        "RABBITMQ_LOG_BASE=$dir/log"
        "RABBITMQ_CONFIG_FILE=$dir/etc/rabbitmq.conf"
        "RABBITMQ_ADVANCED_CONFIG_FILE=$dir/etc/advanced.config"
        "RABBITMQ_CONF_ENV_FILE=$dir/etc/rabbitmq-env.conf"
        "RABBITMQ_ENABLED_PLUGINS_FILE=$dir/etc/enabled_plugins"
        "RABBITMQ_PID_FILE=$(_cluster_pidfile "$i")"
        ERL_EPMD_ADDRESS=127.0.0.1
        "ERL_EPMD_PORT=$AIGOV_CLUSTER_EPMD_PORT"
        "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=$dist_args"
        "RABBITMQ_CTL_ERL_ARGS=$dist_args"
    )
}

# _cluster_ctl N ARGS...: rabbitmqctl against node N with the cluster's HOME and cookie.
_cluster_ctl() {
    local i="$1"
    shift
    _cluster_env "$i"
    env -i "${_CLUSTER_ENV[@]}" "$_INFRA_RMQ_BIN/rabbitmqctl" -n "$(_cluster_nodename "$i")" "$@" </dev/null
}

_cluster_write_files() {
    local i="$1" dir cookie
    dir="$(_cluster_dir "$i")"
    mkdir -p "$dir/mnesia" "$dir/log" "$dir/etc" || {
        _infra_err "cluster: cannot create $dir -- check permissions"
        return 1
    }
    cat >"$dir/etc/rabbitmq.conf" <<EOF
# written by scripts/lib/cluster.sh on every start -- edits are overwritten
listeners.tcp.default = 127.0.0.1:$(_cluster_amqp_port "$i")
management.tcp.ip = 127.0.0.1
management.tcp.port = $(_cluster_mgmt_port "$i")
loopback_users.guest = true
log.console = false
log.file.level = info
# several nodes share this machine: each gets a fixed memory budget instead of 40 % of all RAM
vm_memory_high_watermark.absolute = $AIGOV_CLUSTER_MEMORY
# a node cut off from the majority stops serving instead of diverging
cluster_partition_handling = pause_minority
EOF
    printf '[rabbitmq_management].\n' >"$dir/etc/enabled_plugins"
    printf '# intentionally empty: keeps /etc/rabbitmq/rabbitmq-env.conf out\n' >"$dir/etc/rabbitmq-env.conf"
    if [ ! -s "$_CLUSTER_HOME/.erlang.cookie" ]; then
        cookie="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
        (umask 077 && printf '%s' "$cookie" >"$_CLUSTER_HOME/.erlang.cookie") || return 1
        chmod 400 "$_CLUSTER_HOME/.erlang.cookie"
    fi
}

# pid of OUR node N: pid file alive and the process has our RABBITMQ_MNESIA_BASE (guards against pid reuse).
_cluster_node_pid() {
    local i="$1" pidf pid
    pidf="$(_cluster_pidfile "$i")"
    infra_pid_alive "$pidf" || return 1
    read -r pid <"$pidf"
    if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -xF "RABBITMQ_MNESIA_BASE=$(_cluster_dir "$i")/mnesia" >/dev/null; then
        printf '%s\n' "$pid"
    else
        return 1
    fi
}

_cluster_epmd_names() { ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT="$AIGOV_CLUSTER_EPMD_PORT" epmd -names 2>/dev/null; }

_cluster_epmd_ensure() {
    local pidf="$_CLUSTER_PIDS/epmd.pid" deadline
    _cluster_epmd_names >/dev/null && return 0
    command -v epmd >/dev/null 2>&1 || {
        _infra_err "cluster: epmd not found (package erlang-base) -- install rabbitmq-server (scripts/up.sh does)"
        return 1
    }
    if _infra_port_open "$AIGOV_CLUSTER_EPMD_PORT"; then
        _infra_err "cluster: port 127.0.0.1:$AIGOV_CLUSTER_EPMD_PORT is taken by $(_infra_port_owner "$AIGOV_CLUSTER_EPMD_PORT"), not an epmd -- free it or set AIGOV_CLUSTER_EPMD_PORT"
        return 1
    fi
    (
        _infra_close_fds
        exec >>"$_CLUSTER_LOGS/epmd.log" 2>&1 </dev/null
        setsid epmd -address 127.0.0.1 -port "$AIGOV_CLUSTER_EPMD_PORT" &
        echo $! >"$pidf"
    )
    deadline=$((SECONDS + 10))
    until _cluster_epmd_names >/dev/null; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            _infra_err "cluster: epmd did not come up on 127.0.0.1:$AIGOV_CLUSTER_EPMD_PORT -- see $_CLUSTER_LOGS/epmd.log"
            return 1
        fi
        sleep 0.2
    done
    _infra_log "cluster: started epmd on 127.0.0.1:$AIGOV_CLUSTER_EPMD_PORT (pid $(cat "$pidf"))"
}

_cluster_epmd_stop() {
    local pidf="$_CLUSTER_PIDS/epmd.pid" pid names=""
    infra_pid_alive "$pidf" || { rm -f "$pidf"; return 0; }
    read -r pid <"$pidf"
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = epmd ] || { rm -f "$pidf"; return 0; }
    for _ in $(seq 1 20); do
        names="$(_cluster_epmd_names | grep '^name ' || true)"
        [ -z "$names" ] && break
        sleep 0.3
    done
    if [ -n "$names" ]; then
        _infra_log "cluster: leaving the cluster's epmd (pid $pid) running: still registered: $(printf '%s' "$names" | awk '{print $2}' | paste -sd, -)"
        return 0
    fi
    kill "$pid" 2>/dev/null
    rm -f "$pidf"
    _infra_log "cluster: stopped the cluster's epmd (pid $pid)"
}

# Spawn node N in the background (no waiting). Refuses ports taken by anything else.
_cluster_spawn() {
    local i="$1" p name log
    name="$(_cluster_nodename "$i")"
    log="$_CLUSTER_LOGS/rmq$i.log"
    if _cluster_node_pid "$i" >/dev/null; then
        return 0
    fi
    for p in "$(_cluster_amqp_port "$i")" "$(_cluster_mgmt_port "$i")" "$(_cluster_dist_port "$i")"; do
        if _infra_port_open "$p"; then
            _infra_err "cluster: port 127.0.0.1:$p (for $name) is in use by $(_infra_port_owner "$p") -- stop it (another checkout's scripts/cluster.sh down?) or move the cluster with AIGOV_CLUSTER_AMQP_BASE / _MGMT_BASE / _DIST_BASE"
            return 1
        fi
    done
    if _cluster_epmd_names | grep "^name rmq$i at port" >/dev/null; then
        _infra_err "cluster: an Erlang node rmq$i is registered with the epmd on :$AIGOV_CLUSTER_EPMD_PORT but it is not ours (no live pid in $(_cluster_pidfile "$i")) -- stop it, or set AIGOV_CLUSTER_EPMD_PORT to another port"
        return 1
    fi
    _cluster_write_files "$i" || return 1
    rm -f "$(_cluster_pidfile "$i")"
    _cluster_env "$i"
    _infra_log "cluster: starting $name (amqp 127.0.0.1:$(_cluster_amqp_port "$i"), management :$(_cluster_mgmt_port "$i"), log ${log#"$AIGOV_ROOT"/}) …"
    (
        _infra_close_fds
        cd "$_CLUSTER_HOME" || exit 1
        exec >>"$log" 2>&1 </dev/null
        setsid nohup env -i "${_CLUSTER_ENV[@]}" "$_INFRA_RMQ_BIN/rabbitmq-server" &
    )
}

# Wait until node N has booted (rabbitmqctl wait: pid file written and the rabbit app running; fails early if the VM
# dies), then until its management API answers.
_cluster_wait_node() {
    local i="$1" timeout="${2:-180}" name log
    name="$(_cluster_nodename "$i")"
    log="$_CLUSTER_LOGS/rmq$i.log"
    if ! _cluster_ctl "$i" -q wait "$(_cluster_pidfile "$i")" --timeout "$timeout" >>"$log" 2>&1; then
        tail -n 15 "$(_cluster_dir "$i")/log/$name.log" >&2 2>/dev/null || tail -n 15 "$log" >&2
        _infra_err "cluster: $name did not boot within ${timeout}s -- see $log and $(_cluster_dir "$i")/log/$name.log"
        return 1
    fi
    if ! infra_wait_http "http://127.0.0.1:$(_cluster_mgmt_port "$i")/api/overview" 60 -u guest:guest; then
        _infra_err "cluster: $name booted but its management API on :$(_cluster_mgmt_port "$i") does not answer -- see $(_cluster_dir "$i")/log/$name.log"
        return 1
    fi
}

# Running cluster members as node 1's management API sees them (names, one per line).
_cluster_running_nodes() {
    local port="${1:-$(_cluster_mgmt_port 1)}"
    curl -fsS --max-time 5 -u guest:guest "http://127.0.0.1:$port/api/nodes?columns=name,running" 2>/dev/null |
        python3 -c 'import json,sys; [print(n["name"]) for n in json.load(sys.stdin) if n.get("running")]' 2>/dev/null
}

# True if node N already counts node 1 among its cluster members (it has joined before).
_cluster_is_member() {
    local i="$1"
    _cluster_ctl "$i" -q cluster_status --formatter json 2>/dev/null |
        python3 -c 'import json,sys; sys.exit(0 if sys.argv[1] in json.load(sys.stdin).get("disk_nodes", []) else 1)' "$(_cluster_nodename 1)" 2>/dev/null
}

cluster_wait_running() {
    local want="$1" timeout="${2:-120}" deadline n=0 i
    _cluster_init || return 1
    deadline=$((SECONDS + timeout))
    while :; do
        for i in $(seq 1 "$AIGOV_CLUSTER_SIZE"); do
            n="$(_cluster_running_nodes "$(_cluster_mgmt_port "$i")" | wc -l)"
            [ "$n" -ge "$want" ] && return 0
        done
        if [ "$SECONDS" -ge "$deadline" ]; then
            _infra_err "cluster: only $n of $want nodes are running after ${timeout}s -- see the node logs under ${_CLUSTER_LOCAL#"$AIGOV_ROOT"/}/rmq*/log"
            return 1
        fi
        sleep 1
    done
}

_cluster_up() {
    local i t0=$SECONDS pids=() rc=0 spawned=0
    [ -x "$_INFRA_RMQ_BIN/rabbitmq-server" ] || {
        _infra_err "cluster: $_INFRA_RMQ_BIN/rabbitmq-server not found -- run scripts/up.sh once (it installs rabbitmq-server) or apt-get install rabbitmq-server"
        return 1
    }
    _cluster_epmd_ensure || return 1
    # All nodes boot at once: a node that was a cluster member waits for its peers at boot, so a whole cluster stopped
    # by cluster_down must come back together.
    for i in $(seq 1 "$AIGOV_CLUSTER_SIZE"); do
        if _cluster_node_pid "$i" >/dev/null; then
            _infra_log "cluster: $(_cluster_nodename "$i") already running (pid $(_cluster_node_pid "$i"))"
            continue
        fi
        _cluster_spawn "$i" || return 1
        spawned=$((spawned + 1))
    done
    for i in $(seq 1 "$AIGOV_CLUSTER_SIZE"); do
        _cluster_wait_node "$i" 180 & pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i" || rc=1; done
    [ "$rc" -eq 0 ] || return 1
    [ "$spawned" -eq 0 ] || _infra_log "cluster: $spawned node(s) booted ($((SECONDS - t0)) s)"
    for i in $(seq 2 "$AIGOV_CLUSTER_SIZE"); do
        _cluster_is_member "$i" && continue
        _infra_log "cluster: joining $(_cluster_nodename "$i") to $(_cluster_nodename 1) (the node restarts its app) …"
        {
            _cluster_ctl "$i" stop_app && _cluster_ctl "$i" reset &&
                _cluster_ctl "$i" join_cluster "$(_cluster_nodename 1)" && _cluster_ctl "$i" start_app
        } >>"$_CLUSTER_LOGS/rmq$i.log" 2>&1 || {
            tail -n 10 "$_CLUSTER_LOGS/rmq$i.log" >&2
            _infra_err "cluster: $(_cluster_nodename "$i") could not join $(_cluster_nodename 1) -- see $_CLUSTER_LOGS/rmq$i.log; scripts/cluster.sh down --purge starts over"
            return 1
        }
    done
    cluster_wait_running "$AIGOV_CLUSTER_SIZE" 120 || return 1
    _infra_log "cluster: ready, $AIGOV_CLUSTER_SIZE nodes running ($((SECONDS - t0)) s): $(_cluster_running_nodes | paste -sd' ' -)"
}

cluster_up() {
    _cluster_init || return 1
    _infra_locked cluster _cluster_up
}

_cluster_stop_node() {
    local i="$1" pid name
    name="$(_cluster_nodename "$i")"
    pid="$(_cluster_node_pid "$i")" || { rm -f "$(_cluster_pidfile "$i")"; return 0; }
    _infra_log "cluster: stopping $name (pid $pid) …"
    _cluster_ctl "$i" -q stop "$(_cluster_pidfile "$i")" >>"$_CLUSTER_LOGS/rmq$i.log" 2>&1 || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 120); do
        _infra_pid_running "$pid" || break
        sleep 0.5
    done
    if _infra_pid_running "$pid"; then
        _infra_log "cluster: $name (pid $pid) still runs 60 s after stop; SIGKILL"
        kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$(_cluster_pidfile "$i")"
}

_cluster_down() {
    local i pids=() purge="${1:-}"
    # in parallel: a node stopping alone first waits for nothing, but stopping them one by one takes 3x as long
    for i in $(seq 1 "$AIGOV_CLUSTER_SIZE"); do
        _cluster_stop_node "$i" & pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i" || true; done
    _cluster_epmd_stop
    if [ "$purge" = --purge ]; then
        for i in $(seq 1 "$AIGOV_CLUSTER_SIZE"); do rm -rf "$(_cluster_dir "$i")"; done
        rm -rf "$_CLUSTER_HOME"
        _infra_log "cluster: stopped; data deleted (${_CLUSTER_LOCAL#"$AIGOV_ROOT"/})"
    else
        _infra_log "cluster: stopped; data kept in ${_CLUSTER_LOCAL#"$AIGOV_ROOT"/} (down --purge deletes it)"
    fi
}

cluster_down() {
    _cluster_init || return 1
    _infra_locked cluster _cluster_down "$@"
}

cluster_kill() {
    local i pid
    _cluster_init || return 1
    i="$(_cluster_index "${1:-}")" || return 1
    pid="$(_cluster_node_pid "$i")" || {
        _infra_err "cluster: $(_cluster_nodename "$i") is not running -- nothing to kill (scripts/cluster.sh status)"
        return 1
    }
    kill -KILL "$pid"
    while _infra_pid_running "$pid"; do sleep 0.1; done
    _infra_log "cluster: SIGKILLed $(_cluster_nodename "$i") (pid $pid)"
}

cluster_start() {
    local i t0=$SECONDS
    _cluster_init || return 1
    i="$(_cluster_index "${1:-}")" || return 1
    if _cluster_node_pid "$i" >/dev/null; then
        _infra_log "cluster: $(_cluster_nodename "$i") is already running"
        return 0
    fi
    _cluster_epmd_ensure || return 1
    _cluster_spawn "$i" || return 1
    _cluster_wait_node "$i" 180 || return 1
    _infra_log "cluster: $(_cluster_nodename "$i") is back ($((SECONDS - t0)) s)"
}

cluster_status() {
    local i pid members
    _cluster_init || return 1
    for i in $(seq 1 "$AIGOV_CLUSTER_SIZE"); do
        if pid="$(_cluster_node_pid "$i")"; then
            echo "$(_cluster_nodename "$i"): running (pid $pid, amqp 127.0.0.1:$(_cluster_amqp_port "$i"), management http://127.0.0.1:$(_cluster_mgmt_port "$i"))"
        else
            echo "$(_cluster_nodename "$i"): stopped (amqp 127.0.0.1:$(_cluster_amqp_port "$i"))"
        fi
    done
    for i in $(seq 1 "$AIGOV_CLUSTER_SIZE"); do
        members="$(_cluster_running_nodes "$(_cluster_mgmt_port "$i")" | paste -sd' ' -)"
        if [ -n "$members" ]; then
            echo "running members (as rmq$i sees them): $members"
            break
        fi
    done
    return 0
}

cluster_leader() {
    local queue="${1:-}" i leader
    _cluster_init || return 1
    [ -n "$queue" ] || { _infra_err "cluster_leader: name a queue, e.g. storage"; return 2; }
    for i in $(seq 1 "$AIGOV_CLUSTER_SIZE"); do
        leader="$(curl -fsS --max-time 5 -u guest:guest "http://127.0.0.1:$(_cluster_mgmt_port "$i")/api/queues/%2F/$queue" 2>/dev/null |
            python3 -c 'import json,sys; q=json.load(sys.stdin); print(q.get("leader") or q.get("node") or "")' 2>/dev/null)" || continue
        if [ -n "$leader" ]; then
            echo "$leader"
            return 0
        fi
    done
    _infra_err "cluster: no node reports a leader for queue '$queue' (vhost /) -- does it exist? (scripts/aigov status, or the management UI)"
    return 1
}

cluster_nodes_setting() {
    local i out=""
    _cluster_init || return 1
    for i in $(seq 1 "$AIGOV_CLUSTER_SIZE"); do out="$out${out:+,}127.0.0.1:$(_cluster_amqp_port "$i")"; done
    echo "$out"
}

# cluster_quorum_status QUEUE: rabbitmq-queues quorum_status of a queue (vhost /) as JSON, asked of the first running
# node: one object per member with "Node Name", "Raft State", "Log Index", "Commit Index", "Term".
cluster_quorum_status() {
    local queue="${1:-}" i
    _cluster_init || return 1
    [ -n "$queue" ] || { _infra_err "cluster_quorum_status: name a queue, e.g. storage"; return 2; }
    for i in $(seq 1 "$AIGOV_CLUSTER_SIZE"); do
        _cluster_node_pid "$i" >/dev/null || continue
        _cluster_env "$i"
        env -i "${_CLUSTER_ENV[@]}" "$_INFRA_RMQ_BIN/rabbitmq-queues" -n "$(_cluster_nodename "$i")" -q \
            quorum_status "$queue" --formatter json </dev/null 2>/dev/null && return 0
    done
    _infra_err "cluster: no running node answered quorum_status for '$queue' -- is it a quorum queue? (scripts/cluster.sh status)"
    return 1
}
