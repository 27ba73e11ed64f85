# shellcheck shell=bash
# scripts/lib/infra.sh -- local PostgreSQL + RabbitMQ for AiGovPipeline.
#
# Source it (bash only):   . "$(dirname "${BASH_SOURCE[0]}")/lib/infra.sh"
# It defines functions only; it sets no shell options and never calls `exit`.
# Every public function returns non-zero on failure after printing an
# "ERROR: what went wrong -- what to do" line, so callers using `set -e`
# stop there.  Progress lines go to stderr; only infra_status and
# infra_log_dir print to stdout.
#
# Public functions
#   infra_install_missing   apt-get install postgresql / rabbitmq-server / curl / python3 if absent
#   infra_start_postgres    init (first time) + start our PostgreSQL, ensure role+db aigov
#   infra_stop_postgres     pg_ctl stop -m fast for OUR data dir (data kept)
#   infra_start_rabbitmq    start our RabbitMQ node (+ management plugin) and wait for it
#   infra_stop_rabbitmq     rabbitmqctl stop our node (data kept), stop our epmd
#   infra_start_all / infra_stop_all   both of the above, in order
#   infra_status            one line per server on stdout: running/stopped, pid, port
#   infra_export_env        export the ConnectionStrings__/RabbitMq__ variables
#   infra_wait_http URL TIMEOUT_S [CURL_ARGS...]   poll until HTTP 200
#   infra_pid_alive PIDFILE  true if the first line of PIDFILE is a live pid
#   infra_log_dir           echo (and create) the log directory
#
# Settings (environment, read on every call, so they may change after sourcing)
#   AIGOV_ROOT        repo root; default: two levels above this file
#   AIGOV_PG_PORT     5432     AIGOV_AMQP_PORT 5672     AIGOV_MGMT_PORT 15672
#   AIGOV_DIST_PORT   Erlang distribution port of the node; default AMQP+20000
#   AIGOV_RABBIT_NODENAME  default aigov@localhost when AIGOV_AMQP_PORT=5672,
#                     else aigov-<amqp port>@localhost (two checkouts on one
#                     machine must not share an Erlang node name)
#   AIGOV_PG_USER / AIGOV_PG_PASSWORD / AIGOV_PG_DB   aigov / aigov / aigov
#   AIGOV_LOCAL       state folder; default $AIGOV_ROOT/.local (set it, with other ports, for a second set of servers)
#
# State layout (all under $AIGOV_ROOT/.local, which .gitignore already ignores)
#   postgres/data  postgres/run (socket dir)  -- see _infra_pg_home for the
#                  /var/tmp fallback used when the postgres user cannot reach it
#   rabbitmq/{mnesia,log,home,etc}   logs/   pids/
#
# Measured on the project machine (Debian 12, 2 cores, PostgreSQL 15.x,
# RabbitMQ 3.10.8 / Erlang 25.2), wall time of each function:
#   infra_start_postgres  first run incl. initdb ~2.1 s; later starts ~0.5 s;
#                         already running ~0.3 s (role/db check + test login)
#   infra_start_rabbitmq  cold (empty .local) ~5.7 s until the management API
#                         answers; restart with existing data 7-8 s (up to
#                         13 s with other nodes booting at the same time);
#                         already running ~0.1 s
#   infra_stop_postgres   ~0.3 s
#   infra_stop_rabbitmq   ~7 s, of which 5 s is RabbitMQ's own shutdown
#                         timeout for the management stats collector
#                         ("Management plugin: to stop collect_statistics.")

# ----------------------------------------------------------------- basics --

_infra_log() { printf '%s\n' "$*" >&2; }
_infra_err() { printf 'ERROR: %s\n' "$*" >&2; }

_INFRA_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

# Compute defaults and derived paths; cheap, called by every public function.
_infra_init() {
    if [ -z "${AIGOV_ROOT:-}" ]; then
        AIGOV_ROOT="$(cd "$_INFRA_LIB_DIR/../.." && pwd -P)"
    elif ! AIGOV_ROOT="$(cd "$AIGOV_ROOT" 2>/dev/null && pwd -P)"; then
        _infra_err "AIGOV_ROOT='${AIGOV_ROOT}' is not a directory -- unset it or point it at the repository root"
        return 1
    fi
    export AIGOV_ROOT
    : "${AIGOV_PG_PORT:=5432}" "${AIGOV_AMQP_PORT:=5672}" "${AIGOV_MGMT_PORT:=15672}"
    : "${AIGOV_PG_USER:=aigov}" "${AIGOV_PG_PASSWORD:=aigov}" "${AIGOV_PG_DB:=aigov}"
    local v
    for v in AIGOV_PG_PORT AIGOV_AMQP_PORT AIGOV_MGMT_PORT; do
        case "${!v}" in
            '' | *[!0-9]*) _infra_err "$v='${!v}' is not a port number -- set it to e.g. 5433 or unset it"; return 1 ;;
        esac
    done
    : "${AIGOV_DIST_PORT:=$((AIGOV_AMQP_PORT + 20000))}"
    if [ -z "${AIGOV_RABBIT_NODENAME:-}" ]; then
        if [ "$AIGOV_AMQP_PORT" = 5672 ]; then
            AIGOV_RABBIT_NODENAME=aigov@localhost
        else
            AIGOV_RABBIT_NODENAME="aigov-${AIGOV_AMQP_PORT}@localhost"
        fi
    fi
    export AIGOV_PG_PORT AIGOV_AMQP_PORT AIGOV_MGMT_PORT AIGOV_DIST_PORT AIGOV_RABBIT_NODENAME
    # AIGOV_LOCAL: a second, independent set of servers (scripts/chaos.sh runs its own beside the user's).
    _INFRA_LOCAL="${AIGOV_LOCAL:-$AIGOV_ROOT/.local}"
    _INFRA_LOGS="$_INFRA_LOCAL/logs"
    _INFRA_PIDS="$_INFRA_LOCAL/pids"
    _INFRA_RMQ="$_INFRA_LOCAL/rabbitmq"
    _INFRA_RMQ_BIN="${AIGOV_RABBITMQ_BIN:-/usr/lib/rabbitmq/bin}"
    # Nothing of the stack's state is for other users of the machine: its logs, pid files, RabbitMQ's store (every
    # message, file contents included), the data root. Their folders are closed (700), also when they were made
    # before; others may only pass through .local (711) to PostgreSQL's folder, which is the postgres user's own
    # (750). The build output is not state: a test runs the watcher as another user, so it stays readable.
    (umask 077 && mkdir -p "$_INFRA_LOGS" "$_INFRA_PIDS") || {
        _infra_err "cannot create $_INFRA_LOGS / $_INFRA_PIDS -- check permissions of $AIGOV_ROOT"
        return 1
    }
    chmod 711 "$_INFRA_LOCAL" 2>/dev/null || true
    chmod 700 "$_INFRA_LOGS" "$_INFRA_PIDS" 2>/dev/null || true
    if [ -d "$_INFRA_RMQ" ] && [ ! -L "$_INFRA_RMQ" ]; then chmod 700 "$_INFRA_RMQ" 2>/dev/null || true; fi
}

