#!/usr/bin/env bash
# Server benchmark on loopback: imports the search benchmark's synthetic corpus of N items
# (default 100,000; bench/search/corpus.cpp),
# rebuilds the index, starts the server and measures start-up, wrk throughput of an item page
# and a search page (-t2 -c64), and resident memory. Prints a Markdown table.
# Usage: bench/web/load.sh BUILD_DIR [N]
set -euo pipefail
build=${1:-build}
n=${2:-100000}
bin="$build/src/main/gezondin"
work=$(mktemp -d /tmp/gezondin-bench-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap '[ "$pid" -gt 0 ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
pid=0

"$build/bench/search/write_corpus" "$n" "$work/corpus.jsonl"   # the search benchmark's corpus
"$bin" import gemeenten "$(dirname "$0")/../../data/demo/gemeenten.csv" --data "$work/data" > /dev/null
t0=$(date +%s.%N)
"$bin" items import "$work/corpus.jsonl" --data "$work/data" > /dev/null
t1=$(date +%s.%N)
"$bin" reindex --data "$work/data" > /dev/null
t2=$(date +%s.%N)
sync   # the import and the reindex leave ~1 GB to write back: not during the measurements below

serve() {   # $1: page cache entries (0 = off)
  "$bin" serve --data "$work/data" --listen "127.0.0.1:$port" --page-cache "$1" > /dev/null &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/readyz" > /dev/null; do sleep 0.01; done
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
wrk_rps() { wrk -t2 -c64 -d10s --latency "$1" | awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} END {print r " req/s, p99 " p}'; }
search_url="http://127.0.0.1:$port/kennisbank?q=gezondheid+wijk&thema=wonen&niveau=lokaal"
broad_url="http://127.0.0.1:$port/kennisbank?q=gezondheid+wijk"   # ~45% of all items match

start=$(date +%s.%N)
serve 0
ready=$(date +%s.%N)
item=$(curl -fs "http://127.0.0.1:$port/api/v1/items?per_pagina=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["_links"]["html"]["href"])')
item_url="http://127.0.0.1:$port${item#http://127.0.0.1:$port}"
item_cold=$(wrk_rps "$item_url")
search_cold=$(wrk_rps "$search_url")
broad_cold=$(wrk_rps "$broad_url")
stop
serve 1000
item_warm=$(wrk_rps "$item_url")
search_warm=$(wrk_rps "$search_url")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")

py() { python3 -c "print(f'{$1:.2f}')"; }
echo "| measure ($n items) | result | target |"
echo "|---|---|---|"
echo "| import items (JSON lines, incl. index sync) | $(py "$t1-$t0") s | - |"
echo "| full reindex | $(py "$t2-$t1") s | <= 60 s |"
echo "| server start-up to /readyz | $(py "($ready-$start)*1000") ms | <= 1000 ms |"
echo "| item page, wrk -t2 -c64, rendered every time (--page-cache 0) | $item_cold | >= 15,000 req/s |"
echo "| item page, wrk -t2 -c64, page cache on (default) | $item_warm | >= 15,000 req/s |"
echo "| search page (2 words + 2 filters), wrk -t2 -c64, page cache off | $search_cold | >= 1,000 req/s |"
echo "| search page, 2 common words, no filters (45,000 matches), page cache off | $broad_cold | >= 1,000 req/s |"
echo "| search page, page cache on (default) | $search_warm | >= 1,000 req/s |"
echo "| resident memory after load (peak) | $((rss_kb / 1024)) MB ($((hwm_kb / 1024)) MB) | <= 200 MB |"
