#!/usr/bin/env bash
# Server benchmark on loopback: imports a synthetic corpus of N items (default 100,000),
# rebuilds the index, starts the server and measures start-up, wrk throughput of an item page
# and a search page (-t2 -c64), and resident memory. Prints a Markdown table.
# Usage: bench/web/load.sh BUILD_DIR [N]
set -euo pipefail
build=${1:-build}
n=${2:-100000}
bin="$build/src/main/gezondin"
work=$(mktemp -d /tmp/gezondin-bench-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
pid=0

python3 "$(dirname "$0")/make_corpus.py" "$n" "$work/corpus.jsonl"
"$bin" import gemeenten "$(dirname "$0")/../../data/demo/gemeenten.csv" --data "$work/data" > /dev/null
t0=$(date +%s.%N)
"$bin" items import "$work/corpus.jsonl" --data "$work/data" > /dev/null
t1=$(date +%s.%N)
"$bin" reindex --data "$work/data" > /dev/null
t2=$(date +%s.%N)

start=$(date +%s.%N)
"$bin" serve --data "$work/data" --listen "127.0.0.1:$port" > /dev/null &
pid=$!
until curl -fs "http://127.0.0.1:$port/readyz" > /dev/null; do sleep 0.01; done
ready=$(date +%s.%N)

item=$(curl -fs "http://127.0.0.1:$port/api/v1/items?per_pagina=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["_links"]["html"]["href"])')
item_path=${item#http://127.0.0.1:$port}
wrk_rps() { wrk -t2 -c64 -d10s --latency "$1" | awk '/Requests\/sec/ {print $2} / 99%/ {print "p99=" $2}' | paste -sd' '; }
item_result=$(wrk_rps "http://127.0.0.1:$port$item_path")
search_result=$(wrk_rps "http://127.0.0.1:$port/kennisbank?q=gezondheid+wijk&thema=wonen&niveau=lokaal")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")

py() { python3 -c "print(f'{$1:.2f}')"; }
echo "| measure ($n items) | result | target |"
echo "|---|---|---|"
echo "| import items (JSON lines, incl. index sync) | $(py "$t1-$t0") s | - |"
echo "| full reindex | $(py "$t2-$t1") s | <= 60 s |"
echo "| server start-up to /readyz | $(py "($ready-$start)*1000") ms | <= 1000 ms |"
echo "| item page, wrk -t2 -c64 | $item_result req/s | >= 15,000 req/s |"
echo "| search page (2 words + 2 filters), wrk -t2 -c64 | $search_result req/s | >= 1,000 req/s |"
echo "| resident memory after load (peak) | $((rss_kb / 1024)) MB ($((hwm_kb / 1024)) MB) | <= 200 MB |"
