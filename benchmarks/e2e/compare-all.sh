#!/usr/bin/env bash
# The whole end-to-end comparison in one command: generates the deterministic data sets, loads each with every
# contender into a fresh database on the same server (alternating contenders, ROUNDS rounds, medians, every load
# checked against the reference), and prints a markdown table per shape:
#
#   (a)  narrow rows (~100 bytes): the generator's dump and a real mariadb-dump of it; packload, packload sending
#        text INSERTs only (--prepared-rows 0), `mariadb < dump`, myloader, plain JDBC batching (on a CSV of the same
#        rows); then the CSV itself: LOAD DATA LOCAL INFILE,
#        packload's INSERT path, packload --method load-data, plain JDBC batching, and the same JDBC loader through
#        MariaDB's Connector/J with its array binding (jdbc-mariadb-bulk)
#   (b)  BLOB-heavy: rows of 100 KiB to 8 MiB of binary data, a real mariadb-dump (gen-blobs.sh)
#   (c)  many small tables, one mariadb-dump (gen-tables.sh)
#   (d)  a mariadb-dump whose INSERTs were joined into statements over max_allowed_packet (gen-wide.sh,
#        join-inserts.sh): `mariadb < dump` fails, and is reported as failed
#   (e)  the narrow rows with an email column and three secondary indexes, (email), (created) and (amount, name)
#        (gen-indexed.sh), through a real mariadb-dump: packload building the indexes with the table
#        (--defer-indexes off) against packload's default (after the rows), `mariadb < dump`, myloader, and a
#        myloader 1.x binary when MYLOADER1 names one (with MYDUMPER1, on that mydumper's output)
#   (f)  an employees-like database in test_db's layout: a schema file that `source`s its data files, 6 tables with
#        composite keys and foreign keys, ~3.9M rows (gen-employees.sh); packload, `mariadb < employees.sql` run from
#        its folder, myloader
#   scaling: packload (and myloader) on the narrow shape at 0.1x, 1x and 4x (scale.sh)
#
#   benchmarks/e2e/compare-all.sh [--quick] [--rounds N] [--only LIST] [--data DIR]
#
#   --quick        smaller data sets and 1 round (a smoke run; about a tenth of the full sizes)
#   --rounds N     rounds per comparison (default 3, 1 with --quick)
#   --only LIST    comma-separated subset of a,csv,b,c,d,e,f,scale (default: all)
#   --data DIR     keep the generated data sets in DIR and reuse them on the next run (default: a scratch
#                  directory, removed at the end). Files are named after their size, and are deterministic.
#
# Sizes (full / --quick), each overridable from the environment: NARROW_ROWS (1000000 / 100000, also shape (e)'s
# rows), BLOB_ROWS (2000 /
# 200, ~3.8 GB / ~380 MB of dump), TABLE_COUNT (1000 / 100, TABLE_ROWS 100 rows each), WIDE_ROWS (20000 / 4000,
# ~11 KB rows) joined into JOIN_MIB (40) MiB statements, SCALE_ROWS ("100000 1000000 4000000" / "10000 100000
# 400000").
#
# With PACKLOAD_BASE (a build from build-base.sh) shapes (a), (b), (c) and the CSV also run that build as
# packload-base, an A/B of two builds; with MYLOADER1 (and MYDUMPER1) shapes (a), (b) and (c) also run that myloader
# 1.x as myloader1 ((e) always asks for it).
#
# Needs: a MariaDB 10.x at $HOST:$PORT (default 127.0.0.1:3306, root, no password, local_infile on), mariadb,
# mariadb-dump, mydumper, myloader, GNU time, a JDK (javac), and the built packload (see lib.sh for
# PACKLOAD_NO_BUILD and PACKLOAD_JAVA_OPTS); at full size ~9 GB of scratch disk (data sets, mydumper output) and
# ~12 GB in the server's datadir. Scratch databases are named pl_bench_* and dropped at the end. Progress goes to
# stderr. Full run: roughly 35-45 minutes on a 2-core machine, most of it shape (b); --quick: about 5 minutes.
set -euo pipefail
QUICK=0; ROUNDS=""; ONLY=a,csv,b,c,d,e,f,scale; DATA=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1; shift ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
if [ "$QUICK" = 1 ]; then
  ROUNDS=${ROUNDS:-1}; NARROW_ROWS=${NARROW_ROWS:-100000}; BLOB_ROWS=${BLOB_ROWS:-200}; TABLE_COUNT=${TABLE_COUNT:-100}
  WIDE_ROWS=${WIDE_ROWS:-4000}; SCALE_ROWS=${SCALE_ROWS:-10000 100000 400000}; EMPLOYEES=${EMPLOYEES:-30000}