_infra_is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as root (directly, or through sudo).
_infra_as_root() {
    if _infra_is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        _infra_err "need root for: $* -- run as root or install/configure sudo"
        return 1
    fi
}

# Close every fd above 2 in the current (sub)shell.  Used right before we
# spawn a long-lived server so that it does not keep the caller's pipes or
# our lock file open (a daemon holding a CI pipe makes the CI step hang).
_infra_close_fds() {
    local fd
    for fd in "/proc/$BASHPID/fd/"*; do
        fd="${fd##*/}"
        case "$fd" in '' | *[!0-9]*) continue ;; esac
        [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ] && eval "exec ${fd}>&-" 2>/dev/null
    done
    return 0
}

# True if something accepts TCP connections on 127.0.0.1:PORT.
_infra_port_open() {
    # shellcheck disable=SC2016 # $1 is expanded by the inner bash
    timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# "pid/command" of the listener on 127.0.0.1:PORT, for error messages.
_infra_port_owner() {
    command -v ss >/dev/null 2>&1 || return 0
    ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -n1
}

# Serialise concurrent start/stop calls of the same checkout (two `up.sh`
# at once).  Usage: _infra_locked NAME CMD...
_infra_locked() {
    local name="$1" fd rc=0
    shift
    if ! command -v flock >/dev/null 2>&1; then
        "$@"
        return
    fi
    exec {fd}>>"$_INFRA_PIDS/$name.lock"
    if ! flock -w 300 "$fd"; then
        exec {fd}>&-
        _infra_err "$name: another infra command of this checkout has held $_INFRA_PIDS/$name.lock for 5 minutes -- wait for it or check for a hung up/down script"
        return 1
    fi
    "$@" || rc=$?
    exec {fd}>&-
    return "$rc"
}

# ------------------------------------------------------------- public helpers --

# infra_log_dir: print the log directory (created if needed).
infra_log_dir() {
    _infra_init || return 1
    printf '%s\n' "$_INFRA_LOGS"
}

# True if PID is a live process.  Zombies count as dead: PID 1 of this
# machine reaps orphans only lazily, so a stopped server can linger as a
# zombie (still visible to kill -0 and in /proc) for a while.
_infra_pid_running() {
    local pid="${1:-}" st
    case "$pid" in '' | *[!0-9]*) return 1 ;; esac
    st="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
    st="${st##*) }"
    case "${st%% *}" in Z | X | x | '') return 1 ;; esac
    return 0
}

# infra_pid_alive PIDFILE: 0 if PIDFILE exists and its first line is the pid
# of a live (non-zombie) process.
infra_pid_alive() {
    local f="${1:-}" pid=""
    [ -n "$f" ] && [ -r "$f" ] || return 1
    read -r pid <"$f" 2>/dev/null || [ -n "$pid" ] || return 1
    _infra_pid_running "$pid"
}

# infra_wait_http URL TIMEOUT_S [CURL_ARGS...]: poll URL once a second until
# it answers HTTP 200; extra args go to curl (e.g. -u guest:guest).
infra_wait_http() {
    local url="${1:-}" timeout="${2:-30}" code deadline
    if [ -z "$url" ]; then
        _infra_err "infra_wait_http: missing URL -- usage: infra_wait_http URL TIMEOUT_S [CURL_ARGS...]"
        return 2
    fi
    shift 2 2>/dev/null || shift $#
    command -v curl >/dev/null 2>&1 || {
        _infra_err "curl not found -- apt-get install -y curl (or run infra_install_missing)"
        return 1
    }
    deadline=$((SECONDS + timeout))
    while :; do
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$url" 2>/dev/null)" || true
        [ "$code" = 200 ] && return 0
        if [ "$SECONDS" -ge "$deadline" ]; then
            _infra_err "$url did not answer HTTP 200 within ${timeout}s (last status: ${code:-none}) -- check the server's log in $(infra_log_dir 2>/dev/null || echo .local/logs)"
            return 1
        fi
        sleep 1
    done
}

# ---------------------------------------------------------------- install --

