#!/usr/bin/env bash
# Throughput, latency and memory of the public pages, next to nginx serving the same bytes.
#
#   bash bench/run.sh            # DURATION=10s THREADS=2 CONNECTIONS=32 by default
#
# Builds the release binary, starts a private PostgreSQL (`abierto database` on a fresh
# ABIERTO_DATA), loads the demo, serves it twice (with the page cache, as by default, and
# without it: every request reaches PostgreSQL), and measures three pages with wrk, each also
# served by nginx as a static file; the plan page once more with `Accept-Encoding: br`. Then it loads bench/large.sql (100 plans x 20 commitments
# x 8 milestones x 50 updates) into the same database and measures again. Prints a markdown
# table at the end. Needs root for apt-get (wrk, nginx) and for the private cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
APP_PORT=${APP_PORT:-18180}
NGINX_PORT=${NGINX_PORT:-18181}
UNCACHED_PORT=${UNCACHED_PORT:-18182}
BIN=./target/release/abierto

say() { printf '\n== %s\n' "$*" >&2; }

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "${SKIP_BUILD:-}" ]; then
    say "cargo build --release"
    cargo build --release --quiet
fi

WORK=$(mktemp -d)
DATA=$(mktemp -d)
DB_PID= APP_PID= UNCACHED_PID= NGINX_PID=
cleanup() {
    for pid in $APP_PID $UNCACHED_PID $NGINX_PID $DB_PID; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

say "private PostgreSQL in $DATA"
ABIERTO_DATA=$DATA $BIN database >"$WORK/database.out" 2>"$WORK/database.log" &
DB_PID=$!
for _ in $(seq 120); do
    URL=$(grep -m1 '^postgres://' "$WORK/database.out" || true)
    [ -n "$URL" ] && break
    sleep 0.5
done
[ -n "$URL" ] || { cat "$WORK/database.log" >&2; exit 1; }
DATABASE_URL=$URL $BIN demo | tail -n +1 >&2

ABIERTO_BIND=127.0.0.1:$APP_PORT DATABASE_URL=$URL $BIN serve >"$WORK/serve.out" 2>"$WORK/serve.log" &
APP_PID=$!
ABIERTO_PAGE_CACHE_SECS=0 ABIERTO_BIND=127.0.0.1:$UNCACHED_PORT DATABASE_URL=$URL $BIN serve \
    >"$WORK/uncached.out" 2>"$WORK/uncached.log" &
UNCACHED_PID=$!
for port in $APP_PORT $UNCACHED_PORT; do
    for _ in $(seq 120); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
        sleep 0.5
    done
done

mkdir -p "$WORK/www" "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<CONF
user root;
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    client_body_temp_path $WORK/nginx;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
        location ~ -br\$ { add_header Content-Encoding br; }
    }
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
sleep 1

# wrk's latency percentile as milliseconds.
to_ms() {
    awk '{ v = $1; u = v; sub(/^[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
           m = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1;
           printf "%.2f", v * m }'
}

# measure SET NAME PATH [ENCODING]: wrk against the app, the app without its page cache, and
# nginx serving the bytes the app sent (still encoded when ENCODING is given).
RESULTS=$WORK/results.tsv
measure() {
    local set=$1 name=$2 path=$3 encoding=${4:-} out
    local header=()
    [ -n "$encoding" ] && header=(-H "Accept-Encoding: $encoding")
    curl -fsS "${header[@]}" -o "$WORK/www/$set-$name" "http://127.0.0.1:$APP_PORT$path"
    local bytes
    bytes=$(wc -c <"$WORK/www/$set-$name")
    for target in app uncached nginx; do
        local url="http://127.0.0.1:$APP_PORT$path"
        [ $target = uncached ] && url="http://127.0.0.1:$UNCACHED_PORT$path"
        [ $target = nginx ] && url="http://127.0.0.1:$NGINX_PORT/$set-$name"
        say "$set $name ($target): $url"
        out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" "$url")
        echo "$out" >&2
        local rps p50 p99 errors
        rps=$(echo "$out" | awk '/^Requests\/sec/ { printf "%.0f", $2 }')
        p50=$(echo "$out" | awk '$1 == "50%" { print $2 }' | to_ms)
        p99=$(echo "$out" | awk '$1 == "99%" { print $2 }' | to_ms)
        errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ { print }' | tr '\n' ' ')
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$name" "$target" "$rps" "$p50" "$p99" \
            "$bytes" "$errors" >>"$RESULTS"
    done
}

