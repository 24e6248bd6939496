#!/usr/bin/env bash
# End-to-end comparison on one dump: packload vs `mariadb < dump` vs myloader (on mydumper output of the same
# data), each into a fresh database on the same server, alternating contenders (A B C A B C ...) for ROUNDS rounds.
# Every run is checked against the reference (CHECKSUM TABLE); the table reports medians of wall time, client CPU
# seconds and client peak RSS, and each contender's ratio to packload.
#
#   benchmarks/e2e/compare.sh DUMP.sql TABLE [ROUNDS]
#
# Needs: a MariaDB/MySQL at $HOST:$PORT (default 127.0.0.1:3306, root, no password), mariadb, mydumper, myloader,
# GNU time. Scratch databases are named pl_bench_* and dropped at the end.
set -euo pipefail
DUMP=$1; TABLE=$2; ROUNDS=${3:-3}
HOST=${HOST:-127.0.0.1}; PORT=${PORT:-3306}
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
M="mariadb -h$HOST -P$PORT -uroot"
WORK=$(mktemp -d)
trap '$M -e "DROP DATABASE IF EXISTS pl_bench_ref; DROP DATABASE IF EXISTS pl_bench_run" >/dev/null 2>&1; rm -rf "$WORK"' EXIT

# build once, outside the timed runs, and run a copy: edits to the tree during a run can't trigger a rebuild
"$ROOT/packload" --version >/dev/null
mkdir -p "$WORK/dist" && cp -r "$ROOT/loader/target/packload.jar" "$ROOT/loader/target/lib" "$WORK/dist/"
PACKLOAD="java ${PACKLOAD_JAVA_OPTS:--Xmx1g} -jar $WORK/dist/packload.jar"

echo "reference load (mariadb client), then mydumper output of it..." >&2
$M -e "DROP DATABASE IF EXISTS pl_bench_ref; CREATE DATABASE pl_bench_ref"
$M pl_bench_ref < "$DUMP"
REF=$($M -N -e "CHECKSUM TABLE pl_bench_ref.\`$TABLE\`" | awk '{print $2}')
mydumper -h "$HOST" -P "$PORT" -u root -B pl_bench_ref -T "$TABLE" -o "$WORK/mydumper" -r 100000 --trx-consistency-only >/dev/null 2>&1

run() { # name command...: prints "wall user sys maxrss_kb"
  local name=$1
  shift
  $M -e "DROP DATABASE IF EXISTS pl_bench_run; CREATE DATABASE pl_bench_run"
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >"$WORK/out" 2>&1 || { cat "$WORK/out" >&2; echo "FAILED: $*" >&2; exit 1; }
  local sum
  sum=$($M -N -e "CHECKSUM TABLE pl_bench_run.\`$TABLE\`" | awk '{print $2}')
  [ "$sum" = "$REF" ] || { echo "WRONG RESULT from $name: checksum $sum, expected $REF" >&2; exit 1; }
  cat "$WORK/time"
}

declare -A results
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS" >&2
  results[packload]+="$(run packload $PACKLOAD load -h "$HOST" -P "$PORT" -u root -D pl_bench_run --no-progress "$DUMP")"$'\n'
  results[mariadb]+="$(run mariadb sh -c "$M pl_bench_run < '$DUMP'")"$'\n'
  # myloader recreates the schema itself: drop the fresh database first so it can
  results[myloader]+="$(run myloader sh -c "$M -e 'DROP DATABASE pl_bench_run' && myloader -h $HOST -P $PORT -u root -d '$WORK/mydumper' -B pl_bench_run -t 2")"$'\n'
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
rows=$($M -N -e "SELECT COUNT(*) FROM pl_bench_ref.\`$TABLE\`")
bytes=$(stat -c %s "$DUMP")
pw=$(printf "%s" "${results[packload]}" | awk 'NF{print $1}' | median)
printf "%-10s %9s %12s %9s %12s %12s %10s\n" contender "wall s" "rows/s" "MB/s" "client CPU s" "peak RSS MB" "vs packload"
for c in packload mariadb myloader; do
  w=$(printf "%s" "${results[$c]}" | awk 'NF{print $1}' | median)
  cpu=$(printf "%s" "${results[$c]}" | awk 'NF{print $2 + $3}' | median)
  rss=$(printf "%s" "${results[$c]}" | awk 'NF{print $4}' | median)
  awk -v c="$c" -v w="$w" -v cpu="$cpu" -v rss="$rss" -v rows="$rows" -v bytes="$bytes" -v pw="$pw" 'BEGIN {
    printf "%-10s %9.1f %12.0f %9.1f %12.1f %12.0f %9.2fx\n", c, w, rows / w, bytes / w / 1048576, cpu, rss / 1024, w / pw }'
done
echo "($ROUNDS rounds, medians; dump $(basename "$DUMP"), $rows rows, $((bytes / 1048576)) MiB; client CPU for myloader and mariadb is the client process only)"