# Newest /usr/lib/postgresql/N/bin that has a server, or the one for major
# version $1.  AIGOV_PG_BIN overrides.
_infra_pg_bindir() {
    local want="${1:-}" d best="" bestv=0 v
    if [ -n "${AIGOV_PG_BIN:-}" ]; then
        [ -x "$AIGOV_PG_BIN/pg_ctl" ] && printf '%s\n' "$AIGOV_PG_BIN" && return 0
        return 1
    fi
    if [ -n "$want" ]; then
        d="/usr/lib/postgresql/$want/bin"
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && printf '%s\n' "$d" && return 0
        return 1
    fi
    for d in /usr/lib/postgresql/*/bin; do
        if [ ! -x "$d/initdb" ] || [ ! -x "$d/pg_ctl" ]; then continue; fi
        v="${d%/bin}"
        v="${v##*/}"
        case "$v" in '' | *[!0-9]*) continue ;; esac
        if [ "$v" -gt "$bestv" ]; then bestv="$v" best="$d"; fi
    done
    [ -n "$best" ] && printf '%s\n' "$best"
}

# infra_install_missing: install postgresql, rabbitmq-server (and curl) only
# when their binaries are absent; apt-get update runs only if something is
# missing.  The packages' maintainer scripts would start the SYSTEM services
# (a second postgres on 5432 and rabbit@host on 5672); a temporary
# /usr/sbin/policy-rc.d ("exit 101") prevents that when none exists.
infra_install_missing() {
    _infra_init || return 1
    local pkgs=() created_policy=0 log="$_INFRA_LOGS/apt.log" rc=0
    _infra_pg_bindir >/dev/null || pkgs+=(postgresql)
    [ -x "$_INFRA_RMQ_BIN/rabbitmq-server" ] || pkgs+=(rabbitmq-server)
    command -v curl >/dev/null 2>&1 || pkgs+=(curl)
    # The test suites read the management API's JSON and write their hostile files with it.
    command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
    if [ "${#pkgs[@]}" -eq 0 ]; then
        _infra_log "infra: postgresql and rabbitmq-server already installed"
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 || {
        _infra_err "missing ${pkgs[*]} and apt-get is not available -- install them with your package manager"
        return 1
    }
    _infra_log "infra: installing ${pkgs[*]} with apt-get (log: $log) …"
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        _infra_as_root sh -c 'printf "#!/bin/sh\nexit 101\n" >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d' &&
            created_policy=1
    fi
    {
        _infra_as_root apt-get update -q &&
            _infra_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}"
    } >>"$log" 2>&1 </dev/null || rc=$?
    [ "$created_policy" = 1 ] && _infra_as_root rm -f /usr/sbin/policy-rc.d
    if [ "$rc" -ne 0 ]; then
        tail -n 15 "$log" >&2
        _infra_err "apt-get install ${pkgs[*]} failed (exit $rc) -- see $log; check network access to the Debian mirror and that you are root or can sudo"
        return 1
    fi
    _infra_log "infra: installed ${pkgs[*]}"
}

# --------------------------------------------------------------- postgres --
#
# Auth choice: initdb --auth-local=peer --auth-host=scram-sha-256.
#  * The unix socket lives in .local/postgres/run (mode 0700, owned by the
#    server's OS user), and with `peer` only that OS user (postgres when we
#    run as root, else yourself) can log in there, as the superuser.  We use
#    it only to create the aigov role/database; no superuser password exists.
#  * TCP listens on 127.0.0.1 only; every TCP login needs a password
#    (scram-sha-256, the PG 15 default hashing), i.e. aigov/aigov.
#
# Running as root: initdb/pg_ctl refuse root, so the server runs as the
# `postgres` OS user (runuser, from cwd /).  That user must be able to reach
# the data directory.  If $AIGOV_ROOT/.local is reachable by `postgres`
# (e.g. /work/main: every parent is world-searchable) the data dir is
# .local/postgres/data.  If not (e.g. a checkout under /root, mode 0700) we do
# NOT chmod directories outside the repository; instead the postgres state
# goes to /var/tmp/aigov-<12 hex of sha256(AIGOV_ROOT)>/postgres and
# .local/postgres is a symlink to it (/var/tmp survives reboots, unlike /tmp).
# The server log is opened by us (root) and handed to pg_ctl as stdout, so it
# is always .local/logs/postgres.log wherever the data lives.
# Not root: everything runs as the current user; no postgres user involved.

_infra_pg_osuser() {
    if _infra_is_root; then echo postgres; else id -un; fi
}

