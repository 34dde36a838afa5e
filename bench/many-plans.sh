#!/usr/bin/env bash
# Page times with many OGP members: generates OGP's commitments export for 60 countries x 4
# plans x 10 commitments (bench/many_plans.py: 240 plans, 2,400 commitments, about 10 MB),
# imports it into a fresh private database with the release build (the command starts its own
# PostgreSQL, which the server then reuses), and times
# the pages that grow with the number of plans: /plans (first and a later page, and filtered by
# country), search, the largest plan (Argentina's first, 60 commitments, and the demo's
# plan with its milestones and reports), and the API lists, with the page cache off so every
# request reaches PostgreSQL. Prints the import's time and report counts, then a markdown table
# (median and slowest of RUNS requests, one at a time).
#
#   bash bench/many-plans.sh            # RUNS=20 PORT=18190 by default
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
PORT=${PORT:-18190}
cargo build --release --quiet
bin=$PWD/target/release/abierto
work=$(mktemp -d)
export ABIERTO_DATA=$work/data ABIERTO_BIND=127.0.0.1:$PORT
python3 bench/many_plans.py "$work/many.csv" >&2

started=$(date +%s.%N)
"$bin" import ogp "$work/many.csv" --report "$work/report.csv" >"$work/import.log"
ended=$(date +%s.%N)
printf 'import: %.1f s\n' "$(echo "$ended - $started" | bc)"
cat "$work/import.log"
"$bin" demo >/dev/null 2>&1

ABIERTO_PAGE_CACHE_SECS=0 "$bin" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
api() { curl -fsS "http://127.0.0.1:$PORT/api/v1/$1"; }
largest=$(api "plans?country=AR&ogp_plan_number=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
plans=$(curl -fsS "http://127.0.0.1:$PORT/api/v1/plans?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("total", "?"))' 2>/dev/null || echo "?")

echo
echo "| page ($plans plans) | median ms | slowest ms | bytes |"
echo "|---|---:|---:|---:|"
for path in "/plans" "/plans?page=5" "/plans?country=CL" "/search?q=ministry" \
            "/search?q=ministry&page=3" "/plans/$largest" "/plans/ecuador-2019-2022" "/api/v1/plans" \
            "/api/v1/plans?country=CL" "/api/v1/commitments" "/api/v1/commitments?limit=100" \
            "/api/v1/assessments"; do
  times=()
  for _ in $(seq 1 "$RUNS"); do
    t=$(curl -s -o "$work/body" -w '%{time_total}' "http://127.0.0.1:$PORT$path")
    times+=("$t")
  done
  bytes=$(wc -c <"$work/body")
  printf '%s\n' "${times[@]}" | sort -n | awk -v p="$path" -v b="$bytes" \
    '{a[NR]=$1} END {printf "| `%s` | %.1f | %.1f | %d |\n", p, a[int((NR+1)/2)]*1000, a[NR]*1000, b}'
done
