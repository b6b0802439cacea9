#!/usr/bin/env bash
# Community benchmark on loopback, on the demo data:
#  1. what a logged-in page view costs against an anonymous one (wrk -t2 -c32 with and without
#     a session cookie), with the page cache off (the cost of the session itself) and on (the
#     default);
#  2. whether a login storm stalls others: p99 of anonymous page views (wrk) while 50 logins
#     run at the same time, again and again, against the p99 without the storm.
# Prints a Markdown table. Usage: bench/web/community.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
bin="$build/src/main/gezondin"
work=$(mktemp -d /tmp/gezondin-community-bench-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pid=0
storm_pid=0
trap '[ "$storm_pid" -gt 0 ] && kill "$storm_pid" 2>/dev/null; [ "$pid" -gt 0 ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

demo=$("$bin" demo --data "$work/data")
email=$(sed -n 's/^Demo-account lid: e-mailadres \([^ ,]*\), wachtwoord \([^ ]*\).*/\1/p' <<< "$demo")
password=$(sed -n 's/^Demo-account lid: e-mailadres \([^ ,]*\), wachtwoord \([^ ]*\).*/\2/p' <<< "$demo")
[ -n "$email" ] && [ -n "$password" ] || { echo "community.sh: the demo printed no lid account" >&2; exit 1; }
base="http://127.0.0.1:$port"

serve() {   # $1: page cache entries (0 = off)
  "$bin" serve --data "$work/data" --listen "127.0.0.1:$port" --page-cache "$1" > /dev/null &
  pid=$!
  until curl -fs "$base/readyz" > /dev/null; do sleep 0.01; done
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=0; }

# Logs in through the form (double-submit CSRF cookie) and prints the session cookie value.
login() {
  local jar="$work/jar-$RANDOM$RANDOM" csrf
  csrf=$(curl -fs -c "$jar" "$base/account/inloggen" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "email=$email" --data-urlencode "password=$password" \
       --data-urlencode "csrf=$csrf" "$base/account/inloggen"
  awk '$6 == "gezondin_sessie" {print $7}' "$jar"
  rm -f "$jar"
}

# "<req/s> <p99 in ms>" of wrk on $1, with extra wrk arguments after it.
wrk_run() {
  local url=$1; shift
  wrk -t2 -c32 -d8s --latency "$@" "$url" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ {r = $2} / 99%/ {p = ms($2)} END {printf "%.0f %.2f\n", r, p}'
}

page="$base/kennisbank?q=gezondheid"
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

serve 0
session=$(login)
[ -n "$session" ] || { echo "community.sh: login failed" >&2; exit 1; }
account_page=$(curl -fs -H "Cookie: gezondin_sessie=$session" "$base/account")
[[ $account_page == *'action="/account/uitloggen"'* ]] || { echo "community.sh: the session cookie does not log in" >&2; exit 1; }
read -r anon_off anon_off_p99 <<< "$(wrk_run "$page")"
read -r member_off member_off_p99 <<< "$(wrk_run "$page" -H "Cookie: gezondin_sessie=$session")"
stop

serve 1000
session=$(login)
read -r anon_on anon_on_p99 <<< "$(wrk_run "$page")"
read -r member_on member_on_p99 <<< "$(wrk_run "$page" -H "Cookie: gezondin_sessie=$session")"

# The login storm: 50 logins at once, repeated until stopped.
read -r calm calm_p99 <<< "$(wrk_run "$page")"
(
  while true; do
    for _ in $(seq 50); do login > /dev/null & done
    wait
  done
) &
storm_pid=$!
sleep 1
read -r stormy stormy_p99 <<< "$(wrk_run "$page")"
kill "$storm_pid" 2>/dev/null || true
wait "$storm_pid" 2>/dev/null || true
storm_pid=0
logins=$(curl -fs "$base/metrics" | awk '/^gezondin_requests_total/ {print $2}')
stop

echo "| measure (demo data, page $page) | result | target |"
echo "|---|---|---|"
echo "| anonymous, page cache off | $anon_off req/s, p99 $anon_off_p99 ms | - |"
echo "| logged in, page cache off | $member_off req/s, p99 $member_off_p99 ms | cost <= 1.5x anonymous: $(ratio "$anon_off" "$member_off")x |"
echo "| anonymous, page cache on (default) | $anon_on req/s, p99 $anon_on_p99 ms | - |"
echo "| logged in, page cache on (default) | $member_on req/s, p99 $member_on_p99 ms | cost <= 1.5x anonymous: $(ratio "$anon_on" "$member_on")x |"
echo "| anonymous page views, no logins | $calm req/s, p99 $calm_p99 ms | - |"
echo "| anonymous page views during a storm of 50 concurrent logins | $stormy req/s, p99 $stormy_p99 ms | p99 < 50 ms |"
echo "| requests served in the last run (incl. logins) | $logins | - |"