# Run a command as the server's OS user, from / (the caller's cwd may be
# unreadable for postgres; initdb fails on that).
_infra_as_pg() {
    if _infra_is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# Sets _INFRA_PG_HOME (real path), _INFRA_PG_DATA, _INFRA_PG_RUN.
_infra_pg_home() {
    local link="$_INFRA_LOCAL/postgres" home hash base
    if [ -L "$link" ]; then
        home="$(readlink "$link")"
        if [ ! -d "$home" ]; then
            _infra_log "postgres: $link points to missing $home (cleaned up?) -- recreating it; the database starts empty"
        fi
    elif [ -d "$link" ]; then
        home="$link"
    elif ! _infra_is_root; then
        home="$link"
    else
        id postgres >/dev/null 2>&1 || {
            _infra_err "postgres: OS user 'postgres' does not exist -- (re)install the postgresql package: run infra_install_missing"
            return 1
        }
        mkdir -p "$_INFRA_LOCAL" && chmod 711 "$_INFRA_LOCAL"
        if runuser -u postgres -- test -x "$_INFRA_LOCAL"; then
            home="$link"
        else
            hash="$(printf '%s' "$_INFRA_LOCAL" | sha256sum | cut -c1-12)"
            base="/var/tmp/aigov-$hash"
            _infra_log "postgres: user postgres cannot reach $_INFRA_LOCAL (a parent directory is not world-searchable); keeping the data in $base/postgres, linked from $link"
            home="$base/postgres"
            ln -sfn "$home" "$link" || {
                _infra_err "postgres: cannot create symlink $link -- check permissions of $_INFRA_LOCAL"
                return 1
            }
        fi
    fi
    if [ "$home" != "$link" ]; then
        # The /var/tmp fallback, checked at every start, not only the first: /var/tmp is shared, so a folder or a link
        # planted there by another user is refused before anything is created, chowned or started in it.
        base="$(dirname "$home")"
        if [ ! -e "$base" ] && [ ! -L "$base" ]; then
            (umask 022 && mkdir "$base") || {
                _infra_err "postgres: cannot create $base -- check /var/tmp"
                return 1
            }
        fi
        if [ -L "$base" ] || [ -L "$home" ]; then
            _infra_err "postgres: $base or $home is a symbolic link, which the scripts never made -- remove it (rm $base, after checking what it points to) and retry"
            return 1
        fi
        if [ "$(stat -c %u "$base")" != "$(id -u)" ]; then
            _infra_err "postgres: $base exists but is owned by uid $(stat -c %u "$base"), not by you -- remove it (rm -rf $base) and retry"
            return 1
        fi
        chmod 755 "$base"
    fi
    if [ ! -d "$home" ]; then
        mkdir -p "$home" || {
            _infra_err "postgres: cannot create $home -- check permissions"
            return 1
        }
    fi
    if _infra_is_root; then
        # -h: never through a link (none is left here, see above; this is the second guard).
        chown -h postgres:postgres "$home"
        chmod 750 "$home"
        if ! runuser -u postgres -- test -w "$home"; then
            _infra_err "postgres: user postgres cannot write $home (a parent directory is not world-searchable) -- delete it (rm -rf '$link', DATA LOSS) so it is recreated under /var/tmp, or chmod o+x the parent directories"
            return 1
        fi
    fi
    _INFRA_PG_HOME="$home"
    _INFRA_PG_DATA="$home/data"
    _INFRA_PG_RUN="$home/run"
    if [ ! -d "$_INFRA_PG_RUN" ]; then
        _infra_as_pg mkdir -p "$_INFRA_PG_RUN" || return 1
    fi
    _infra_as_pg chmod 700 "$_INFRA_PG_RUN"
}

# pid of the postmaster running from our data dir (via postmaster.pid).
_infra_pg_pid() {
    local f="$_INFRA_PG_DATA/postmaster.pid" pid comm
    [ -r "$f" ] || return 1
    read -r pid <"$f" || return 1
    infra_pid_alive "$f" || return 1
    comm="$(cat "/proc/$pid/comm" 2>/dev/null)" || true
    case "$comm" in postgres* | postmaster*) printf '%s\n' "$pid" ;; *) return 1 ;; esac
}

_infra_pg_running_port() { sed -n 4p "$_INFRA_PG_DATA/postmaster.pid" 2>/dev/null; }

_infra_pg_export() {
    export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$AIGOV_PG_PORT;Database=$AIGOV_PG_DB;Username=$AIGOV_PG_USER;Password=$AIGOV_PG_PASSWORD"
}

# psql as aigov over TCP (password auth) against whatever listens on the port.
_infra_pg_app_login_ok() {
    local psql="$1"
    PGCONNECT_TIMEOUT=5 PGPASSWORD="$AIGOV_PG_PASSWORD" "$psql" -X -w -q -At \
        -h 127.0.0.1 -p "$AIGOV_PG_PORT" -U "$AIGOV_PG_USER" -d "$AIGOV_PG_DB" \
        -c 'select 1' >/dev/null 2>&1
}

_infra_pg_ensure_role_db() {
    local bindir="$1" su
    su="$(_infra_pg_osuser)"
    # The password goes in on standard input (a psql \set, quotes and backslashes doubled), never on the command
    # line, where every user of the machine could read it in the process list.
    local pw="${AIGOV_PG_PASSWORD//\\/\\\\}"
    pw="${pw//\'/\'\'}"
    {
        printf '\\set pw '"'"'%s'"'"'\n' "$pw"
        cat <<'SQL'
SELECT format('CREATE ROLE %I', :'u') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'u') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
    } | _infra_as_pg "$bindir/psql" -X -q -At -v ON_ERROR_STOP=1 \
        -h "$_INFRA_PG_RUN" -p "$AIGOV_PG_PORT" -U "$su" -d postgres \
        -v u="$AIGOV_PG_USER" -v db="$AIGOV_PG_DB" >/dev/null
}

