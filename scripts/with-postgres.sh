#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on loopback (for the county/city database tests), exporting
# MINSHENG_TEST_PG_URL. If PostgreSQL is not installed or will not start, the command runs without it (those
# tests then say they were skipped).
set -uo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PORT=${MINSHENG_PG_PORT:-55433}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "（未安装 PostgreSQL，跳过 PostgreSQL 测试 / PostgreSQL not installed: its tests are skipped）"
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
  echo "（PostgreSQL 未能启动，跳过 PostgreSQL 测试 / could not start PostgreSQL）"
  stop
fi
"$@"
