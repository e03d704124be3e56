#!/usr/bin/env bash
# A throwaway PostgreSQL server for the case-store tests (and for trying `--store postgres://`).
#
#   eval "$(scripts/postgres.sh start)"   # starts one, prints `export EMBARGO_TEST_POSTGRES_URL=…`
#   scripts/postgres.sh stop              # stops it and deletes its files
#
# Uses the newest /usr/lib/postgresql/*/bin (Debian package `postgresql`; `apt-get install -y
# postgresql` if missing), a cluster in $EMBARGO_PG_DIR (default /tmp/embargo-pg-$UID), trust
# authentication on 127.0.0.1 only, and a free port. initdb refuses to run as root, so as root
# the cluster belongs to the `postgres` user the package creates.
set -euo pipefail

cmd="${1:-start}"
DIR="${EMBARGO_PG_DIR:-/tmp/embargo-pg-$(id -u)}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: apt-get install -y postgresql" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

free_port() {
  local p
  for p in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "no free port in 55432-55532" >&2
  return 1
}

case "$cmd" in
  start)
    if [ -f "$DIR/port" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      port="$(cat "$DIR/port")"
    else
      rm -rf "$DIR"
      mkdir -p "$DIR"
      if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
      as_owner "$BIN/initdb" -D "$DIR/data" --username=embargo --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
      port="$(free_port)"
      as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-p $port -k $DIR -h 127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
        || { cat "$DIR/server.log" >&2; exit 1; }
      echo "$port" | as_owner tee "$DIR/port" >/dev/null
    fi
    echo "export EMBARGO_TEST_POSTGRES_URL=postgres://embargo@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$DIR/data" ]; then
      as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