_infra_start_postgres() {
    local bindir ver pid port log="$_INFRA_LOGS/postgres.log" locale=C deadline
    bindir="$(_infra_pg_bindir)" || {
        _infra_err "postgres: no PostgreSQL server found under /usr/lib/postgresql/*/bin -- run infra_install_missing (apt-get install postgresql)"
        return 1
    }
    _infra_pg_home || return 1
    if [ -f "$_INFRA_PG_DATA/PG_VERSION" ]; then
        ver="$(cat "$_INFRA_PG_DATA/PG_VERSION")"
        bindir="$(_infra_pg_bindir "$ver")" || {
            _infra_err "postgres: $_INFRA_PG_DATA was created by PostgreSQL $ver but /usr/lib/postgresql/$ver/bin is not installed -- apt-get install postgresql-$ver, or delete $_INFRA_PG_DATA (DATA LOSS) to re-initialise"
            return 1
        }
    fi

    if pid="$(_infra_pg_pid)"; then
        port="$(_infra_pg_running_port)"
        if [ "$port" != "$AIGOV_PG_PORT" ]; then
            _infra_err "postgres: our server (pid $pid) is already running on port $port, not AIGOV_PG_PORT=$AIGOV_PG_PORT -- run infra_stop_postgres first or use AIGOV_PG_PORT=$port"
            return 1
        fi
        _infra_log "postgres: already running (pid $pid) on 127.0.0.1:$port"
    elif _infra_port_open "$AIGOV_PG_PORT"; then
        if _infra_pg_app_login_ok "$bindir/psql"; then
            _infra_log "postgres: 127.0.0.1:$AIGOV_PG_PORT is served by another server (not started by us) that accepts $AIGOV_PG_USER/$AIGOV_PG_PASSWORD on database $AIGOV_PG_DB -- using it"
            _infra_pg_export
            return 0
        fi
        _infra_err "postgres: 127.0.0.1:$AIGOV_PG_PORT is already in use by another process $(_infra_port_owner "$AIGOV_PG_PORT") and $AIGOV_PG_USER/$AIGOV_PG_PASSWORD cannot log in to database $AIGOV_PG_DB there -- stop that server, or pick a free port, e.g. AIGOV_PG_PORT=$((AIGOV_PG_PORT + 1))"
        return 1
    else
        if [ ! -f "$_INFRA_PG_DATA/PG_VERSION" ]; then
            if locale -a 2>/dev/null | grep -ix 'c\.utf-\{0,1\}8' >/dev/null; then locale=C.UTF-8; fi
            _infra_log "postgres: initialising $_INFRA_PG_DATA ($(basename "$(dirname "$bindir")"), locale $locale) …"
            if ! _infra_as_pg "$bindir/initdb" -D "$_INFRA_PG_DATA" -U "$(_infra_pg_osuser)" -E UTF8 \
                --locale="$locale" --auth-local=peer --auth-host=scram-sha-256 >>"$log" 2>&1 </dev/null; then
                tail -n 15 "$log" >&2
                _infra_err "postgres: initdb failed -- see $log; if $_INFRA_PG_DATA is a half-initialised leftover, delete it and retry"
                return 1
            fi
        fi
        _infra_log "postgres: starting on 127.0.0.1:$AIGOV_PG_PORT (data $_INFRA_PG_DATA, log $log) …"
        case "$_INFRA_PG_RUN" in *"'"* | *'"'* | *"\\"*)
            _infra_err "postgres: socket dir path $_INFRA_PG_RUN contains a quote or backslash -- move the checkout to a plainer path"
            return 1 ;;
        esac
        # pg_ctl forks the postmaster in its own session; stdout/stderr (opened
        # here, by us) become the server log.  -w waits until it accepts
        # connections.  A deduplicator batch takes about 1,050 advisory locks
        # (one per band key): 256 per transaction (25,600 in the lock table,
        # default 64) leaves room for several replicas deciding batches at once.
        if ! (
            _infra_close_fds
            exec >>"$log" 2>&1 </dev/null
            _infra_as_pg "$bindir/pg_ctl" start -D "$_INFRA_PG_DATA" -w -t 60 \
                -o "-k '$_INFRA_PG_RUN' -h 127.0.0.1 -p $AIGOV_PG_PORT -c max_locks_per_transaction=256"
        ); then
            tail -n 15 "$log" >&2
            _infra_err "postgres: pg_ctl start failed -- see $log (port taken? stale $_INFRA_PG_DATA/postmaster.pid?)"
            return 1
        fi
        deadline=$((SECONDS + 30))
        until "$bindir/pg_isready" -q -h 127.0.0.1 -p "$AIGOV_PG_PORT" -t 2; do
            if [ "$SECONDS" -ge "$deadline" ]; then
                _infra_err "postgres: started but 127.0.0.1:$AIGOV_PG_PORT does not accept connections after 30s -- see $log"
                return 1
            fi
            sleep 0.3
        done
        pid="$(_infra_pg_pid)" || pid='?'
    fi
    if ! _infra_pg_ensure_role_db "$bindir"; then
        _infra_err "postgres: could not create/update role $AIGOV_PG_USER and database $AIGOV_PG_DB over the socket in $_INFRA_PG_RUN -- see the messages above and $log"
        return 1
    fi
    if ! _infra_pg_app_login_ok "$bindir/psql"; then
        _infra_err "postgres: $AIGOV_PG_USER/$AIGOV_PG_PASSWORD cannot log in over 127.0.0.1:$AIGOV_PG_PORT -- check $_INFRA_PG_DATA/pg_hba.conf and $log"
        return 1
    fi
    _infra_pg_export
    _infra_log "postgres: ready (pid $pid, 127.0.0.1:$AIGOV_PG_PORT, db $AIGOV_PG_DB, user $AIGOV_PG_USER)"
}

# infra_start_postgres: see the comments above; idempotent.
infra_start_postgres() {
    _infra_init || return 1
    _infra_locked postgres _infra_start_postgres
}

_infra_stop_postgres() {
    local bindir ver pid log="$_INFRA_LOGS/postgres.log"
    if [ ! -e "$_INFRA_LOCAL/postgres" ]; then
        _infra_log "postgres: not running (never initialised here)"
        return 0
    fi
    _infra_pg_home || return 1
    if ! pid="$(_infra_pg_pid)"; then
        _infra_log "postgres: not running"
        return 0
    fi
    ver="$(cat "$_INFRA_PG_DATA/PG_VERSION" 2>/dev/null)"
    bindir="$(_infra_pg_bindir "$ver")" || {
        _infra_err "postgres: server pid $pid runs from $_INFRA_PG_DATA (PostgreSQL $ver) but /usr/lib/postgresql/$ver/bin is missing -- stop it with: kill -INT $pid"
        return 1
    }
    _infra_log "postgres: stopping pid $pid (data kept in $_INFRA_PG_DATA) …"
    if ! (
        exec >>"$log" 2>&1 </dev/null
        _infra_as_pg "$bindir/pg_ctl" stop -D "$_INFRA_PG_DATA" -m fast -w -t 60
    ); then
        tail -n 10 "$log" >&2
        _infra_err "postgres: pg_ctl stop failed -- see $log; pid $pid may still run (kill -INT $pid for a fast shutdown)"
        return 1
    fi
    _infra_log "postgres: stopped"
}

