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
source "$(dirname "$0")/lib.sh"

echo "reference load (mariadb client), then mydumper output of it..." >&2
$M -e "DROP DATABASE IF EXISTS pl_bench_ref; CREATE DATABASE pl_bench_ref"
$M pl_bench_ref < "$DUMP"
REF=$($M -N -e "CHECKSUM TABLE pl_bench_ref.\`$TABLE\`" | awk '{print $2}')
mydumper -h "$HOST" -P "$PORT" -u root -B pl_bench_ref -T "$TABLE" -o "$WORK/mydumper" -r 100000 --trx-consistency-only >/dev/null 2>&1

fresh() { $M -e "DROP DATABASE IF EXISTS pl_bench_run; CREATE DATABASE pl_bench_run"; }
declare -A results
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS" >&2
  fresh
  results[packload]+="$(timed_run packload "$TABLE" "$REF" $PACKLOAD load -h "$HOST" -P "$PORT" -u root -D pl_bench_run --no-progress "$DUMP")"$'\n'
  fresh
  results[mariadb]+="$(timed_run mariadb "$TABLE" "$REF" sh -c "$M pl_bench_run < '$DUMP'")"$'\n'
  # myloader recreates the schema itself: drop the fresh database first so it can
  fresh
  results[myloader]+="$(timed_run myloader "$TABLE" "$REF" sh -c "$M -e 'DROP DATABASE pl_bench_run' && myloader -h $HOST -P $PORT -u root -d '$WORK/mydumper' -B pl_bench_run -t 2")"$'\n'
done

rows=$($M -N -e "SELECT COUNT(*) FROM pl_bench_ref.\`$TABLE\`")
bytes=$(stat -c %s "$DUMP")
report packload "vs packload" "$rows" "$bytes" packload mariadb myloader
echo "($ROUNDS rounds, medians; dump $(basename "$DUMP"), $rows rows, $((bytes / 1048576)) MiB; client CPU for myloader and mariadb is the client process only)"
