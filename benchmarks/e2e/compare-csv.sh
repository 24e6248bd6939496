#!/usr/bin/env bash
# CSV end to end: packload's INSERT path, packload --method load-data, and LOAD DATA LOCAL INFILE from the mariadb
# client, on the same file, table and server, alternating for ROUNDS rounds; each result checked with CHECKSUM TABLE.
#
#   benchmarks/e2e/compare-csv.sh FILE.csv [ROUNDS]
#
# The table is `narrow` (the shape of gen-narrow-csv.sh). Scratch databases pl_bench_* are dropped at the end.
set -euo pipefail
CSV=$1; ROUNDS=${2:-3}
source "$(dirname "$0")/lib.sh"
DDL="CREATE TABLE narrow (id BIGINT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(12,2), created DATETIME, note VARCHAR(64))"
fresh() { $M -e "DROP DATABASE IF EXISTS pl_bench_run; CREATE DATABASE pl_bench_run; USE pl_bench_run; $DDL"; }
REF=""
declare -A results
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS" >&2
  fresh
  out=$(timed_run load-data-client narrow "$REF" $M --local-infile=1 pl_bench_run -e "LOAD DATA LOCAL INFILE '$CSV' INTO TABLE narrow CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' IGNORE 1 LINES")
  REF=${REF:-$(echo "$out" | awk '{print $5}')}
  results[load-data-client]+="$out"$'\n'
  fresh
  results[packload-insert]+="$(timed_run packload-insert narrow "$REF" $PACKLOAD load -h "$HOST" -P "$PORT" -u root -D pl_bench_run --table narrow --no-progress "$CSV")"$'\n'
  fresh
  results[packload-load-data]+="$(timed_run packload-load-data narrow "$REF" $PACKLOAD load -h "$HOST" -P "$PORT" -u root -D pl_bench_run --table narrow --method load-data --no-progress "$CSV")"$'\n'
done
rows=$($M -N -e "SELECT COUNT(*) FROM pl_bench_run.narrow")
bytes=$(stat -c %s "$CSV")
report load-data-client "vs LOAD DATA" "$rows" "$bytes" load-data-client packload-insert packload-load-data
echo "($ROUNDS rounds, medians; $(basename "$CSV"), $rows rows, $((bytes / 1048576)) MiB)"