# infra_stop_postgres: fast shutdown of OUR server only; data kept.
infra_stop_postgres() {
    _infra_init || return 1
    _infra_locked postgres _infra_stop_postgres
}

# --------------------------------------------------------------- rabbitmq --
#
# The node runs as the calling user (root here) straight from
# /usr/lib/rabbitmq/bin/rabbitmq-server, NOT the /usr/sbin wrappers (those
# `su rabbitmq`, cd /var/lib/rabbitmq and use that user's cookie), in a
# clean environment (env -i) so nothing from the caller or from
# /etc/rabbitmq/rabbitmq-env.conf leaks in:
#   HOME=.local/rabbitmq/home        Erlang cookie (created by us, 0400)
#   RABBITMQ_CONF_ENV_FILE           our (empty) rabbitmq-env.conf
#   RABBITMQ_CONFIG_FILE             .local/rabbitmq/etc/rabbitmq.conf
#   RABBITMQ_ENABLED_PLUGINS_FILE    [rabbitmq_management].
#   RABBITMQ_MNESIA_BASE / _LOG_BASE / _PID_FILE under .local
#   AMQP, management, Erlang distribution (AIGOV_DIST_PORT) and epmd all bind
#   127.0.0.1 only (inet_dist_use_interface, ERL_EPMD_ADDRESS/epmd -address).
# guest/guest works because guest is a loopback-only user and we only listen
# on loopback.
#
# epmd: if no epmd is running we start one ourselves (foreground process in
# its own session, pid in .local/pids/epmd.pid, -address 127.0.0.1) instead of
# letting the VM auto-start an unrecorded daemon.  infra_stop_rabbitmq kills
# it by that pid, but only when no other Erlang node is registered with it
# (epmd is shared by every Erlang node on the machine).  If an epmd was
# already running, we use it and never stop it.

_infra_rmq_setup_env() {
    local home="$_INFRA_RMQ/home" etc="$_INFRA_RMQ/etc" dist_args
    dist_args='-kernel inet_dist_use_interface {127,0,0,1}'
    _INFRA_RMQ_PIDFILE="$_INFRA_PIDS/rabbitmq.pid"
    _INFRA_RMQ_ENV=(
        "PATH=${PATH:-/usr/sbin:/usr/bin:/sbin:/bin}"
        LANG=C.UTF-8 LC_ALL=C.UTF-8
        "HOME=$home"
        "RABBITMQ_NODENAME=$AIGOV_RABBIT_NODENAME"
        RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
        "RABBITMQ_NODE_PORT=$AIGOV_AMQP_PORT"
        "RABBITMQ_DIST_PORT=$AIGOV_DIST_PORT"
        "RABBITMQ_MNESIA_BASE=$_INFRA_RMQ/mnesia"
        "RABBITMQ_LOG_BASE=$_INFRA_RMQ/log"
        "RABBITMQ_CONFIG_FILE=$etc/rabbitmq.conf"
        "RABBITMQ_ADVANCED_CONFIG_FILE=$etc/advanced.config"
        "RABBITMQ_CONF_ENV_FILE=$etc/rabbitmq-env.conf"
        "RABBITMQ_ENABLED_PLUGINS_FILE=$etc/enabled_plugins"
        "RABBITMQ_PID_FILE=$_INFRA_RMQ_PIDFILE"
        ERL_EPMD_ADDRESS=127.0.0.1
        "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=$dist_args"
        "RABBITMQ_CTL_ERL_ARGS=$dist_args"
    )
}

# Write config files (every start: ports may have changed) and the cookie.
_infra_rmq_write_files() {
    local etc="$_INFRA_RMQ/etc" home="$_INFRA_RMQ/home" cookie
    mkdir -p "$_INFRA_RMQ/mnesia" "$_INFRA_RMQ/log" "$home" "$etc" || {
        _infra_err "rabbitmq: cannot create directories under $_INFRA_RMQ -- check permissions"
        return 1
    }
    # Its store holds every message, so every dropped file's bytes: its user's alone.
    chmod 700 "$_INFRA_RMQ" "$home"
    cat >"$etc/rabbitmq.conf" <<EOF
# written by scripts/lib/infra.sh on every start -- edits are overwritten
listeners.tcp.default = 127.0.0.1:$AIGOV_AMQP_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $AIGOV_MGMT_PORT
# guest may log in from loopback only (the default); we listen on loopback only
loopback_users.guest = true
log.console = false
log.file.level = info
EOF
    printf '[rabbitmq_management].\n' >"$etc/enabled_plugins"
    printf '# intentionally empty: keeps /etc/rabbitmq/rabbitmq-env.conf out\n' >"$etc/rabbitmq-env.conf"
    if [ ! -s "$home/.erlang.cookie" ]; then
        cookie="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
        (umask 077 && printf '%s' "$cookie" >"$home/.erlang.cookie") || return 1
        chmod 400 "$home/.erlang.cookie"
    fi
}

_infra_rmqctl() {
    env -i "${_INFRA_RMQ_ENV[@]}" "$_INFRA_RMQ_BIN/rabbitmqctl" -n "$AIGOV_RABBIT_NODENAME" "$@"
}

