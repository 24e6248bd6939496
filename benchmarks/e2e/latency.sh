#!/usr/bin/env bash
# Runs compare.sh with every client behind a relay that delays each direction by DELAY_US microseconds, as a load
# over a LAN or from another host of the same data centre sees the server; on loopback a round trip costs almost
# nothing, and what a loader's round trips cost does not show.
#
#   benchmarks/e2e/latency.sh DELAY_US [compare.sh arguments...]
#   e.g. MYLOADER1=... MYDUMPER1=... benchmarks/e2e/latency.sh 250 --contenders packload,myloader1,mariadb \
#            /var/tmp/e2e/tables-1000x100.sql '*' 3
#
# The relay is delayproxy.c, built here with gcc (the kernels these benchmarks run on have no netem qdisc): one
# thread, listening on 127.0.0.1:$PROXY_PORT (default 3399), forwarding to $HOST:$PORT (default 127.0.0.1:3306, an IPv4
# address). Before the run it prints the round trip a statement sees through it and without it (2,000 SELECT 1
# through the mariadb client). The server's CPU is measured as compare.sh does; the relay's own CPU is nobody's.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
DELAY_US=$1; shift
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET_HOST=${HOST:-127.0.0.1}; TARGET_PORT=${PORT:-3306}; PROXY_PORT=${PROXY_PORT:-3399}
BIN=$(mktemp -d)
PROXY=""
cleanup() {
  [ -z "$PROXY" ] || kill "$PROXY" 2>/dev/null || true
  rm -rf "$BIN"
}
trap cleanup EXIT
gcc -O2 -o "$BIN/delayproxy" "$HERE/delayproxy.c"
"$BIN/delayproxy" "$PROXY_PORT" "$TARGET_HOST" "$TARGET_PORT" "$DELAY_US" &
PROXY=$!
sleep 0.3
per_statement() { # milliseconds a statement takes on HOST:PORT, over 2,000 SELECT 1 on one connection
  local t0 t1 sql
  sql=$(printf 'SELECT 1;%.0s' $(seq 1 2000))
  t0=$(date +%s%N)
  mariadb -h "$1" -P "$2" -uroot -N -e "$sql" >/dev/null
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 2000 / 1e6 }'
}
echo "latency.sh: a statement's round trip: $(per_statement 127.0.0.1 "$PROXY_PORT") ms through the relay" \
  "(${DELAY_US} us each way), $(per_statement "$TARGET_HOST" "$TARGET_PORT") ms without it" >&2
HOST=127.0.0.1 PORT=$PROXY_PORT "$HERE/compare.sh" "$@"
echo "(every client through benchmarks/e2e/delayproxy.c, ${DELAY_US} us each way: benchmarks/e2e/latency.sh)"
