#!/usr/bin/env bash
# resume-cost.sh [ROWS] [ROUNDS] [PACKLOAD OPTION...]: what resuming an interrupted load costs against a full load.
# On a mariadb-dump of ROWS narrow rows (gen-narrow.sh, default 1000000), each round (default 3) times a full load
# into a fresh database, then starts the same load again on a fresh database and journal, kills it with SIGKILL once
# 90% of the rows were sent (the highest id in the table, read uncommitted), and times the same command once more,
# which resumes from the journal. Both results are checked against the source's CHECKSUM TABLE. Prints one line per
# round (full, rows committed at the kill, resume, resume/full) and the medians. Extra arguments go to every packload
# run (e.g. --commit-bytes 4M).
# With DATA set, the dump is kept there as narrow-ROWS-mariadb-dump.sql (as compare-all.sh names it) and reused.
# Needs the server at $HOST:$PORT (default 127.0.0.1:3306, root, no password) and mariadb-dump; see lib.sh.
set -euo pipefail
ROWS=${1:-1000000}; ROUNDS=${2:-3}
shift $(( $# < 2 ? $# : 2 ))
EXTRA=("$@")
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
setup_packload
bench_db pl_bench_src_narrow pl_bench_journal
DATA=${DATA:-$WORK}
DUMP="$DATA/narrow-$ROWS-mariadb-dump.sql"
if [ ! -f "$DUMP" ]; then
  "$(dirname "$0")/gen-narrow.sh" "$ROWS" | dump_source pl_bench_src_narrow >"$DUMP.tmp"
  mv "$DUMP.tmp" "$DUMP"
fi
$M -e "DROP DATABASE IF EXISTS pl_bench_src_narrow; CREATE DATABASE pl_bench_src_narrow"
$M pl_bench_src_narrow <"$DUMP"
REF=$(checksum pl_bench_src_narrow narrow)
fresh() { $M -e "DROP DATABASE IF EXISTS pl_bench_run; DROP DATABASE IF EXISTS pl_bench_journal; CREATE DATABASE pl_bench_run"; }
load=("${PACKLOAD[@]}" load -h "$HOST" -P "$PORT" -u root -D pl_bench_run --no-progress --journal-schema pl_bench_journal
  "${EXTRA[@]}" "$DUMP")
now() { date +%s.%N; }
check() { [ "$(checksum pl_bench_run narrow)" = "$REF" ] || { echo "resume-cost.sh: $1 loaded something else" >&2; exit 1; }; }

run_header
echo "dump: $ROWS narrow rows, $(($(stat -c %s "$DUMP") / 1048576)) MiB (mariadb-dump); packload ${EXTRA[*]:-(defaults)}"
echo "round  full_s  committed_at_kill  resume_s  resume/full"
fulls=(); resumes=(); ratios=()
for r in $(seq 1 "$ROUNDS"); do
  fresh
  wait_server_idle
  t0=$(now); "${load[@]}" >"$WORK/full.out" 2>&1 || { cat "$WORK/full.out" >&2; exit 1; }; t1=$(now)
  check "the full load"
  full=$(echo "$t1 - $t0" | bc)
  fresh
  wait_server_idle
  "${load[@]}" >"$WORK/killed.out" 2>&1 &
  pid=$!
  # 90% of the rows sent (the highest id written, committed or not), polled from a client session
  until [ "$($M -N -e "SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;
      SELECT COALESCE(MAX(id), 0) FROM pl_bench_run.narrow" 2>/dev/null || echo 0)" -ge $((ROWS * 9 / 10)) ]; do
    kill -0 "$pid" 2>/dev/null || { echo "resume-cost.sh: the load ended before 90% was seen" >&2; exit 1; }
    sleep 0.02
  done
  pkill -KILL -P "$pid" java 2>/dev/null || true # the launcher's JVM
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  committed=$($M -N -e "SELECT COALESCE(SUM(rows_loaded), 0) FROM pl_bench_journal.packload_chunks" 2>/dev/null || echo 0)
  wait_server_idle
  t0=$(now); "${load[@]}" >"$WORK/resume.out" 2>&1 || { cat "$WORK/resume.out" >&2; exit 1; }; t1=$(now)
  check "the resumed load"
  grep -q "resuming job" "$WORK/resume.out" || { echo "resume-cost.sh: the second run did not resume" >&2; exit 1; }
  resume=$(echo "$t1 - $t0" | bc)
  ratio=$(echo "scale=3; $resume / $full" | bc)
  printf "%5d  %6.2f  %17s  %8.2f  %11s\n" "$r" "$full" "$((committed * 100 / ROWS))%" "$resume" "$ratio"
  fulls+=("$full"); resumes+=("$resume"); ratios+=("$ratio")
done
printf "median  %6.2f  %17s  %8.2f  %11s\n" "$(printf '%s\n' "${fulls[@]}" | median)" "" \
  "$(printf '%s\n' "${resumes[@]}" | median)" "$(printf '%s\n' "${ratios[@]}" | median)"
