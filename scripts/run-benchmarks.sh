#!/usr/bin/env bash
# Runs every benchmark and prints the figures that BENCHMARKS.md records.
# Usage: scripts/run-benchmarks.sh BUILD_DIR
set -uo pipefail
build=${1:-build}
echo "## Benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores"
for b in "$build"/bench/*/bench_*; do
  [ -x "$b" ] || continue
  echo; echo "### $(basename "$b")"; echo '```'
  "$b" --benchmark_min_time=0.2 2>&1 | grep -v "Library was built as DEBUG"
  echo '```'
done
for s in bench/*/run.sh; do
  [ -x "$s" ] || continue
  echo; echo "### $s"; "$s" "$build"
done
echo; echo "### Server (bench/web/load.sh)"
bench/web/load.sh "$build" "${GEZONDIN_BENCH_ITEMS:-100000}"
