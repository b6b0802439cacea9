#!/usr/bin/env bash
# Runs every benchmark and prints the figures that BENCHMARKS.md records.
# Usage: scripts/run-benchmarks.sh BUILD_DIR
# GEZONDIN_BENCH_ITEMS sets the corpus size of the search and server benchmarks (100,000).
set -uo pipefail
build=${1:-build}
items=${GEZONDIN_BENCH_ITEMS:-100000}
echo "## Benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

for b in stats/stats_bench importers/importers_bench geo/geo_bench storage/storage_bench wijkdata/wijkdata_bench; do
  [ -x "$build/bench/$b" ] || continue
  echo; echo "### $b"; echo '```'
  "$build/bench/$b" --benchmark_min_time=0.2 2>&1 | grep -v "Library was built as DEBUG"
  echo '```'
done

if [ -x /usr/bin/python3 ] && [ -x "$build/bench/stats/stats_bench" ]; then
  echo; echo "### stats: C++ against NumPy/pandas (bench/stats/reference.py)"; echo '```'
  export_dir=$(mktemp -d)
  "$build/bench/stats/stats_bench" --export="$export_dir" > /dev/null 2>&1
  /usr/bin/python3 bench/stats/reference.py "$export_dir"
  rm -rf "$export_dir"
  echo '```'
fi

if [ -x "$build/bench/search/bench_search" ]; then
  echo; echo "### search: Xapian against SQLite FTS5 ($items items)"
  "$build/bench/search/bench_search" --items "$items" --queries 100 --reps 10
fi

echo; echo "### server (bench/web/load.sh, $items items)"
bench/web/load.sh "$build" "$items"

echo; echo "### community (bench/web/community.sh: logged in against anonymous, login storm)"
bench/web/community.sh "$build"

echo; echo "### wijkdata through the server (bench/wijkdata/server_load.sh, national 2024 hierarchy)"
bench/wijkdata/server_load.sh "$build"
