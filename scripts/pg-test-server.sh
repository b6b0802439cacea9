#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for the storage contract tests and benchmarks.
#
#   scripts/pg-test-server.sh start DIR [PORT]   initdb DIR/data, listen on 127.0.0.1 at the first
#                                                free port from PORT (default 54330) on, create
#                                                database gezondin_test, write its URL to DIR/url
#                                                and print "export GEZONDIN_TEST_PG_URL=..."
#   scripts/pg-test-server.sh stop DIR            stop the server and remove DIR/data
#
# Trust authentication, only on 127.0.0.1 and a unix socket in DIR; fsync off: test data only.
# initdb refuses to run as root, so as root the server runs as the user "postgres".
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2; }
[ $# -ge 2 ] || usage
action=$1
dir=$2
first_port=${3:-54330}
tries=50
user=gezondin
database=gezondin_test

bindir=${GEZONDIN_PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for candidate in /usr/lib/postgresql/*/bin; do [ -x "$candidate/initdb" ] && bindir=$candidate; done
fi
need_binaries() {
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] ||
    { echo "pg-test-server: no PostgreSQL server binaries (initdb) found; install postgresql-15" >&2; exit 1; }
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_server() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    need_binaries
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir/data" "$dir/url" "$dir/port"
}

start_server() {
  need_binaries
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  stop_server   # a server left over from an interrupted run
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  if ! as_owner test -w "$dir"; then
    echo "pg-test-server: the postgres user cannot write $dir (check the permissions of its parents)" >&2
    exit 1
  fi
  as_owner "$bindir/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  local port=$first_port last=$((first_port + tries - 1))
  while [ "$port" -le "$last" ]; do
    if ! port_in_use "$port" &&
       as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
         start >/dev/null 2>&1; then
      break
    fi
    port=$((port + 1))
  done
  if [ "$port" -gt "$last" ]; then
    echo "pg-test-server: could not start PostgreSQL on any port $first_port-$last; log:" >&2
    tail -n 20 "$dir/postgres.log" >&2 || true
    exit 1
  fi
  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$database"
  local url="postgresql://$user@127.0.0.1:$port/$database"
  echo "$port" >"$dir/port"
  echo "$url" >"$dir/url"
  echo "export GEZONDIN_TEST_PG_URL=$url"
}

case "$action" in
  start) start_server ;;
  stop) stop_server ;;
  *) usage ;;
esac
