#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests, on a loopback port, in a temporary folder.
# Usage: pg-test-cluster.sh start STATE_DIR   → writes STATE_DIR/postgres.url
#        pg-test-cluster.sh stop STATE_DIR    → stops the cluster and removes its files
#        pg-test-cluster.sh pause STATE_DIR   → stops the server, keeps its data (outage tests)
#        pg-test-cluster.sh resume STATE_DIR  → starts it again on the same port
# Fails loudly when PostgreSQL cannot be started: the suite must never skip it silently.
set -euo pipefail
action=$1
state_dir=$(mkdir -p "$2" && cd "$2" && pwd)
bin=/usr/lib/postgresql/15/bin
cluster_file="$state_dir/postgres.cluster"

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$cluster_file" ] || return 0
  local dir
  dir=$(cat "$cluster_file")
  as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir" "$cluster_file" "$state_dir/postgres.url" "$state_dir/postgres.port"
}

start_server() {
  local dir=$1 port=$2
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

case "$action" in
  start)
    stop
    [ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed ($bin/initdb missing)" >&2; exit 1; }
    dir=$(mktemp -d /tmp/boussole-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    echo "$dir" > "$cluster_file"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # A free port: let the kernel choose one, then hand it to PostgreSQL.
    port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    start_server "$dir" "$port"
    echo "$port" > "$state_dir/postgres.port"
    echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$state_dir/postgres.url"
    echo "PostgreSQL test cluster on 127.0.0.1:$port ($dir)"
    ;;
  pause)
    as_postgres "$bin/pg_ctl" -D "$(cat "$cluster_file")/data" -m fast -w stop >/dev/null
    ;;
  resume)
    start_server "$(cat "$cluster_file")" "$(cat "$state_dir/postgres.port")"
    ;;
  stop)
    stop
    echo "PostgreSQL test cluster stopped"
    ;;
  *)
    echo "usage: $0 start|stop|pause|resume STATE_DIR" >&2
    exit 2
    ;;
esac
