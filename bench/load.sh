#!/usr/bin/env bash
# Load and faults: the release binary against a PostgreSQL 15 cluster this script controls.
#
#   bash bench/load.sh        # DURATION=60 CONNECTIONS=32 WRITERS=8 OUTAGE=10 ROUNDS=100
#
# 1. mixed load on one app: anonymous reads and progress reports through the HTML forms;
#    zero errors, and every accepted report found in the database;
# 2. the same load while PostgreSQL is killed (`pg_ctl stop -m immediate`) and started again
#    OUTAGE seconds later: the app stays up, answers 503 with the explanation page, no 500,
#    and serves a signed-in page again within 5 s of PostgreSQL accepting connections;
# 3. a second app on the same database: ROUNDS reports through A, each read through B at once
#    (anonymous, signed in, API); PostgreSQL restarted and ROUNDS/5 more at once; then
#    TWO_APPS_DURATION seconds of mixed load over both.
# Prints a markdown summary; exits 1 when a check failed. Runs as root (the cluster runs as
# user postgres) or as a user who may run initdb. KEEP=1 keeps the work folder and logs.
set -euo pipefail
cd "$(dirname "$0")/.."

export DURATION=${DURATION:-60}
export CONNECTIONS=${CONNECTIONS:-32}
export WRITERS=${WRITERS:-8}
export OUTAGE=${OUTAGE:-10}
export ROUNDS=${ROUNDS:-100}
TWO_APPS_DURATION=${TWO_APPS_DURATION:-20}
PG_PORT=${PG_PORT:-18190}
APP_PORT=${APP_PORT:-18191}
APP2_PORT=${APP2_PORT:-18192}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
# immediate: every backend killed at once, crash recovery on start; fast: backends end with FATAL 57P01.
STOP_MODE=${STOP_MODE:-immediate}
BIN=./target/release/abierto
LOAD=./target/release/examples/load

say() { printf '== %s\n' "$*" >&2; }

if [ -z "${SKIP_BUILD:-}" ]; then
    say "cargo build --release --bin abierto --example load"
    cargo build --release --quiet --bin abierto --example load
fi

LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
WORK=$(mktemp -d /tmp/abierto-load.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/pg" "$WORK/sock"
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg" "$WORK/sock"

APP_PIDS=()
cleanup() {
    for pid in "${APP_PIDS[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
    if [ -n "${KEEP:-}" ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

PG_START="$PGBIN/pg_ctl -D $WORK/pg -l $WORK/sock/postgres.log -w -t 60 start -o '-p $PG_PORT -k $WORK/sock -c listen_addresses=127.0.0.1 -c max_connections=200'"
PG_STOP="$PGBIN/pg_ctl -D $WORK/pg -m $STOP_MODE stop"
if [ "$(id -u)" = 0 ]; then
    PG_START="runuser -u postgres -- $PG_START"
    PG_STOP="runuser -u postgres -- $PG_STOP"
fi

say "PostgreSQL 15 in $WORK/pg on port $PG_PORT"
as_postgres "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres >/dev/null
sh -c "$PG_START" >/dev/null
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE abierto"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/abierto"
$BIN migrate >/dev/null 2>"$WORK/migrate.log"
$BIN demo >/dev/null 2>>"$WORK/migrate.log"
$LOAD setup

# start_app PORT: serves in the background, waits until it answers.
start_app() {
    local port=$1
    ABIERTO_BIND=127.0.0.1:$port ABIERTO_DATA=$WORK/data-$port \
        $BIN serve >"$WORK/app-$port.out" 2>"$WORK/app-$port.log" &
    APP_PIDS+=($!)
    for _ in $(seq 100); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
        sleep 0.1
    done
    say "app on port $port did not start"; cat "$WORK/app-$port.log" >&2; exit 1
}

alive() { kill -0 "$1" 2>/dev/null && echo yes || echo "**no (exited)**"; }

A=http://127.0.0.1:$APP_PORT
B=http://127.0.0.1:$APP2_PORT
SUMMARY=$WORK/summary.md
failed=0
start_app "$APP_PORT"
A_PID=${APP_PIDS[0]}

say "phase 1: mixed load, ${DURATION} s at $CONNECTIONS connections"
$LOAD mixed --app "$A" >>"$SUMMARY" || failed=1

say "phase 2: PostgreSQL killed during the load (down ${OUTAGE} s)"
$LOAD outage --app "$A" --pg-stop "$PG_STOP" --pg-start "$PG_START" >>"$SUMMARY" || failed=1
echo "PostgreSQL was stopped with \`pg_ctl stop -m $STOP_MODE\`. App process $A_PID still running after the outage: $(alive "$A_PID")." >>"$SUMMARY"
echo >>"$SUMMARY"
kill -0 "$A_PID" 2>/dev/null || failed=1

say "phase 3: a second app on the same database"
start_app "$APP2_PORT"
$LOAD two-apps --app "$A" --app "$B" --pg-stop "$PG_STOP" --pg-start "$PG_START" >>"$SUMMARY" || failed=1
$LOAD mixed --app "$A" --app "$B" --duration "$TWO_APPS_DURATION" \
    --title "Mixed load across both apps" >>"$SUMMARY" || failed=1

errors_logged=$(cat "$WORK"/app-*.log | grep -c '"request failed"\|request failed' || true)
{
    echo "## Load and faults: $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD)"
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average $LOAD_BEFORE before the run and $(cut -d" " -f1-3 /proc/loadavg) after it; the load tool runs on the same machine."
    echo
    cat "$SUMMARY"
    echo "Server errors logged by the apps (\"request failed\" lines, 503s included): $errors_logged."
    echo
    [ "$failed" = 0 ] && echo "All phases passed." || echo "**Some checks failed.**"
}
exit "$failed"
