#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on loopback (for the county/city database tests), exporting
# MINSHENG_TEST_PG_URL. On a developer's machine, if PostgreSQL is not installed or will not start, the command
# runs without it (those tests then say they were skipped). Under CI (CI set, not 0/false/no) that is an error:
# the script stops with exit code 3 rather than let the PostgreSQL tests go unrun.
set -uo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PORT=${MINSHENG_PG_PORT:-55433}
case "${CI:-}" in ""|0|false|FALSE|False|no|NO) UNDER_CI= ;; *) UNDER_CI=1 ;; esac
without_postgres() {
  if [ -n "$UNDER_CI" ]; then
    echo "PostgreSQL 测试库不可用，CI 中不允许跳过 / PostgreSQL is required under CI: $1" >&2
    exit 3
  fi
  echo "（跳过 PostgreSQL 测试 / PostgreSQL tests are skipped: $1）"
}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  without_postgres "not installed"
  exec "$@"
fi
DIR=$(mktemp -d /tmp/minsheng-pg.XXXXXX)
AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$DIR"
  AS=(runuser -u postgres --)
fi
stop() { "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$DIR"; }
if "${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null 2>&1 \
   && "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR" start >/dev/null 2>&1 \
   && "${AS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres minsheng_test >/dev/null 2>&1; then
  trap stop EXIT
  export MINSHENG_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/minsheng_test"
  echo "PostgreSQL 测试库：$MINSHENG_TEST_PG_URL"
else
  [ -f "$DIR/log" ] && tail -n 20 "$DIR/log" >&2
  stop
  without_postgres "could not start"
fi
"$@"