# pid of OUR node: pid file alive and the process environment has our
# RABBITMQ_MNESIA_BASE (guards against pid reuse and other checkouts).
_infra_rmq_pid() {
    local pid
    infra_pid_alive "$_INFRA_RMQ_PIDFILE" || return 1
    read -r pid <"$_INFRA_RMQ_PIDFILE"
    if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -xF "RABBITMQ_MNESIA_BASE=$_INFRA_RMQ/mnesia" >/dev/null; then
        printf '%s\n' "$pid"
    else
        return 1
    fi
}

_infra_mgmt_ok() {
    curl -fsS -o /dev/null --max-time 5 -u guest:guest "http://127.0.0.1:$1/api/overview" 2>/dev/null
}

_infra_rmq_export() {
    export RabbitMq__Host=127.0.0.1 RabbitMq__Port="$AIGOV_AMQP_PORT" \
        RabbitMq__Username=guest RabbitMq__Password=guest \
        RabbitMq__ManagementPort="$AIGOV_MGMT_PORT"
}

_infra_epmd_names() { ERL_EPMD_ADDRESS=127.0.0.1 epmd -names 2>/dev/null; }

# Make sure an epmd answers on 127.0.0.1:4369; start (and record) ours if none.
_infra_epmd_ensure() {
    local pidf="$_INFRA_PIDS/epmd.pid" deadline
    _infra_epmd_names >/dev/null && return 0
    command -v epmd >/dev/null 2>&1 || {
        _infra_err "rabbitmq: epmd not found (package erlang-base) -- run infra_install_missing"
        return 1
    }
    (
        _infra_close_fds
        exec >>"$_INFRA_LOGS/epmd.log" 2>&1 </dev/null
        setsid epmd -address 127.0.0.1 &
        echo $! >"$pidf"
    )
    deadline=$((SECONDS + 10))
    until _infra_epmd_names >/dev/null; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            _infra_err "rabbitmq: epmd did not come up on 127.0.0.1:4369 -- see $_INFRA_LOGS/epmd.log (is port 4369 taken?)"
            return 1
        fi
        sleep 0.2
    done
    _infra_log "rabbitmq: started epmd on 127.0.0.1:4369 (pid $(cat "$pidf"))"
}

_infra_start_rabbitmq() {
    local pid log="$_INFRA_LOGS/rabbitmq.log" short="${AIGOV_RABBIT_NODENAME%%@*}" t0=$SECONDS
    _infra_rmq_setup_env
    [ -x "$_INFRA_RMQ_BIN/rabbitmq-server" ] || {
        _infra_err "rabbitmq: $_INFRA_RMQ_BIN/rabbitmq-server not found -- run infra_install_missing (apt-get install rabbitmq-server)"
        return 1
    }
    if pid="$(_infra_rmq_pid)"; then
        if _infra_mgmt_ok "$AIGOV_MGMT_PORT"; then
            _infra_log "rabbitmq: already running (pid $pid, node $AIGOV_RABBIT_NODENAME) on 127.0.0.1:$AIGOV_AMQP_PORT"
            _infra_rmq_export
            return 0
        fi
        _infra_log "rabbitmq: our node (pid $pid) is running but the management API on :$AIGOV_MGMT_PORT does not answer yet; waiting …"
    elif _infra_port_open "$AIGOV_AMQP_PORT"; then
        if _infra_mgmt_ok "$AIGOV_MGMT_PORT"; then
            _infra_log "rabbitmq: 127.0.0.1:$AIGOV_AMQP_PORT is served by another broker (not started by us) whose management API on :$AIGOV_MGMT_PORT accepts guest/guest -- using it"
            _infra_rmq_export
            return 0
        fi
        _infra_err "rabbitmq: 127.0.0.1:$AIGOV_AMQP_PORT is already in use by another process $(_infra_port_owner "$AIGOV_AMQP_PORT") and no management API accepting guest/guest answers on :$AIGOV_MGMT_PORT -- stop it, or pick free ports, e.g. AIGOV_AMQP_PORT=$((AIGOV_AMQP_PORT + 1)) AIGOV_MGMT_PORT=$((AIGOV_MGMT_PORT + 1))"
        return 1
    else
        local p
        for p in "$AIGOV_MGMT_PORT" "$AIGOV_DIST_PORT"; do
            if _infra_port_open "$p"; then
                _infra_err "rabbitmq: port 127.0.0.1:$p (management/distribution) is already in use by $(_infra_port_owner "$p") -- free it or set AIGOV_MGMT_PORT / AIGOV_DIST_PORT to free ports"
                return 1
            fi
        done
        _infra_rmq_write_files || return 1
        _infra_epmd_ensure || return 1
        if _infra_epmd_names | grep "^name $short at port" >/dev/null; then
            _infra_err "rabbitmq: an Erlang node named $AIGOV_RABBIT_NODENAME is already registered with epmd but it is not ours (pid file $_INFRA_RMQ_PIDFILE) -- stop that node or set AIGOV_RABBIT_NODENAME=other@localhost"
            return 1
        fi
        rm -f "$_INFRA_RMQ_PIDFILE"
        _infra_log "rabbitmq: starting node $AIGOV_RABBIT_NODENAME on 127.0.0.1:$AIGOV_AMQP_PORT (management :$AIGOV_MGMT_PORT, log $log) …"
        (
            _infra_close_fds
            cd "$_INFRA_RMQ/home" || exit 1
            exec >>"$log" 2>&1 </dev/null
            setsid nohup env -i "${_INFRA_RMQ_ENV[@]}" "$_INFRA_RMQ_BIN/rabbitmq-server" &
        )
    fi
    # `wait` returns once the pid file exists and the rabbit app has booted
    # (it fails early if the VM dies).
    if ! _infra_rmqctl -q wait "$_INFRA_RMQ_PIDFILE" --timeout 120 >>"$log" 2>&1 </dev/null; then
        tail -n 20 "$log" >&2
        _infra_err "rabbitmq: node $AIGOV_RABBIT_NODENAME did not boot within 120s -- see $log and $_INFRA_RMQ/log/$AIGOV_RABBIT_NODENAME.log"
        return 1
    fi
    if ! infra_wait_http "http://127.0.0.1:$AIGOV_MGMT_PORT/api/overview" 60 -u guest:guest; then
        _infra_err "rabbitmq: the node booted but the management API on :$AIGOV_MGMT_PORT does not answer -- see $_INFRA_RMQ/log/$AIGOV_RABBIT_NODENAME.log"
        return 1
    fi
    pid="$(_infra_rmq_pid)" || pid='?'
    _infra_rmq_export
    _infra_log "rabbitmq: ready (pid $pid, node $AIGOV_RABBIT_NODENAME, amqp 127.0.0.1:$AIGOV_AMQP_PORT, management :$AIGOV_MGMT_PORT, $((SECONDS - t0))s)"
}

