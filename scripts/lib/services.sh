# shellcheck shell=bash
# scripts/lib/services.sh -- the five pipeline services as background processes (used by up.sh and down.sh).
# Source after infra.sh. Each service runs from its own copy of the Release build under .local/app/<name>,
# so rebuilding the checkout (scripts/test.sh does) never rewrites the files of a running service.

# name:health-port offset, in start order: storage first (it applies the migrations), the watcher last (the queues
# it publishes to must exist before it reads the inbox). Ports are AIGOV_SERVICE_PORT_BASE (5180) + offset.
AIGOV_SERVICES=(
  "AiGov.Storage:4"
  "AiGov.Deduplicator:3"
  "AiGov.LanguageDetector:2"
  "AiGov.Cleaner:1"
  "AiGov.Watcher:0"
)

# Replicas: a worker may run as several processes on the same queue. Instance 1 is the service's own name
# (AiGov.Cleaner: pid file, log and port as always); instance k >= 2 is AiGov.Cleaner.k with its own pid file
# (pids/AiGov.Cleaner.k.pid), log (logs/AiGov.Cleaner.k.log) and health port base + offset + 10*(k-1)
# (5191, 5201, ... for the cleaner with the default base 5180). How many: AIGOV_REPLICAS_<name without AiGov.>
# (AIGOV_REPLICAS_Cleaner=2), else AIGOV_REPLICAS for every worker, else 1. The watcher always runs once (two
# watchers on one inbox would race for its files).
AIGOV_MAX_REPLICAS=9

_svc_root() { printf '%s' "${AIGOV_ROOT:?infra.sh must be sourced first}"; }
# AIGOV_LOCAL moves pids, logs and the service binaries too (scripts/chaos.sh runs a second stack).
_svc_local() { printf '%s' "${AIGOV_LOCAL:-$(_svc_root)/.local}"; }
_svc_pidfile() { printf '%s/pids/%s.pid' "$(_svc_local)" "$1"; }
# AiGov.Cleaner.2 -> AiGov.Cleaner; AiGov.Cleaner -> AiGov.Cleaner
_svc_service() { case "$1" in *.[0-9]) printf '%s' "${1%.*}" ;; *) printf '%s' "$1" ;; esac; }
# AiGov.Cleaner.2 -> 2; AiGov.Cleaner -> 1
_svc_replica() { case "$1" in *.[0-9]) printf '%s' "${1##*.}" ;; *) printf '1' ;; esac; }
svc_port() {
  local entry service replica
  service="$(_svc_service "$1")"; replica="$(_svc_replica "$1")"
  for entry in "${AIGOV_SERVICES[@]}"; do
    [ "${entry%%:*}" = "$service" ] && { printf '%s' "$(( ${AIGOV_SERVICE_PORT_BASE:-5180} + ${entry##*:} + 10 * (replica - 1) ))"; return 0; }
  done
  return 1
}

# svc_replicas NAME: how many instances of NAME to run (see above); fails with a message on a bad value.
svc_replicas() {
  local name="$1" short var value
  short="${name#AiGov.}"
  var="AIGOV_REPLICAS_$short"
  value="${!var:-${AIGOV_REPLICAS:-1}}"
  [ -n "${!var:-}" ] || var=AIGOV_REPLICAS
  case "$value" in
    [1-9]) ;;
    *) echo "ERROR: $var='$value' -- give a number of replicas from 1 to $AIGOV_MAX_REPLICAS (scripts/up.sh --replicas N sets AIGOV_REPLICAS)" >&2; return 1 ;;
  esac
  if [ "$name" = AiGov.Watcher ]; then
    if [ "$var" != AIGOV_REPLICAS ] && [ "$value" != 1 ]; then
      echo "ERROR: $var=$value -- the watcher runs once (two watchers on one inbox would race for its files); scale the workers" >&2
      return 1
    fi
    value=1
  fi
  printf '%s' "$value"
}

# svc_instances NAME: the instance names to run, one per line (NAME, NAME.2, ...).
svc_instances() {
  local n k
  n="$(svc_replicas "$1")" || return 1
  printf '%s\n' "$1"
  for ((k = 2; k <= n; k++)); do printf '%s.%s\n' "$1" "$k"; done
}

# svc_running_replicas NAME: the replicas (k >= 2) of NAME whose pid file names a live process, whatever the
# current replica settings say (what an earlier `up.sh --replicas` started).
svc_running_replicas() {
  local f inst
  for f in "$(_svc_local)/pids/$1".[0-9].pid; do
    [ -e "$f" ] || continue
    inst="${f##*/}"; inst="${inst%.pid}"
    svc_running "$inst" && printf '%s\n' "$inst"
  done
  return 0
}

