# Shared by the bench scripts: build the helpers, start and stop targets by
# pid, run a tool pinned to a core and measured. Source it; it sets WORK.
# Everything listens on 127.0.0.0/8 only, and every run is bounded in time.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
WORK="${BENCH_WORK:-$(mktemp -d /tmp/gust-bench.XXXXXX)}"
BIN="${BENCH_BIN:-$WORK/bin}" # BENCH_BIN: binaries built elsewhere (see build_helpers)
PIDS=()

# The target gets the first core, the load generator the second (both the
# first on a one-core machine).
if [ "$(nproc)" -ge 2 ]; then TARGET_CPU=0; GEN_CPU=1; else TARGET_CPU=0; GEN_CPU=0; fi

say() { echo "bench: $*" >&2; }

# cleanup stops every process started with start_bg, by pid, and removes
# the generator's cgroup (see quota).
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
  [ -z "${QUOTA_CG:-}" ] || rmdir "$QUOTA_CG" 2>/dev/null || true
}
trap cleanup EXIT

# build_helpers builds gust's bench programs into $BIN.
# With BENCH_BIN set to a folder that already holds them (static binaries
# carried to a machine without Go), nothing is built.
build_helpers() {
  if [ -n "${BENCH_BIN:-}" ] && [ -x "$BIN/gust" ]; then
    say "using the binaries in $BIN"
    return
  fi
  mkdir -p "$BIN"
  say "building gust and the helpers into $BIN"
  (cd "$REPO" && go build -o "$BIN/gust" ./cmd/gust &&
    for h in users target measure probe benchtab; do go build -o "$BIN/$h" "./bench/cmd/$h"; done)
}

# start_bg CPU LOG command... starts a background process pinned to CPU,
# its output to LOG, and remembers its pid in LAST_PID and PIDS.
start_bg() {
  local cpu=$1 log=$2
  shift 2
  taskset -c "$cpu" "$@" >"$log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}

# stop_pid PID stops one process started with start_bg and waits for it.
stop_pid() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local kept=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  PIDS=("${kept[@]}")
}

# free_port BASE prints the first port from BASE on that nothing answers on
# 127.0.0.1.
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# alive PID NAME fails, saying so, when the process has already ended.
alive() {
  kill -0 "$1" 2>/dev/null || { say "$2 did not start (see $WORK)"; return 1; }
}

# wait_http URL waits (at most 10 s) until URL answers.
wait_http() {
  local i
  for i in $(seq 100); do
    if command -v curl >/dev/null; then
      curl -fsS -o /dev/null --max-time 1 "$1" 2>/dev/null && return 0
    else # a bare machine: an open port is enough
      local hp=${1#http://}
      hp=${hp%%/*}
      (exec 3<>"/dev/tcp/${hp%:*}/${hp##*:}") 2>/dev/null && return 0
    fi
    sleep 0.1
  done
  say "no answer from $1"
  return 1
}

# start_nginx PORT starts nginx on 127.0.0.1:PORT, one worker pinned to the
# target core (NGINX_WORKERS workers on the CPUs of TARGET_CPU, a taskset
# list), serving a 12-byte file at /index.txt with keep-alive. NGINX_USER
# names the workers' user where the default one does not exist.
start_nginx() {
  local port=$1 dir="$WORK/nginx"
  mkdir -p "$dir/www" "$dir/tmp"
  printf 'hello world\n' >"$dir/www/index.txt"
  chmod 755 "$WORK" "$dir" "$dir/www" # nginx's workers may run as another user (www-data)
  chmod 644 "$dir/www/index.txt"
  cat >"$dir/nginx.conf" <<CONF
worker_processes ${NGINX_WORKERS:-1};
${NGINX_USER:+user $NGINX_USER;}
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_timeout 75s;
  keepalive_requests 100000000;
  client_body_temp_path $dir/tmp;
  proxy_temp_path $dir/tmp;
  fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp;
  scgi_temp_path $dir/tmp;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
    location / { default_type text/plain; }
  }
}
CONF
  start_bg "$TARGET_CPU" "$dir/nginx.out" "$NGINX" -c "$dir/nginx.conf" -p "$dir"
  NGINX_PID=$LAST_PID
  wait_http "http://127.0.0.1:$port/index.txt"
  alive "$NGINX_PID" nginx
}

# start_target CPU ADDRS starts the Go target on the comma-separated
# addresses; TARGET_PID is its pid, its log $WORK/target.<pid>.out.
start_target() {
  local cpu=$1 addrs=$2 log
  log="$WORK/target.$RANDOM.out"
  start_bg "$cpu" "$log" "$BIN/target" -listen "$addrs"
  TARGET_PID=$LAST_PID
  TARGET_LOG=$log
  wait_http "http://${addrs%%,*}/index.txt"
  alive "$TARGET_PID" "the Go target"
}

# measured NAME LIMIT command... runs command pinned to the generator core,
# bounded by LIMIT, its output in $WORK/NAME.out and .err, its cost (CPU,
# peak memory) in $WORK/NAME.cost.
measured() {
  local name=$1 limit=$2
  shift 2
  in_quota taskset -c "$GEN_CPU" "$BIN/measure" -limit "$limit" -o "$WORK/$name.cost" -- "$@" \
    >"$WORK/$name.out" 2>"$WORK/$name.err" || {
    say "$name exited with an error (see $WORK/$name.err):"
    tail -5 "$WORK/$name.err" >&2
    return 1
  }
}

# quota PERCENT CORES makes the programs measured run in a cgroup of their
# own that may use PERCENT% of CORES cores, so that on a machine too small
# to give the target more cores than it needs the generator, not the
# target, is the bottleneck, and its cost per request is not that of a
# generator waiting on a saturated target. Needs root and the cgroup cpu
# controller (v1 or v2); sets QUOTA_CG, which cleanup removes. Called
# again, it changes the limit.
quota() {
  local period=100000 limit=$(($2 * $1 * 1000))
  if [ -d /sys/fs/cgroup/cpu ] && [ -w /sys/fs/cgroup/cpu ]; then
    QUOTA_CG=/sys/fs/cgroup/cpu/gust-bench-$$
    mkdir -p "$QUOTA_CG"
    echo "$period" >"$QUOTA_CG/cpu.cfs_period_us"
    echo "$limit" >"$QUOTA_CG/cpu.cfs_quota_us"
  elif [ -w /sys/fs/cgroup/cgroup.subtree_control ] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers; then
    echo +cpu >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
    QUOTA_CG=/sys/fs/cgroup/gust-bench-$$
    mkdir -p "$QUOTA_CG"
    echo "$limit $period" >"$QUOTA_CG/cpu.max"
  else
    say "--quota needs root and the cgroup cpu controller"
    exit 2
  fi
}

# in_quota command... runs the command in the quota's cgroup, if any.
in_quota() {
  if [ -z "${QUOTA_CG:-}" ]; then
    "$@"
    return
  fi
  bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$QUOTA_CG" "$@"
}

# find_nginx sets NGINX to the nginx binary, or "".
find_nginx() {
  NGINX=$(command -v nginx || true)
  if [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ]; then NGINX=/usr/sbin/nginx; fi
}

# raise_files raises this shell's open-file limit to its hard limit.
raise_files() {
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
}