# infra_start_rabbitmq: see the comments above; idempotent.
infra_start_rabbitmq() {
    _infra_init || return 1
    _infra_locked rabbitmq _infra_start_rabbitmq
}

# Kill the epmd we started, by pid, if no Erlang node is registered with it.
_infra_epmd_stop_ours() {
    local pidf="$_INFRA_PIDS/epmd.pid" pid names=""
    infra_pid_alive "$pidf" || { rm -f "$pidf"; return 0; }
    read -r pid <"$pidf"
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = epmd ] || { rm -f "$pidf"; return 0; }
    # our node deregisters when its VM exits; give the CLI's hidden node a moment too
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        names="$(_infra_epmd_names | grep '^name ' || true)"
        [ -z "$names" ] && break
        sleep 0.3
    done
    if [ -n "$names" ]; then
        _infra_log "rabbitmq: leaving our epmd (pid $pid) running: other Erlang nodes use it ($(printf '%s' "$names" | awk '{print $2}' | paste -sd, -))"
        return 0
    fi
    kill "$pid" 2>/dev/null
    rm -f "$pidf"
    _infra_log "rabbitmq: stopped our epmd (pid $pid)"
}

_infra_stop_rabbitmq() {
    local pid log="$_INFRA_LOGS/rabbitmq.log"
    _infra_rmq_setup_env
    if ! pid="$(_infra_rmq_pid)"; then
        _infra_log "rabbitmq: not running"
        _infra_epmd_stop_ours
        return 0
    fi
    _infra_log "rabbitmq: stopping node $AIGOV_RABBIT_NODENAME (pid $pid, data kept in $_INFRA_RMQ/mnesia) …"
    if ! _infra_rmqctl -q stop "$_INFRA_RMQ_PIDFILE" >>"$log" 2>&1 </dev/null; then
        _infra_log "rabbitmq: rabbitmqctl stop failed (see $log); sending SIGTERM to pid $pid"
        kill -TERM "$pid" 2>/dev/null
    fi
    for _ in $(seq 1 60); do
        _infra_pid_running "$pid" || break
        sleep 0.5
    done
    if _infra_pid_running "$pid"; then
        _infra_err "rabbitmq: node pid $pid is still running 30s after stop -- inspect $log; kill -9 $pid if it is hung"
        return 1
    fi
    rm -f "$_INFRA_RMQ_PIDFILE"
    _infra_log "rabbitmq: stopped"
    _infra_epmd_stop_ours
}

# infra_stop_rabbitmq: stop OUR node (data kept) and our epmd if unused.
infra_stop_rabbitmq() {
    _infra_init || return 1
    _infra_locked rabbitmq _infra_stop_rabbitmq
}

# ------------------------------------------------------------------ misc --

# infra_export_env: export the connection variables for the configured
# ports (what the start functions export on success).
infra_export_env() {
    _infra_init || return 1
    _infra_pg_export
    _infra_rmq_export
}

infra_start_all() {
    infra_start_postgres && infra_start_rabbitmq
}

infra_stop_all() {
    local rc=0
    infra_stop_rabbitmq || rc=1
    infra_stop_postgres || rc=1
    return "$rc"
}

# infra_status: one line per server on stdout.  Always returns 0 (safe under
# set -e); grep the output for 'running' if you need a test.
infra_status() {
    _infra_init || return 1
    local pid note
    if [ -e "$_INFRA_LOCAL/postgres" ] && _infra_pg_home 2>/dev/null && pid="$(_infra_pg_pid)"; then
        echo "postgres: running (pid $pid, 127.0.0.1:$(_infra_pg_running_port), data $_INFRA_PG_DATA)"
    else
        note=''
        _infra_port_open "$AIGOV_PG_PORT" && note=" (port $AIGOV_PG_PORT is in use by another server)"
        echo "postgres: stopped (port $AIGOV_PG_PORT)$note"
    fi
    _infra_rmq_setup_env
    if pid="$(_infra_rmq_pid)"; then
        note=''
        _infra_mgmt_ok "$AIGOV_MGMT_PORT" || note=', management API not answering'
        echo "rabbitmq: running (pid $pid, node $AIGOV_RABBIT_NODENAME, amqp 127.0.0.1:$AIGOV_AMQP_PORT, management :$AIGOV_MGMT_PORT$note)"
    else
        note=''
        _infra_port_open "$AIGOV_AMQP_PORT" && note=" (port $AIGOV_AMQP_PORT is in use by another server)"
        echo "rabbitmq: stopped (port $AIGOV_AMQP_PORT)$note"
    fi
    return 0
}