# svc_running NAME: NAME's pid file names a live process, and that process runs NAME's program from this stack's app
# folder (/proc/PID/cmdline). A pid that a crash or a reboot left behind and another program now has is not NAME:
# never reported as running, never signalled.
svc_running() {
  local pidfile pid
  pidfile="$(_svc_pidfile "$1")"
  infra_pid_alive "$pidfile" && read -r pid <"$pidfile" && _svc_runs "$pid" "$1"
}

# _svc_runs PID NAME: whether PID is the dotnet process of NAME's service dll.
_svc_runs() {
  local service cmdline
  service="$(_svc_service "$2")"
  cmdline="$(tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
  grep -qxF "$(_svc_local)/app/$service/$service.dll" <<<"$cmdline"
}

svc_healthy() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$(svc_port "$1")/health/ready"; }

# Publishes each service in Release to .local/publish/<mode>/<name> and copies it to <local>/app/<name>. ReadyToRun
# (precompiled, so the first documents after a start wait for less JIT: docs/PERFORMANCE.md) unless
# AIGOV_READY_TO_RUN=0; the first ReadyToRun publish of a checkout takes about 3 minutes on 2 cores, later ones about
# 30 s when little changed. AIGOV_SERVICES_PREBUILT=1: no build, copy what services/*/bin/Release holds (scripts/test.sh
# has just built the solution when it runs the fault suites, which check correctness, not start-up speed).
svc_build() {
  local root local_dir entry name from ready_to_run publish_dir step=0 started
  root="$(_svc_root)"; local_dir="$(_svc_local)"
  # One folder per mode: publish copies only files newer than the target, so a switch would keep the other's.
  if [ "${AIGOV_READY_TO_RUN:-1}" = 0 ]; then
    ready_to_run=false publish_dir="$root/.local/publish/il"
  else
    ready_to_run=true publish_dir="$root/.local/publish/ready-to-run"
  fi
  mkdir -p "$local_dir/logs" "$local_dir/app"
  if [ "${AIGOV_SERVICES_PREBUILT:-0}" = 1 ]; then
    for entry in "${AIGOV_SERVICES[@]}"; do
      name="${entry%%:*}"
      if [ ! -f "$root/services/$name/bin/Release/net10.0/$name.dll" ]; then
        echo "ERROR: AIGOV_SERVICES_PREBUILT=1 but services/$name/bin/Release/net10.0/$name.dll is missing -- build first (dotnet build -c Release) or unset AIGOV_SERVICES_PREBUILT" >&2
        return 1
      fi
    done
    echo "build: using the Release build already in services/*/bin (AIGOV_SERVICES_PREBUILT=1)" >&2
  else
    echo "build: dotnet publish -c Release, ReadyToRun=$ready_to_run, ${#AIGOV_SERVICES[@]} services (log ${local_dir#"$root"/}/logs/build.log)" >&2
  fi
  for entry in "${AIGOV_SERVICES[@]}"; do
    name="${entry%%:*}"
    from="$root/services/$name/bin/Release/net10.0"
    if [ "${AIGOV_SERVICES_PREBUILT:-0}" != 1 ]; then
      step=$((step + 1)); started=$SECONDS
      from="$publish_dir/$name"
      if ! dotnet publish "$root/services/$name/$name.csproj" -c Release --use-current-runtime --self-contained false \
        -p:PublishReadyToRun="$ready_to_run" -o "$from" -nologo -v minimal >>"$local_dir/logs/build.log" 2>&1; then
        tail -n 30 "$local_dir/logs/build.log" >&2
        echo "ERROR: the build of $name failed (full log: $local_dir/logs/build.log) -- fix the errors above and try again" >&2
        return 1
      fi
      echo "build: [$step/${#AIGOV_SERVICES[@]}] $name published in $((SECONDS - started)) s" >&2
    fi
    rm -rf "$local_dir/app/$name.new"
    cp -a "$from" "$local_dir/app/$name.new"
    rm -rf "$local_dir/app/$name"
    mv "$local_dir/app/$name.new" "$local_dir/app/$name"
  done
  echo "build: done" >&2
}