else
  ROUNDS=${ROUNDS:-3}; NARROW_ROWS=${NARROW_ROWS:-1000000}; BLOB_ROWS=${BLOB_ROWS:-2000}; TABLE_COUNT=${TABLE_COUNT:-1000}
  WIDE_ROWS=${WIDE_ROWS:-20000}; SCALE_ROWS=${SCALE_ROWS:-100000 1000000 4000000}; EMPLOYEES=${EMPLOYEES:-300000}
fi
TABLE_ROWS=${TABLE_ROWS:-100}; JOIN_MIB=${JOIN_MIB:-40}
HERE="$(cd "$(dirname "$0")" && pwd)"
E2E=benchmarks/e2e # as the commands are shown
# shellcheck source=lib.sh
source "$HERE/lib.sh"
setup_packload
setup_jdbc
export PACKLOAD_DIST JDBC_CLASSES # the shapes' scripts share this copy of the jar and the compiled JDBC loader
bench_db pl_bench_src_narrow pl_bench_src_indexed
DATA=${DATA:-$WORK/data}
mkdir -p "$DATA"

# gen FILE COMMAND...: writes FILE with COMMAND's output, unless FILE is there from an earlier run
gen() {
  local out=$1
  shift
  [ -f "$out" ] && return
  echo "generating $(basename "$out")..." >&2
  "$@" >"$out.tmp"
  mv "$out.tmp" "$out"
}
# the generator's narrow rows through a real mariadb-dump (header, SET UNIQUE_CHECKS=0, ~1 MB extended INSERTs)
redump() { dump_source pl_bench_src_narrow <"$1"; }
redump_indexed() { dump_source pl_bench_src_indexed <"$1"; }
join_big() { "$HERE/join-inserts.sh" "$JOIN_MIB" <"$1"; }
# shape TITLE SCRIPT ARGS...: a heading, the command, then the script's table; a script that fails is reported
shape() {
  local title=$1 script=$2
  shift 2
  local shown="$E2E/$script" arg
  for arg in "$@"; do
    arg=$(printf '%q' "$arg")
    shown+=" ${arg/#"$DATA"/\$DATA}"
  done
  printf "\n### %s\n\n\`%s\`\n\n" "$title" "$shown"
  "$HERE/$script" "$@" || echo "**$script failed (exit $?)**: see the messages above"
}
want() { case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

echo "## End-to-end comparison$([ "$QUICK" = 1 ] && echo " (--quick)"), $ROUNDS round(s)"
echo
run_header
if [ "$DATA" = "$WORK/data" ]; then echo "DATA: a scratch directory, removed at the end"; else echo "DATA=$DATA"; fi
n=$NARROW_ROWS
EXTRA=""
[ -z "${PACKLOAD_BASE:-}" ] || EXTRA+=",packload-base"
[ -z "${MYLOADER1:-}" ] || EXTRA+=",myloader1"
CSV_EXTRA=""
[ -z "${PACKLOAD_BASE:-}" ] || CSV_EXTRA=",packload-base"
if want a || want csv; then
  gen "$DATA/narrow-$n.csv" "$HERE/gen-narrow-csv.sh" "$n"
fi
if want a; then
  gen "$DATA/narrow-$n.sql" "$HERE/gen-narrow.sh" "$n"
  gen "$DATA/narrow-$n-mariadb-dump.sql" redump "$DATA/narrow-$n.sql"
  shape "Shape (a): $n narrow rows, generator dump" compare.sh --jdbc-csv "$DATA/narrow-$n.csv" \
    --contenders "packload,packload-text,mariadb,myloader,jdbc$EXTRA" "$DATA/narrow-$n.sql" narrow "$ROUNDS"
  shape "Shape (a): the same rows through mariadb-dump" compare.sh --jdbc-csv "$DATA/narrow-$n.csv" \
    --contenders "packload,packload-text,mariadb,myloader,jdbc$EXTRA" "$DATA/narrow-$n-mariadb-dump.sql" narrow \
    "$ROUNDS"
fi
if want csv; then
  shape "Shape (a), CSV: the same $n rows as RFC 4180 CSV" compare-csv.sh \
    --contenders "load-data-client,packload-insert,packload-load-data,jdbc,jdbc-mariadb-bulk$CSV_EXTRA" "$DATA/narrow-$n.csv" "$ROUNDS"
fi
if want b; then
  gen "$DATA/blobs-$BLOB_ROWS.sql" "$HERE/gen-blobs.sh" "$BLOB_ROWS"
  shape "Shape (b): $BLOB_ROWS BLOB rows of 100 KiB to 8 MiB (mariadb-dump)" compare.sh \
    --contenders "packload,packload-text,mariadb,myloader$EXTRA" --chunk-rows $(((BLOB_ROWS + 19) / 20)) \
    "$DATA/blobs-$BLOB_ROWS.sql" blobs "$ROUNDS"
fi
if want c; then
  gen "$DATA/tables-${TABLE_COUNT}x$TABLE_ROWS.sql" "$HERE/gen-tables.sh" "$TABLE_COUNT" "$TABLE_ROWS"
  shape "Shape (c): $TABLE_COUNT tables of $TABLE_ROWS rows (one mariadb-dump)" compare.sh \
    --contenders "packload,mariadb,myloader$EXTRA" "$DATA/tables-${TABLE_COUNT}x$TABLE_ROWS.sql" '*' "$ROUNDS"
fi
if want d; then
  gen "$DATA/wide-$WIDE_ROWS.sql" "$HERE/gen-wide.sh" "$WIDE_ROWS"
  gen "$DATA/wide-$WIDE_ROWS-join$JOIN_MIB.sql" join_big "$DATA/wide-$WIDE_ROWS.sql"
  shape "Shape (d): $WIDE_ROWS rows in INSERTs of ~$JOIN_MIB MiB, over max_allowed_packet" compare.sh \
    --ref-dump "$DATA/wide-$WIDE_ROWS.sql" "$DATA/wide-$WIDE_ROWS-join$JOIN_MIB.sql" wide "$ROUNDS"
  echo "(reference: the same table's plain mariadb-dump, loaded by the mariadb client; myloader loads mydumper's"
  echo "output of it, whose statements mydumper sizes itself, ~1 MB)"
fi
if want e; then
  gen "$DATA/indexed-$n.sql" "$HERE/gen-indexed.sh" "$n"
  gen "$DATA/indexed-$n-mariadb-dump.sql" redump_indexed "$DATA/indexed-$n.sql"
  shape "Shape (e): $n narrow rows with three secondary indexes (mariadb-dump)" compare.sh \
    --contenders packload-eager,packload,mariadb,myloader,myloader1 "$DATA/indexed-$n-mariadb-dump.sql" narrow_idx \
    "$ROUNDS"
fi
if want f; then
  [ -f "$DATA/employees-$EMPLOYEES/employees.sql" ] || "$HERE/gen-employees.sh" "$DATA/employees-$EMPLOYEES" "$EMPLOYEES"
  shape "Shape (f): an employees-like database, $EMPLOYEES employees (a schema file that sources its data)" \
    compare.sh --contenders "packload,mariadb,myloader$EXTRA" "$DATA/employees-$EMPLOYEES/employees.sql" '*' "$ROUNDS"
fi
if want scale; then
  # shellcheck disable=SC2086 # SCALE_ROWS is a list of sizes
  shape "Scaling: narrow rows, packload and myloader" scale.sh --rounds "$ROUNDS" --data "$DATA" $SCALE_ROWS
fi
echo
echo "finished $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
