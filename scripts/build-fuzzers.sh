#!/usr/bin/env bash
# Builds the libFuzzer targets with clang++ (the project itself builds with g++) and, with
# --run SECONDS, runs each for a bounded time on a copy of its seed corpus.
#   scripts/build-fuzzers.sh OUT_DIR TARGET [--run SECONDS]
# TARGET: search_query | csv | topojson. Rebuilds only when a source or header is newer than
# the binary. Fails (exit 1) when clang++ with libFuzzer is missing: the fuzz tests are
# required, so they must not pass silently.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: build-fuzzers.sh OUT_DIR TARGET [--run SECONDS]}"
target="${2:?usage: build-fuzzers.sh OUT_DIR TARGET [--run SECONDS]}"
run_seconds=""
if [[ "${3:-}" == "--run" ]]; then run_seconds="${4:?--run needs SECONDS}"; fi

clang=""
for c in clang++-14 clang++; do
  if command -v "$c" >/dev/null 2>&1; then clang="$c"; break; fi
done
if [[ -z "$clang" ]]; then
  echo "build-fuzzers.sh: clang++ not found. Install Debian packages clang-14 and libclang-rt-14-dev" >&2
  echo "(scripts/install-deps.sh does this); the fuzz test cannot run without them." >&2
  exit 1
fi

core=("$root"/src/core/{error,text,date,messages}.cpp "$root"/tests/fuzz/i18n_stub.cpp)
case "$target" in
  search_query)
    sources=("${core[@]}" "$root"/src/domain/{item,taxonomy,municipality}.cpp
             "$root"/src/search/{search_index,query_params,synonyms,plain_text}.cpp
             "$root"/src/search/xapian/*.cpp)
    packages="xapian-core hunspell"; max_len=12000; header_dirs=("$root/src/search" "$root/src/domain") ;;
  csv)
    sources=("${core[@]}" "$root"/src/stats/area_table.cpp "$root"/src/importers/*.cpp)
    packages="libzip"; max_len=20000; header_dirs=("$root/src/importers" "$root/src/stats") ;;
  topojson)
    sources=("${core[@]}" "$root"/src/geo/*.cpp)
    packages=""; max_len=20000; header_dirs=("$root/src/geo") ;;
  *) echo "build-fuzzers.sh: unknown target $target" >&2; exit 2 ;;
esac
sources+=("$root/tests/fuzz/fuzz_$target.cpp")

build="$out/$target"
binary="$build/fuzz_$target"
mkdir -p "$build"
needs_build=0
[[ -x "$binary" ]] || needs_build=1
if [[ $needs_build == 0 ]]; then
  for s in "${sources[@]}"; do [[ "$s" -nt "$binary" ]] && needs_build=1; done
  [[ -n "$(find "$root/src/core" "${header_dirs[@]}" -name '*.h' -newer "$binary" 2>/dev/null | head -1)" ]] && needs_build=1
fi

if [[ $needs_build == 1 ]]; then
  echo "building $binary with $clang"
  cflags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined
          -fno-omit-frame-pointer -I"$root/src")
  [[ -n "$packages" ]] && read -r -a pkg_cflags <<< "$(pkg-config --cflags $packages)" && cflags+=("${pkg_cflags[@]}")
  objs=()
  pids=()
  for s in "${sources[@]}"; do
    o="$build/$(basename "$(dirname "$s")")_$(basename "${s%.cpp}").o"
    objs+=("$o")
    "$clang" "${cflags[@]}" -c "$s" -o "$o" &
    pids+=($!)
    if (( ${#pids[@]} >= 2 )); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
  done
  for p in "${pids[@]}"; do wait "$p"; done
  libs=()
  [[ -n "$packages" ]] && read -r -a libs <<< "$(pkg-config --libs $packages)"
  "$clang" -fsanitize=fuzzer,address,undefined "${objs[@]}" "${libs[@]}" -o "$binary"
fi

if [[ -n "$run_seconds" ]]; then
  work="$build/corpus"
  mkdir -p "$work"
  # Real files make good seeds; they are read from ../shared/data at run time, never stored here.
  shared="${GEZONDIN_SHARED_DATA:-$root/../shared/data}"
  if [[ "$target" == csv && -d "$shared" ]]; then
    i=0
    while IFS= read -r -d '' f; do
      head -c 6000 "$f" > "$work/shared_$i.csv"; i=$((i + 1))
    done < <(find "$shared" -name '*.csv' -size -4M -print0 | head -z -n 20)
  fi
  # New inputs go to the work folder; the seed corpus in the source tree stays as it is.
  ASAN_OPTIONS=detect_leaks=0 "$binary" -max_total_time="$run_seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 "$work" "$root/tests/fuzz/corpus/$target"
fi
