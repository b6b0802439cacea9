#!/usr/bin/env bash
# Wijkdata through the real server on loopback: widens the national KWB 2024 export from
# ../shared/data (18,310 areas) to 60 indicators, imports it with `gezondin import data` (plus
# the gemeente boundaries 2024) into a fresh data folder, starts `gezondin serve` and measures
# with wrk (-t2 -c64, 10 s): the values API for all 14,574 buurten of one indicator (JSON and
# CSV, target >= 200 req/s), a buurt and a gemeente profile page (the first Amsterdam buurt of
# 2024) and the gemeente map, with the page cache off and on. Prints a Markdown table, and the
# CPU seconds the server used per request where that says more than wall time on a busy machine.
# Usage: bench/wijkdata/server_load.sh BUILD_DIR [SHARED_DATA]
set -euo pipefail
build=${1:-build}
shared=${2:-$(dirname "$0")/../../../shared/data}
bin="$build/src/main/gezondin"
source_csv="$shared/cbs_statline_exports_2024_2025/Kerncijfers_wijken_en_buurten_2024_geslachten.csv"
borders="$shared/rivm_gmjv2024_50140NED_and_geo2024/gemeente_gegeneraliseerd_2024.geojson"
if [ ! -f "$source_csv" ]; then echo "skipped: $source_csv not found" >&2; exit 0; fi
work=$(mktemp -d /tmp/gezondin-wijkload-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pid=0
trap '[ "$pid" -gt 0 ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

widened="$work/Kerncijfers_wijken_en_buurten_2024_widened60.csv"
python3 "$(dirname "$0")/widen_kwb2024.py" "$source_csv" "$widened"
"$bin" migrate --data "$work/data" > /dev/null
t0=$(date +%s.%N)
"$bin" import data "$widened" --data "$work/data" > /dev/null
t1=$(date +%s.%N)
[ -f "$borders" ] && "$bin" import data "$borders" --data "$work/data" > /dev/null

serve() {   # $1: page cache entries (0 = off)
  "$bin" serve --data "$work/data" --listen "127.0.0.1:$port" --page-cache "$1" > /dev/null &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/readyz" > /dev/null; do sleep 0.05; done
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=0; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# "R req/s, p99 P, C ms CPU per request": C is the server's user+system CPU over the run
# divided by the requests wrk completed, which other work on a shared machine does not inflate.
wrk_rps() {
  local before after hz
  hz=$(getconf CLK_TCK)
  before=$(cpu_ticks)
  wrk -t2 -c64 -d10s --latency "$1" > "$work/wrk.txt"
  after=$(cpu_ticks)
  awk -v cpu=$((after - before)) -v hz="$hz" '/requests in/ {n=$1} /Requests\/sec/ {r=$2} / 99%/ {p=$2} /Non-2xx/ {e=$NF}
    END {printf "%s req/s, p99 %s, %.2f ms CPU per request%s", r, p, (n ? cpu * 1000 / hz / n : 0), (e ? ", NON-2XX " e : "")}' "$work/wrk.txt"
}

base="http://127.0.0.1:$port"
serve 0
key=$(curl -fs "$base/api/v1/indicators?jaar=2024" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(next(i["key"] for i in d["indicators"] if "inwoners" in i["key"].lower() or "inwoners" in i["label"].lower()))')
values="$base/api/v1/values?jaar=2024&niveau=buurt&indicator=$key&per_pagina=20000"
rows=$(curl -fs "$values" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["values"]))')
json_bytes=$(curl -fs "$values" | wc -c)
csv_bytes=$(curl -fs "$values&format=csv" | wc -c)
buurt=$(curl -fs "$base/api/v1/areas?jaar=2024&niveau=buurt&ouder=GM0363&per_pagina=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["areas"][0]["code"])')
profile_buurt="$base/wijkdata/gebied/$buurt?jaar=2024"
profile_gemeente="$base/wijkdata/gebied/GM0363?jaar=2024"
gemeente_map="$base/wijkdata/kaart?niveau=gemeente&jaar=2024&indicator=$key"
curl -fs "$gemeente_map" > "$work/map.html"
map_kb=$(( $(wc -c < "$work/map.html") / 1024 ))
values_cold=$(wrk_rps "$values")
csv_cold=$(wrk_rps "$values&format=csv")
buurt_cold=$(wrk_rps "$profile_buurt")
gemeente_cold=$(wrk_rps "$profile_gemeente")
map_cold=$(wrk_rps "$gemeente_map")
stop
serve 1000
values_warm=$(wrk_rps "$values")
buurt_warm=$(wrk_rps "$profile_buurt")
map_warm=$(wrk_rps "$gemeente_map")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
stop

py() { python3 -c "print(f'{$1:.0f}')"; }
echo "| measure (KWB 2024, 18,310 areas x 60 indicators, indicator $key) | result | target |"
echo "|---|---|---|"
echo "| gezondin import data (whole process: parse, store in SQLite, rebuild) | $(py "($t1-$t0)*1000") ms | - |"
echo "| values API, all $rows buurten, JSON ($((json_bytes / 1024)) KB), page cache off | $values_cold | >= 200 req/s |"
echo "| values API, all $rows buurten, CSV ($((csv_bytes / 1024)) KB), page cache off | $csv_cold | >= 200 req/s |"
echo "| values API, JSON, page cache on | $values_warm | >= 200 req/s |"
echo "| profile page buurt $buurt (Amsterdam), page cache off | $buurt_cold | <= 5 ms per page |"
echo "| profile page buurt, page cache on | $buurt_warm | - |"
echo "| profile page gemeente GM0363, page cache off | $gemeente_cold | - |"
echo "| gemeente map, 342 gemeenten ($map_kb KB page), page cache off | $map_cold | - |"
echo "| gemeente map, page cache on | $map_warm | - |"
echo "| resident memory of the server after the runs | $((rss_kb / 1024)) MB | - |"
