#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite's second pass (and the benchmark).
#
#   scripts/pg-test-cluster.sh start        initdb into a new temporary folder, start postgres on a free
#                                           loopback port, print its URL on stdout (logs go to stderr)
#   scripts/pg-test-cluster.sh stop         stop it and remove the folder
#   scripts/pg-test-cluster.sh url          print the URL of the running cluster
#   scripts/pg-test-cluster.sh run -- CMD   start, run CMD with CANHGAC_TEST_DATABASE_URL set, always stop;
#                                           exits with CMD's status (npm run test:pg)
#
# The cluster is disposable: fsync off, trust authentication, listening on 127.0.0.1 only, its socket in
# its own folder. initdb and postgres refuse to run as root, so as root they run as a system user
# (PG_TEST_CLUSTER_USER, default canhgac-ci), created if missing. Which cluster start/stop/url act on is
# kept in a state file (PG_TEST_CLUSTER_STATE, default .tmp/pg-test-cluster.state), so two clusters can
# run side by side with two state files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${PG_TEST_CLUSTER_STATE:-$ROOT/.tmp/pg-test-cluster.state}"
PG_USER_NAME="${PG_TEST_CLUSTER_USER:-canhgac-ci}"

log() { echo "pg-test-cluster: $*" >&2; }

# The folder of the server binaries: initdb on PATH (Debian links it into /usr/lib/postgresql/<ver>/bin),
# else the newest /usr/lib/postgresql/<ver>/bin.
find_pg_bin() {
  local initdb dir
  if initdb="$(command -v initdb 2>/dev/null)"; then
    dirname "$(readlink -f "$initdb")"
    return 0
  fi
  dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n $dir && -x $dir/initdb ]]; then
    echo "$dir"
    return 0
  fi
  return 1
}

# Runs a command as the cluster's owner: the system user when we are root, else ourselves.
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u "$PG_USER_NAME" -- "$@"
  else
    "$@"
  fi
}

ensure_owner() {
  [[ $EUID -eq 0 ]] || return 0
  if ! id -u "$PG_USER_NAME" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER_NAME"
    log "created system user $PG_USER_NAME"
  fi
}

free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close();});'
    return 0
  fi
  local port tries
  for ((tries = 0; tries < 200; tries++)); do
    port=$((20000 + RANDOM % 40000))
    if ! (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

read_state() {
  [[ -f $STATE ]] || return 1
  DIR="$(sed -n 's/^dir=//p' "$STATE")"
  PORT="$(sed -n 's/^port=//p' "$STATE")"
  BIN="$(sed -n 's/^bin=//p' "$STATE")"
  [[ -n $DIR && -n $PORT && -n $BIN ]]
}

url_of() { echo "postgres://postgres@127.0.0.1:$1/postgres"; }

# Stops the server in $1 (folder) with binaries in $2 and removes the folder.
teardown() {
  local dir=$1 bin=$2 pid
  if [[ -f $dir/data/postmaster.pid ]]; then
    pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
    if ! (cd "$dir" && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 -s stop) >/dev/null 2>&1; then
      if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        log "pg_ctl stop failed; killing postmaster $pid"
        kill -9 "$pid" 2>/dev/null || true
      fi
    fi
  fi
  case $dir in
    */canhgac-pg.*) rm -rf "$dir" ;;
    *) log "not removing unexpected folder $dir" ;;
  esac
}

cmd_start() {
  if read_state; then
    log "a cluster is already recorded in $STATE ($(url_of "$PORT")); run '$0 stop' first"
    return 1
  fi
  local bin dir port attempt started=0
  if ! bin="$(find_pg_bin)"; then
    log "no PostgreSQL server binaries found (initdb): install the Debian package 'postgresql'"
    return 3
  fi
  ensure_owner
  dir="$(mktemp -d "${TMPDIR:-/tmp}/canhgac-pg.XXXXXX")"
  chmod 755 "$dir"
  [[ $EUID -eq 0 ]] && chown "$PG_USER_NAME" "$dir"
  # From here on, any failure removes what was made.
  trap 'teardown "$dir" "$bin"' ERR

  if ! (cd "$dir" && as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync) \
    >"$dir/initdb.log" 2>&1; then
    log "initdb failed:"
    cat "$dir/initdb.log" >&2
    teardown "$dir" "$bin"
    trap - ERR
    return 1
  fi

  for ((attempt = 1; attempt <= 5; attempt++)); do
    port="$(free_port)"
    if (cd "$dir" && as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -s \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start) >&2; then
      started=1
      break
    fi
    log "start on port $port failed (attempt $attempt), log:"
    tail -n 5 "$dir/postgres.log" >&2 || true
  done
  if [[ $started -ne 1 ]]; then
    teardown "$dir" "$bin"
    trap - ERR
    return 1
  fi

  local ready=0 i
  for ((i = 0; i < 120; i++)); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -t 1; then
      ready=1
      break
    fi
    sleep 0.5
  done
  if [[ $ready -ne 1 ]]; then
    log "postgres did not become ready on port $port"
    tail -n 20 "$dir/postgres.log" >&2 || true
    teardown "$dir" "$bin"
    trap - ERR
    return 1
  fi
  trap - ERR

  mkdir -p "$(dirname "$STATE")"
  printf 'dir=%s\nport=%s\nbin=%s\n' "$dir" "$port" "$bin" >"$STATE"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port (folder $dir)"
  url_of "$port"
}

cmd_stop() {
  if ! read_state; then
    log "no cluster recorded in $STATE: nothing to stop"
    return 0
  fi
  teardown "$DIR" "$BIN"
  rm -f "$STATE"
  [[ -n ${QUIET_STOP:-} ]] || log "stopped and removed $DIR"
}

cmd_url() {
  read_state || {
    log "no cluster recorded in $STATE"
    return 1
  }
  url_of "$PORT"
}

cmd_run() {
  [[ ${1:-} == -- ]] && shift
  if [[ $# -eq 0 ]]; then
    log "usage: $0 run -- COMMAND [ARGS...]"
    return 2
  fi
  # A state file of its own, so a cluster started by hand is left alone.
  mkdir -p "$ROOT/.tmp"
  STATE="$(mktemp "$ROOT/.tmp/pg-test-cluster.run.XXXXXX")"
  rm -f "$STATE"
  # Quietly, so that the command's own last lines (vitest's summary) stay last.
  QUIET_STOP=1
  trap 'cmd_stop' EXIT
  trap 'exit 130' INT TERM
  local url status=0
  url="$(cmd_start)"
  CANHGAC_TEST_DATABASE_URL="$url" "$@" || status=$?
  return "$status"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  run)
    shift
    cmd_run "$@"
    ;;
  *)
    echo "usage: $0 start|stop|url|run -- COMMAND" >&2
    exit 2
    ;;
esac