# svc_start NAME: start one instance (NAME or a replica NAME.k) in the background; no-op if it runs.
svc_start() {
  local name="$1" service root local_dir port pidfile log
  service="$(_svc_service "$name")"
  root="$(_svc_root)"; local_dir="$(_svc_local)"; port="$(svc_port "$name")"; pidfile="$(_svc_pidfile "$name")"; log="$local_dir/logs/$name.log"
  if [ -z "$port" ]; then
    echo "ERROR: unknown service '$name' -- use one of: ${AIGOV_SERVICES[*]%%:*} (replicas: NAME.2 .. NAME.$AIGOV_MAX_REPLICAS)" >&2
    return 1
  fi
  if svc_running "$name"; then
    echo "$name: already running (pid $(head -n1 "$pidfile"))" >&2
    return 0
  fi
  if [ ! -f "$local_dir/app/$service/$service.dll" ]; then
    echo "ERROR: $local_dir/app/$service/$service.dll is missing -- run scripts/up.sh (it builds) or scripts/down.sh then scripts/up.sh" >&2
    return 1
  fi
  mkdir -p "$local_dir/pids" "$local_dir/logs" "${Pipeline__DataRoot:-$root/data}"
  # The documents are the user's alone: the data root is closed (700), also one made before.
  chmod 700 "${Pipeline__DataRoot:-$root/data}" 2>/dev/null || true
  echo "$name: starting (health http://127.0.0.1:$port/health/ready, log ${log#"$root"/})" >&2
  (
    # no inherited descriptors (a caller's lock file or CI pipe) stay open in a long-lived service
    _infra_close_fds
    # what the service creates (inbox folders, moved files' sidecars, logs) is its user's alone
    umask 077
    cd "$root" || exit 1
    export Urls="http://127.0.0.1:$port" Pipeline__DataRoot="${Pipeline__DataRoot:-$root/data}"
    # Read by the cleaner only; written by `scripts/aigov site-phrases --out data/site-phrases.txt`.
    export Cleaning__SitePhrasesPath="${Cleaning__SitePhrasesPath:-$Pipeline__DataRoot/site-phrases.txt}"
    export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 MASSTRANSIT_USAGE_TELEMETRY=false
    exec setsid nohup dotnet "$local_dir/app/$service/$service.dll" >>"$log" 2>&1 </dev/null
  ) &
  echo $! >"$pidfile"
}

# Waits until the service answers /health/ready; fails early when it dies.
svc_wait_healthy() {
  local name="$1" timeout="${2:-90}" i
  for ((i = 0; i < timeout * 4; i++)); do
    if svc_healthy "$name"; then
      echo "$name: healthy" >&2
      return 0
    fi
    # The pid alone: in its first moments the process is still the shell that execs dotnet.
    if ! infra_pid_alive "$(_svc_pidfile "$name")"; then
      tail -n 20 "$(_svc_local)/logs/$name.log" >&2
      echo "ERROR: $name exited during start-up -- see the log lines above ($(_svc_local)/logs/$name.log)" >&2
      return 1
    fi
    sleep 0.25
  done
  tail -n 20 "$(_svc_local)/logs/$name.log" >&2
  echo "ERROR: $name was not healthy within ${timeout}s -- see the log lines above ($(_svc_local)/logs/$name.log)" >&2
  return 1
}

# Every service and its replicas, the watcher first, so nothing new enters while the workers drain what they hold.
svc_stop_all() {
  local i
  for ((i = ${#AIGOV_SERVICES[@]} - 1; i >= 0; i--)); do svc_stop "${AIGOV_SERVICES[$i]%%:*}"; done
}

# SIGTERM (graceful: in-flight messages finish or go back to the queue), SIGKILL after 30 s.
# svc_stop NAME stops NAME and every running replica of it (NAME.k); svc_stop NAME.k stops that replica alone.
svc_stop() {
  local name="$1" pidfile pid i replica
  if [ "$(_svc_replica "$name")" = 1 ]; then
    for replica in $(svc_running_replicas "$name"); do svc_stop "$replica"; done
  fi
  pidfile="$(_svc_pidfile "$name")"
  if ! svc_running "$name"; then
    if infra_pid_alive "$pidfile"; then
      echo "$name: its pid file names pid $(head -n1 "$pidfile"), which runs another program now; not signalling it, removing the stale pid file" >&2
    fi
    rm -f "$pidfile"
    return 0
  fi
  pid="$(head -n1 "$pidfile")"
  echo "$name: stopping (pid $pid)" >&2
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do
    svc_running "$name" || break
    sleep 0.25
  done
  if svc_running "$name"; then
    echo "$name: did not stop within 30 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}
