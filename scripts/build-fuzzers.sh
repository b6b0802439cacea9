#!/usr/bin/env bash
# Builds the libFuzzer targets with clang++ (the project itself builds with g++) and, with
# --run SECONDS, runs them for a bounded time on a copy of the seed corpus.
#   scripts/build-fuzzers.sh OUT_DIR [--run SECONDS]
# Rebuilds only when a source is newer than the binary. Fails (exit 1) when clang++ with
# libFuzzer is not installed: the fuzz test is required, so it must not pass silently.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: build-fuzzers.sh OUT_DIR [--run SECONDS]}"
run_seconds=""
if [[ "${2:-}" == "--run" ]]; then run_seconds="${3:?--run needs SECONDS}"; fi

clang=""
for c in clang++-14 clang++; do
  if command -v "$c" >/dev/null 2>&1; then clang="$c"; break; fi
done
if [[ -z "$clang" ]]; then
  echo "build-fuzzers.sh: clang++ not found. Install Debian packages clang-14 and libclang-rt-14-dev" >&2
  echo "(scripts/install-deps.sh does this); the fuzz test cannot run without them." >&2
  exit 1
fi

mkdir -p "$out"
sources=(
  "$root"/src/core/{error,text,date,messages}.cpp
  "$root"/src/domain/{item,taxonomy,municipality}.cpp
  "$root"/src/search/{search_index,query_params,synonyms,plain_text}.cpp
  "$root"/src/search/xapian/{dutch_stemmer,facets,stored_doc,xapian_index,xapian_search}.cpp
  "$root"/tests/fuzz/i18n_stub.cpp
  "$root"/tests/fuzz/fuzz_search_query.cpp
)
binary="$out/fuzz_search_query"
newest_header="$(find "$root/src/core" "$root/src/domain" "$root/src/search" -name '*.h' -newer "$binary" 2>/dev/null | head -1 || true)"
needs_build=0
[[ -x "$binary" && -z "$newest_header" ]] || needs_build=1
for s in "${sources[@]}"; do [[ "$s" -nt "$binary" ]] && needs_build=1; done

if [[ $needs_build == 1 ]]; then
  echo "building $binary with $clang"
  # Compile in parallel (2 jobs) into objects, then link.
  objs=()
  pids=()
  for s in "${sources[@]}"; do
    o="$out/$(basename "${s%.cpp}").o"
    objs+=("$o")
    "$clang" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
      -I"$root/src" $(pkg-config --cflags xapian-core hunspell) -c "$s" -o "$o" &
    pids+=($!)
    if (( ${#pids[@]} >= 2 )); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
  done
  for p in "${pids[@]}"; do wait "$p"; done
  "$clang" -fsanitize=fuzzer,address,undefined "${objs[@]}" $(pkg-config --libs xapian-core hunspell) -o "$binary"
fi

if [[ -n "$run_seconds" ]]; then
  work="$out/corpus-search"
  mkdir -p "$work"
  # New inputs go to the work folder; the seed corpus in the source tree stays as it is.
  ASAN_OPTIONS=detect_leaks=0 "$binary" -max_total_time="$run_seconds" -max_len=12000 -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 "$work" "$root/tests/fuzz/corpus/search"
fi
