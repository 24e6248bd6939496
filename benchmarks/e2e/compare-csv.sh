#!/usr/bin/env bash
# CSV end to end: packload's INSERT path, packload --method load-data, and LOAD DATA LOCAL INFILE from the mariadb
# client, on the same file, table and server, alternating for ROUNDS rounds; each result checked with CHECKSUM TABLE.
#
#   benchmarks/e2e/compare-csv.sh FILE.csv [ROUNDS]
#
# The table is `narrow` (the shape of gen-narrow-csv.sh). Scratch databases pl_bench_* are dropped at the end.
set -euo pipefail
CSV=$1; ROUNDS=${2:-3}
HOST=${HOST:-127.0.0.1}; PORT=${PORT:-3306}
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
M="mariadb -h$HOST -P$PORT -uroot"
WORK=$(mktemp -d)
trap '$M -e "DROP DATABASE IF EXISTS pl_bench_run" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
"$ROOT/packload" --version >/dev/null
mkdir -p "$WORK/dist" && cp -r "$ROOT/loader/target/packload.jar" "$ROOT/loader/target/lib" "$WORK/dist/"
PACKLOAD="java ${PACKLOAD_JAVA_OPTS:--Xmx1g} -jar $WORK/dist/packload.jar"
DDL="CREATE TABLE narrow (id BIGINT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(12,2), created DATETIME, note VARCHAR(64))"
REF=""
run() {
  local name=$1
  shift
  $M -e "DROP DATABASE IF EXISTS pl_bench_run; CREATE DATABASE pl_bench_run; USE pl_bench_run; $DDL"
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >"$WORK/out" 2>&1 || { cat "$WORK/out" >&2; echo "FAILED: $name" >&2; exit 1; }
  local sum
  sum=$($M -N -e "CHECKSUM TABLE pl_bench_run.narrow" | awk '{print $2}')
  [ -z "$REF" ] && REF=$sum
  [ "$sum" = "$REF" ] || { echo "WRONG RESULT from $name: checksum $sum, expected $REF" >&2; exit 1; }
  cat "$WORK/time"
}
declare -A results
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS" >&2
  results[load-data-client]+="$(run load-data-client $M --local-infile=1 pl_bench_run -e "LOAD DATA LOCAL INFILE '$CSV' INTO TABLE narrow CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' IGNORE 1 LINES")"$'\n'
  results[packload-insert]+="$(run packload-insert $PACKLOAD load -h "$HOST" -P "$PORT" -u root -D pl_bench_run --table narrow --no-progress "$CSV")"$'\n'
  results[packload-load-data]+="$(run packload-load-data $PACKLOAD load -h "$HOST" -P "$PORT" -u root -D pl_bench_run --table narrow --method load-data --no-progress "$CSV")"$'\n'
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
rows=$($M -N -e "SELECT COUNT(*) FROM pl_bench_run.narrow")
bytes=$(stat -c %s "$CSV")
ref=$(printf "%s" "${results[load-data-client]}" | awk 'NF{print $1}' | median)
printf "%-20s %9s %12s %9s %12s %12s %16s\n" contender "wall s" "rows/s" "MB/s" "client CPU s" "peak RSS MB" "vs LOAD DATA"
for c in load-data-client packload-insert packload-load-data; do
  w=$(printf "%s" "${results[$c]}" | awk 'NF{print $1}' | median)
  cpu=$(printf "%s" "${results[$c]}" | awk 'NF{print $2 + $3}' | median)
  rss=$(printf "%s" "${results[$c]}" | awk 'NF{print $4}' | median)
  awk -v c="$c" -v w="$w" -v cpu="$cpu" -v rss="$rss" -v rows="$rows" -v bytes="$bytes" -v ref="$ref" 'BEGIN {
    printf "%-20s %9.1f %12.0f %9.1f %12.1f %12.0f %15.2fx\n", c, w, rows / w, bytes / w / 1048576, cpu, rss / 1024, w / ref }'
done
echo "($ROUNDS rounds, medians; $(basename "$CSV"), $rows rows, $((bytes / 1048576)) MiB)"
