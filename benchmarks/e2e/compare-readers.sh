#!/usr/bin/env bash
# --readers on an input of several files: packload with --readers 1 and with each N given, alternating, ROUNDS rounds,
# each a load into a fresh database checked against the first run's CHECKSUM TABLE; prints a markdown table of medians
# with each setting's ratio to --readers 1.
#
#   benchmarks/e2e/compare-readers.sh INPUT ROUNDS N...
#
# INPUT is a directory of CSV files of gen-narrow-csv.sh's rows (each with the header; they load into `narrow`, which
# this script creates) or a mydumper directory of the same rows (gen-narrow.sh's dump loaded into a database, then
# `mydumper -B DB -o DIR --sync-thread-lock-mode NO_LOCK -r 100000`, -c for the compressed case). Needs what lib.sh
# needs; scratch databases pl_bench_* are dropped at the end.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
INPUT=$(realpath "$1"); ROUNDS=$2
shift 2
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
setup_packload
CONTENDERS=(readers-1)
for n in "$@"; do CONTENDERS+=("readers-$n"); label[readers-$n]="packload --readers $n"; done
label[readers-1]="packload --readers 1"
DDL="CREATE TABLE narrow (id BIGINT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(12,2), created DATETIME, note VARCHAR(64))"
fresh() {
  $M -e "DROP DATABASE IF EXISTS pl_bench_run; CREATE DATABASE pl_bench_run"
  if compgen -G "$INPUT/*.csv" >/dev/null; then $M pl_bench_run -e "$DDL"; fi
}
REF=""
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS: ${CONTENDERS[*]}" >&2
  for c in "${CONTENDERS[@]}"; do
    fresh
    measure "$c" narrow "$REF" "${PACKLOAD[@]}" load -h "$HOST" -P "$PORT" -u root -D pl_bench_run --no-journal \
      --no-progress --readers "${c#readers-}" "$INPUT"
    case $LAST in failed*) ;; *) REF=${REF:-$(echo "$LAST" | awk '{print $6}')} ;; esac
  done
done
ROWS=$($M -N -e "SELECT COUNT(*) FROM pl_bench_run.narrow")
bytes=$(du -sb "$INPUT" | cut -f1)
report readers-1 "vs --readers 1" "$ROWS" "$bytes" "${CONTENDERS[@]}"
echo "($ROUNDS rounds, medians; $(basename "$INPUT"), $ROWS rows, $((bytes / 1048576)) MiB)"
