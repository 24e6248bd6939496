#!/usr/bin/env bash
# End-to-end comparison on one dump: packload vs `mariadb < dump` vs myloader (on mydumper output of the same
# data), and optionally plain JDBC batching on a CSV of the same rows, each into a fresh database on the same
# server, alternating contenders (A B C A B C ...) for ROUNDS rounds (default 3). Every run is checked against the
# reference (CHECKSUM TABLE of TABLE, or of every table for '*'); a contender that fails or loads something else is
# reported as failed, and the script goes on. Prints a markdown table of medians: wall time, rows/s, MB/s (of the
# dump), client CPU seconds, client peak RSS, and each contender's ratio to packload.
#
#   benchmarks/e2e/compare.sh [OPTIONS] DUMP.sql TABLE [ROUNDS]
#
#   --ref-dump FILE      build the reference from FILE instead of DUMP (for a DUMP the mariadb client can't load)
#   --jdbc-csv FILE      add the JDBC contender (JdbcBatchLoader), reading FILE: a CSV with a header row of the
#                        same rows as TABLE (e.g. gen-narrow-csv.sh output for gen-narrow.sh's dump)
#   --contenders LIST    comma-separated subset of packload,packload-text,packload-variant,packload-base,mariadb,
#                        myloader,jdbc. Default: packload, mariadb, myloader and (with --jdbc-csv) jdbc. The others:
#                          packload-text     packload sending every INSERT as text (--prepared-rows 0)
#                          packload-variant  packload with the extra arguments in $PACKLOAD_VARIANT_ARGS
#                                            (e.g. "--threads 1")
#                          packload-base     the build in $PACKLOAD_BASE (made by build-base.sh from an earlier
#                                            commit), run as packload is: an A/B of two builds
#   --chunk-rows N       mydumper's --rows for the myloader input (default 100000)
#   --input TEXT         add a first column "input" saying TEXT, and no closing note
#   --no-header          table rows only, to extend an earlier table
#
# The reference is DUMP (or --ref-dump) loaded by the mariadb client into pl_bench_ref; mydumper dumps it for
# myloader (-t 2), and myloader's timing covers only the load. Needs: a MariaDB/MySQL at $HOST:$PORT (default
# 127.0.0.1:3306, root, no password), mariadb, mydumper, myloader, GNU time, and javac for the JDBC contender; see
# lib.sh for PACKLOAD_NO_BUILD and PACKLOAD_JAVA_OPTS. Scratch databases pl_bench_* are dropped at the end.
set -euo pipefail
REF_DUMP=""; JDBC_CSV=""; LIST=""; CHUNK_ROWS=100000; INPUT=""; HEADER=1
while [ $# -gt 0 ]; do
  case $1 in
    --ref-dump) REF_DUMP=$2; shift 2 ;;
    --jdbc-csv) JDBC_CSV=$2; shift 2 ;;
    --contenders) LIST=$2; shift 2 ;;
    --chunk-rows) CHUNK_ROWS=$2; shift 2 ;;
    --input) INPUT=$2; shift 2 ;;
    --no-header) HEADER=0; shift ;;
    -*) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
DUMP=$1; TABLE=$2; ROUNDS=${3:-3}
LIST=${LIST:-packload,mariadb,myloader${JDBC_CSV:+,jdbc}}
IFS=, read -r -a CONTENDERS <<<"$LIST"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
setup_packload
case ",$LIST," in *,jdbc,*)
  if [ -z "$JDBC_CSV" ] || [ "$TABLE" = '*' ]; then echo "compare.sh: jdbc needs --jdbc-csv and one TABLE" >&2; exit 2; fi
  setup_jdbc ;;
esac
case ",$LIST," in *,packload-variant,*)
  [ -n "${PACKLOAD_VARIANT_ARGS:-}" ] || { echo "compare.sh: packload-variant needs PACKLOAD_VARIANT_ARGS" >&2; exit 2; } ;;
esac
read -r -a VARIANT_ARGS <<<"${PACKLOAD_VARIANT_ARGS:-}"
case ",$LIST," in *,packload-base,*)
  [ -n "${PACKLOAD_BASE:-}" ] || { echo "compare.sh: packload-base needs PACKLOAD_BASE (see build-base.sh)" >&2; exit 2; } ;;
