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

_svc_root() { printf '%s' "${AIGOV_ROOT:?infra.sh must be sourced first}"; }
# AIGOV_LOCAL moves pids, logs and the service binaries too (scripts/chaos.sh runs a second stack).
_svc_local() { printf '%s' "${AIGOV_LOCAL:-$(_svc_root)/.local}"; }
_svc_pidfile() { printf '%s/pids/%s.pid' "$(_svc_local)" "$1"; }
svc_port() {
  local entry
  for entry in "${AIGOV_SERVICES[@]}"; do
    [ "${entry%%:*}" = "$1" ] && { printf '%s' "$(( ${AIGOV_SERVICE_PORT_BASE:-5180} + ${entry##*:} ))"; return 0; }
  done
  return 1
}

svc_running() { infra_pid_alive "$(_svc_pidfile "$1")"; }

svc_healthy() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$(svc_port "$1")/health/ready"; }

# Builds the services in Release and copies each one's output to <local>/app/<name>.
svc_build() {
  local root local_dir entry name
  root="$(_svc_root)"; local_dir="$(_svc_local)"
  mkdir -p "$local_dir/logs" "$local_dir/app"
  echo "build: dotnet build -c Release (log ${local_dir#"$root"/}/logs/build.log) ..." >&2
  for entry in "${AIGOV_SERVICES[@]}"; do
    name="${entry%%:*}"
    if ! dotnet build "$root/services/$name/$name.csproj" -c Release -nologo -v minimal >>"$local_dir/logs/build.log" 2>&1; then
      tail -n 30 "$local_dir/logs/build.log" >&2
      echo "ERROR: the build of $name failed (full log: $local_dir/logs/build.log) -- fix the errors above and try again" >&2
      return 1
    fi
  done
  for entry in "${AIGOV_SERVICES[@]}"; do
    name="${entry%%:*}"
    rm -rf "$local_dir/app/$name.new"
    cp -a "$root/services/$name/bin/Release/net10.0" "$local_dir/app/$name.new"
    rm -rf "$local_dir/app/$name"
    mv "$local_dir/app/$name.new" "$local_dir/app/$name"
  done
  echo "build: done" >&2
}

svc_start() {
  local name="$1" root local_dir port pidfile log
  root="$(_svc_root)"; local_dir="$(_svc_local)"; port="$(svc_port "$name")"; pidfile="$(_svc_pidfile "$name")"; log="$local_dir/logs/$name.log"
  if svc_running "$name"; then
    echo "$name: already running (pid $(head -n1 "$pidfile"))" >&2
    return 0
  fi
  if [ ! -f "$local_dir/app/$name/$name.dll" ]; then
    echo "ERROR: $local_dir/app/$name/$name.dll is missing -- run scripts/up.sh (it builds) or scripts/down.sh then scripts/up.sh" >&2
    return 1
  fi
  mkdir -p "$local_dir/pids" "$local_dir/logs" "${Pipeline__DataRoot:-$root/data}"
  echo "$name: starting (health http://127.0.0.1:$port/health/ready, log ${log#"$root"/})" >&2
  (
    cd "$root" || exit 1
    export Urls="http://127.0.0.1:$port" Pipeline__DataRoot="${Pipeline__DataRoot:-$root/data}"
    export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 MASSTRANSIT_USAGE_TELEMETRY=false
    exec setsid nohup dotnet "$local_dir/app/$name/$name.dll" >>"$log" 2>&1 </dev/null
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
    if ! svc_running "$name"; then
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

# SIGTERM (graceful: in-flight messages finish or go back to the queue), SIGKILL after 30 s.
svc_stop() {
  local name="$1" pidfile pid i
  pidfile="$(_svc_pidfile "$name")"
  if ! svc_running "$name"; then
    rm -f "$pidfile"
    return 0
  fi
  pid="$(head -n1 "$pidfile")"
  echo "$name: stopping (pid $pid)" >&2
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do
    infra_pid_alive "$pidfile" || break
    sleep 0.25
  done
  if infra_pid_alive "$pidfile"; then
    echo "$name: did not stop within 30 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}
