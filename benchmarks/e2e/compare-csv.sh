#!/usr/bin/env bash
# CSV end to end: LOAD DATA LOCAL INFILE from the mariadb client, packload's INSERT path, packload --method
# load-data, and plain JDBC batching (JdbcBatchLoader: batches of 1000, rewriteBatchedStatements=true), on the same
# file, table and server, alternating for ROUNDS rounds (default 3); each result is checked with CHECKSUM TABLE
# against the first LOAD DATA (which must work). A contender that fails is reported as failed, and the script
# goes on. Prints a markdown table of medians with each contender's ratio to LOAD DATA.
#
#   benchmarks/e2e/compare-csv.sh [--contenders LIST] FILE.csv [ROUNDS]
#
#   --contenders LIST    comma-separated subset of load-data-client,packload-insert,packload-load-data,jdbc,
#                        jdbc-mariadb-bulk,packload-variant,packload-base (default: the first four; load-data-client always runs first,
#                        as the reference). packload-base is the INSERT path of the build in $PACKLOAD_BASE (made by
#                        build-base.sh from an earlier commit): an A/B of two builds. jdbc-mariadb-bulk is the same
#                        JDBC loader through MariaDB's Connector/J with useBulkStmts=true: batches of 1000 go as
#                        MariaDB's array binding (COM_STMT_BULK_EXECUTE), one connection, a commit every 100,000 rows. packload-variant is the
#                        INSERT path with the extra arguments in $PACKLOAD_VARIANT_ARGS (e.g. "--threads 1")
#
# The table is `narrow` (the shape of gen-narrow-csv.sh). Needs: a MariaDB/MySQL at $HOST:$PORT (default
# 127.0.0.1:3306, root, no password) with local_infile on, mariadb, GNU time, javac; see lib.sh for
# PACKLOAD_NO_BUILD and PACKLOAD_JAVA_OPTS. Scratch databases pl_bench_* are dropped at the end.
set -euo pipefail
LIST=load-data-client,packload-insert,packload-load-data,jdbc
if [ "${1:-}" = --contenders ]; then LIST=load-data-client,${2#load-data-client,}; shift 2; fi
[ $# -ge 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
CSV=$1; ROUNDS=${2:-3}
IFS=, read -r -a CONTENDERS <<<"$LIST"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
setup_packload
case ",$LIST," in *,jdbc,*|*,jdbc-mariadb-bulk,*) setup_jdbc ;; esac
read -r -a VARIANT_ARGS <<<"${PACKLOAD_VARIANT_ARGS:-}"
label=([load-data-client]="LOAD DATA LOCAL INFILE (mariadb client)" [packload-insert]="packload, INSERT path"
  [packload-load-data]="packload --method load-data" [jdbc]="JDBC batch 1000, rewriteBatchedStatements"
  [packload-variant]="packload ${PACKLOAD_VARIANT_ARGS:-}, INSERT path"
  [jdbc-mariadb-bulk]="JDBC batch 1000, commit 100000, MariaDB Connector/J useBulkStmts (array binding)"
  [packload-base]="packload at ${PACKLOAD_BASE:+$(cat "$PACKLOAD_BASE/commit" 2>/dev/null || echo base)}, INSERT path")
DDL="CREATE TABLE narrow (id BIGINT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(12,2), created DATETIME, note VARCHAR(64))"
fresh() { $M -e "DROP DATABASE IF EXISTS pl_bench_run; CREATE DATABASE pl_bench_run; USE pl_bench_run; $DDL"; }
REF=""
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS: ${CONTENDERS[*]}" >&2
  for c in "${CONTENDERS[@]}"; do
    fresh
    case $c in
      load-data-client)
        # shellcheck disable=SC2086 # $M is the client's command line
        timed_run load-data-client narrow "$REF" $M --local-infile=1 pl_bench_run -e "LOAD DATA LOCAL INFILE '$CSV'
          INTO TABLE narrow CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' IGNORE 1 LINES" >/dev/null
        REF=${REF:-$(echo "$LAST" | awk '{print $6}')}
        ROWS=$($M -N -e "SELECT COUNT(*) FROM pl_bench_run.narrow") ;;
      packload-insert) read -r -a journal <<<"$(journal_args "$PACKLOAD_DIST")"
        measure packload-insert narrow "$REF" "${PACKLOAD[@]}" load -h "$HOST" -P "$PORT" -u root \
        -D pl_bench_run --table narrow --no-progress "${journal[@]}" "$CSV" ;;
      packload-variant) read -r -a journal <<<"$(journal_args "$PACKLOAD_DIST")"
        measure packload-variant narrow "$REF" "${PACKLOAD[@]}" load -h "$HOST" -P "$PORT" -u root \
        -D pl_bench_run --table narrow --no-progress "${journal[@]}" "${VARIANT_ARGS[@]}" "$CSV" ;;
      packload-load-data) read -r -a journal <<<"$(journal_args "$PACKLOAD_DIST")"
        measure packload-load-data narrow "$REF" "${PACKLOAD[@]}" load -h "$HOST" -P "$PORT" -u root \
        -D pl_bench_run --table narrow --method load-data --no-progress "${journal[@]}" "$CSV" ;;
      packload-base) read -r -a journal <<<"$(journal_args "$PACKLOAD_BASE")"
        PACKLOAD_DIST=$PACKLOAD_BASE measure packload-base narrow "$REF" "${PACKLOAD[@]}" load -h "$HOST" -P "$PORT" \
        -u root -D pl_bench_run --table narrow --no-progress "${journal[@]}" "$CSV" ;;
      jdbc) measure jdbc narrow "$REF" "${JDBC_LOADER[@]}" "jdbc:mysql://$HOST:$PORT/pl_bench_run?user=root" narrow "$CSV" ;;
      jdbc-mariadb-bulk) measure jdbc-mariadb-bulk narrow "$REF" "${JDBC_MARIADB_LOADER[@]}" \
        "jdbc:mariadb://$HOST:$PORT/pl_bench_run?user=root&useBulkStmts=true&rewriteBatchedStatements=false" narrow "$CSV" 1000 100000 ;;
      *) echo "compare-csv.sh: unknown contender $c" >&2; exit 2 ;;
    esac
  done
done
bytes=$(stat -c %s "$CSV")
report load-data-client "vs LOAD DATA" "$ROWS" "$bytes" "${CONTENDERS[@]}"
echo "($ROUNDS rounds, medians; $(basename "$CSV"), $ROWS rows, $((bytes / 1048576)) MiB)"