esac
label=([packload]="packload" [packload-text]="packload --prepared-rows 0 (text INSERTs)" [mariadb]="mariadb < dump" [myloader]="myloader -t 2 (mydumper output)"
  [jdbc]="JDBC batch 1000, rewriteBatchedStatements (CSV)"
  [packload-variant]="packload ${PACKLOAD_VARIANT_ARGS:-}"
  [packload-base]="packload at $(cat "${PACKLOAD_BASE:-/nonexistent}/commit" 2>/dev/null || echo "${PACKLOAD_BASE:-?}")")

echo "reference load (mariadb client) of $(basename "${REF_DUMP:-$DUMP}")..." >&2
$M -e "DROP DATABASE IF EXISTS pl_bench_ref; CREATE DATABASE pl_bench_ref"
$M pl_bench_ref <"${REF_DUMP:-$DUMP}" >"$WORK/ref.out" 2>&1 || { first_error "$WORK/ref.out" "?" >&2; echo >&2; exit 1; }
REF=$(checksum pl_bench_ref "$TABLE")
ROWS=$(row_count pl_bench_ref "$TABLE")
case ",$LIST," in *,myloader,*)
  tables=(); [ "$TABLE" = '*' ] || tables=(-T "$TABLE")
  mydumper -h "$HOST" -P "$PORT" -u root -B pl_bench_ref "${tables[@]}" -o "$WORK/mydumper" -r "$CHUNK_ROWS" \
    --trx-consistency-only >"$WORK/mydumper.out" 2>&1 || { cat "$WORK/mydumper.out" >&2; exit 1; } ;;
esac

fresh() { $M -e "DROP DATABASE IF EXISTS pl_bench_run; DROP DATABASE IF EXISTS pl_bench_journal; CREATE DATABASE pl_bench_run"; }
# packload_run NAME [OPTION...]: one timed packload load of DUMP into pl_bench_run, with the extra options
packload_run() {
  local name=$1
  shift
  measure "$name" "$TABLE" "$REF" "${PACKLOAD[@]}" load -h "$HOST" -P "$PORT" -u root -D pl_bench_run --no-progress \
    "${JOURNAL_ARGS[@]}" "$@" "$DUMP"
}
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS: ${CONTENDERS[*]}" >&2
  for c in "${CONTENDERS[@]}"; do
    fresh
    case $c in
      packload) packload_run packload ;;
      packload-text) packload_run packload-text --prepared-rows 0 ;;
      packload-variant) packload_run packload-variant "${VARIANT_ARGS[@]}" ;;
      # the launcher runs the jar in PACKLOAD_DIST (exported by setup_packload): here the earlier build's copy
      packload-base) PACKLOAD_DIST=$PACKLOAD_BASE packload_run packload-base ;;
      mariadb) measure mariadb "$TABLE" "$REF" sh -c "$M pl_bench_run < '$DUMP'" ;;
      # myloader recreates the schema itself: drop the fresh database first so it can
      myloader) $M -e 'DROP DATABASE pl_bench_run'
        measure myloader "$TABLE" "$REF" myloader -h "$HOST" -P "$PORT" -u root -d "$WORK/mydumper" -B pl_bench_run -t 2 ;;
      # the table is created outside the timing, as the obvious loader expects it to exist
      jdbc) $M -e "CREATE TABLE pl_bench_run.\`$TABLE\` LIKE pl_bench_ref.\`$TABLE\`"
        measure jdbc "$TABLE" "$REF" "${JDBC_LOADER[@]}" "jdbc:mysql://$HOST:$PORT/pl_bench_run?user=root" "$TABLE" "$JDBC_CSV" ;;
      *) echo "compare.sh: unknown contender $c" >&2; exit 2 ;;
    esac
  done
done

bytes=$(stat -c %s "$DUMP")
first=${CONTENDERS[0]}
[ -z "$INPUT" ] || REPORT_INPUT=$INPUT
REPORT_HEADER=$HEADER report "$first" "vs $first" "$ROWS" "$bytes" "${CONTENDERS[@]}"
[ "$HEADER" = 0 ] || [ -n "$INPUT" ] || echo "($ROUNDS rounds, medians; dump $(basename "$DUMP"): $ROWS rows in $([ "$TABLE" = '*' ] \
  && echo "$($M -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'pl_bench_ref'") tables" \
  || echo "\`$TABLE\`"), $((bytes / 1048576)) MiB; MB/s = MiB of the dump per second; client CPU and RSS are the client process's only)"
