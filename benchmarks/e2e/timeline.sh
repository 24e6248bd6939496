#!/usr/bin/env bash
# Where one load's time goes: runs packload once on INPUT into a scratch database and prints, every INTERVAL seconds,
# how much of a core the local server and packload's JVM used in that interval (from /proc), so that a stretch where
# the server waits (the client starting, a pre-scan, a serial index build or check at the end) shows as such.
#
#   benchmarks/e2e/timeline.sh INPUT [INTERVAL] [packload load options...]
#   e.g. benchmarks/e2e/timeline.sh /var/tmp/e2e/blobs-200.sql 0.1
#
# INTERVAL defaults to 0.2 s. Lines: seconds since the launcher started, then the server's and packload's share of one
# core in the interval before (200% is both cores). The first line that shows packload holds all its CPU since the JVM
# started. packload's own end-of-run summary follows. Needs a MariaDB at $HOST:$PORT (default 127.0.0.1:3306, root,
# no password) running on this machine, and the built packload (lib.sh's setup_packload: PACKLOAD_NO_BUILD=1 runs
# loader/target/packload.jar as it is). Scratch databases pl_bench_timeline* are dropped at the end.
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
INPUT=$1; shift
INTERVAL=${1:-0.2}
[ $# -eq 0 ] || shift
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
BENCH_DBS="$BENCH_DBS pl_bench_timeline pl_bench_timeline_journal"
setup_packload
server=$(pgrep -x mariadbd || pgrep -x mysqld || true)
server=${server%%$'\n'*}
[ -n "$server" ] || { echo "timeline.sh: no local mariadbd or mysqld to sample" >&2; exit 1; }
$M -e "DROP DATABASE IF EXISTS pl_bench_timeline; CREATE DATABASE pl_bench_timeline"
wait_server_idle
hz=$(getconf CLK_TCK)
ticks() { [ -n "$1" ] && awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
"${PACKLOAD[@]}" load -h "$HOST" -P "$PORT" -u root -D pl_bench_timeline --journal-schema pl_bench_timeline_journal \
    --no-progress "$@" "$INPUT" >"$WORK/out" 2>&1 &
launcher=$!
start=$(date +%s.%N)
prev=$start
s0=$(ticks "$server"); c0=0; jvm=""
printf '%7s %8s %8s\n' "s" "server" "packload"
while kill -0 "$launcher" 2>/dev/null; do
  sleep "$INTERVAL"
  [ -n "$jvm" ] || jvm=$(pgrep -f "packload.jar load.*pl_bench_timeline" | head -1 || true)
  s1=$(ticks "$server"); c1=$(ticks "$jvm")
  [ "$c1" != 0 ] || c1=$c0
  now=$(date +%s.%N)
  awk -v t="$now" -v t0="$start" -v tp="$prev" -v ds=$((s1 - s0)) -v dc=$((c1 - c0)) -v hz="$hz" \
      'BEGIN {printf "%7.2f %7.0f%% %7.0f%%\n", t - t0, 100 * ds / hz / (t - tp), 100 * dc / hz / (t - tp)}'
  s0=$s1; c0=$c1; prev=$now
done
wait "$launcher" || echo "timeline.sh: packload exited with $?" >&2
cat "$WORK/out"