rss() { awk -v k="$1:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/${2:-$APP_PID}/status"; }

PLAN=/plans/ecuador-2022-2024
COMMITMENT=/plans/ecuador-2022-2024/commitments/4
# Ten commitments on both data sets, so the two answers are alike in size.
API=${API:-'/api/v1/commitments?limit=10'}
measure demo plan "$PLAN"
measure demo plan-br "$PLAN" br
measure demo commitment "$COMMITMENT"
measure demo api "$API"
RSS_DEMO=$(rss VmRSS)

say "loading bench/large.sql (800 000 progress updates; about a minute)"
start=$(date +%s)
psql -q "$URL" -f bench/large.sql >&2
LOAD_SECONDS=$(($(date +%s) - start))

measure large plan /plans/bench-plan-50
measure large plan-br /plans/bench-plan-50 br
measure large commitment /plans/bench-plan-50/commitments/7
measure large api "$API"
RSS_LARGE=$(rss VmRSS)
HWM=$(rss VmHWM)
HWM_UNCACHED=$(rss VmHWM "$UNCACHED_PID")

# The table.
value() { awk -F'\t' -v s="$1" -v n="$2" -v t="$3" -v c="$4" '$1 == s && $2 == n && $3 == t { print $c }' "$RESULTS"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
declare -A STATEMENTS=([plan]=3 [plan-br]=3 [commitment]=8 [api]=1)
PAGES="plan plan-br commitment api"
{
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
    echo
    echo "| data | page | bytes | SQL statements | app req/s | app p50 ms | app p99 ms | nginx req/s | nginx p50 ms | nginx p99 ms | app/nginx | uncached req/s | uncached p50 ms | uncached p99 ms |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for set in demo large; do
        for name in $PAGES; do
            a=$(value $set $name app 4); n=$(value $set $name nginx 4)
            echo "| $set | $name | $(value $set $name app 7) | ${STATEMENTS[$name]} | $a | $(value $set $name app 5) | $(value $set $name app 6) | $n | $(value $set $name nginx 5) | $(value $set $name nginx 6) | $(ratio "$a" "$n") | $(value $set $name uncached 4) | $(value $set $name uncached 5) | $(value $set $name uncached 6) |"
        done
    done
    echo
    echo "| page | app p50 large/demo | app p99 large/demo | uncached p50 large/demo | uncached p99 large/demo |"
    echo "|---|---:|---:|---:|---:|"
    for name in $PAGES; do
        echo "| $name | $(ratio "$(value large $name app 5)" "$(value demo $name app 5)") | $(ratio "$(value large $name app 6)" "$(value demo $name app 6)") | $(ratio "$(value large $name uncached 5)" "$(value demo $name uncached 5)") | $(ratio "$(value large $name uncached 6)" "$(value demo $name uncached 6)") |"
    done
    echo
    echo "App memory: VmRSS $RSS_DEMO MB after the demo runs, $RSS_LARGE MB after the large runs; peak VmHWM $HWM MB (without the cache: $HWM_UNCACHED MB)."
    echo "Large set loaded in ${LOAD_SECONDS}s. SQL statements per page as asserted by tests/api (public_pages.rs, open_data.rs)."
    errs=$(awk -F'\t' '$8 != "" { print $1, $2, $3 ": " $8 }' "$RESULTS")
    [ -z "$errs" ] && echo "wrk reported no errors and no non-2xx answers." || { echo "wrk errors:"; echo "$errs"; }
}
