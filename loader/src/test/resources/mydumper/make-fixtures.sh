#!/usr/bin/env bash
# Regenerates every case under this folder from a live MariaDB and records what myloader does with each case.
#
#   make-fixtures.sh NEW_BIN_DIR
#
# NEW_BIN_DIR holds mydumper and myloader 1.0 (built elsewhere: this repository holds no mydumper code or recipe).
# mydumper and myloader 0.10 come from Debian's package `mydumper` (on PATH). The server is the shared MariaDB at
# 127.0.0.1:3306 (root, no password). Every database this script makes has a random suffix and is dropped at exit;
# no global variable is read or changed; the dumps use no lock (NO_LOCK / -k), since the sources are not written
# while they are dumped.
#
# Per case it writes: <case>/dump/ (the output directory exactly as mydumper wrote it), <case>/expected/ (from the
# source database: tables.tsv and objects.tsv, see README.md), <case>/myloader-check.md (what each myloader did)
# and <case>/README.md (tool, version, command line, source, expected, check).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
NEW_BIN=$(cd "${1:?usage: make-fixtures.sh NEW_BIN_DIR}" && pwd)
OLD_BIN=$(dirname "$(command -v mydumper)")
SUFFIX=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
WORK=$(mktemp -d)
CREATED=()
# shellcheck source=../measure/measure.sh
. "$HERE/../measure/measure.sh"

cleanup() {
  for db in "${CREATED[@]}"; do sql -e "DROP DATABASE IF EXISTS $(qname "$db")" || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

make_source() { # db schema-file
  CREATED+=("$1")
  sql -e "CREATE DATABASE $(qname "$1") CHARACTER SET utf8mb4"
  sql "$1" < "$2"
}

dump() { # tool db outdir extra-options... ; prints the command line it ran
  local tool=$1 db=$2 out=$3; shift 3
  local cmd
  if [ "$tool" = new ]; then
    cmd=(mydumper --host 127.0.0.1 --user root --port 3306 --database "$db" --triggers --events --routines
         --sync-thread-lock-mode NO_LOCK --threads 2 "$@" --outputdir dump)
  else
    cmd=(mydumper --host 127.0.0.1 --user root --port 3306 --database "$db" --triggers --events --routines
         --no-locks --threads 2 "$@" --outputdir dump)
  fi
  local bin=$NEW_BIN; [ "$tool" = old ] && bin=$OLD_BIN
  rm -rf "$out/dump"
  (cd "$out" && "$bin/${cmd[0]}" "${cmd[@]:1}" > "$WORK/dump.log" 2>&1) || { cat "$WORK/dump.log"; exit 1; }
  printf '%q ' "${cmd[@]}"
}

excerpt() { # a diff, shortened: at most 30 lines of at most 200 characters
  local n; n=$(grep -c '^[<>]' <<< "$1" || true)
  echo; echo "($n lines differ; the first 30 shown, each cut at 200 characters)"
  echo; echo '```'; awk 'NR <= 30 { print substr($0, 1, 200) }' <<< "$1"; echo '```'
}

# check CASE_DIR TOOL: loads CASE_DIR/dump with that myloader into a fresh database and compares it with expected/.
check() {
  local dir=$1 tool=$2 target="fx_ld_${SUFFIX}_$RANDOM"
  CREATED+=("$target")
  local bin=$NEW_BIN
  [ "$tool" = old ] && bin=$OLD_BIN
  local cmd=(myloader --host 127.0.0.1 --user root --port 3306 --directory . --database "$target" --threads 2)
  local rc=0
  (cd "$dir/dump" && timeout 300 "$bin/${cmd[0]}" "${cmd[@]:1}" > "$WORK/load.log" 2>&1) || rc=$?
  local version; version=$("$bin/myloader" --version 2>&1 | head -1)
  echo "### $version"
  echo
  echo '```'
  printf '%q ' "${cmd[@]}" | sed "s/$target/<fresh database>/"
  echo
  echo '```'
  echo
  echo "Exit code: $rc."
  local errors; errors=$(grep -E -i 'critical|error' "$WORK/load.log" | sed "s/$target/<fresh database>/g" | head -20 || true)
  if [ -n "$errors" ]; then
    echo
    echo 'Error lines it printed (first 20):'
    echo
    echo '```'
    echo "$errors"
    echo '```'
  fi
  echo
  if [ -z "$(sql -N -B -e "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$target'")" ]; then
    echo 'The target database was not created: nothing was loaded.'
    return
  fi
  expected "$target" "$WORK/got"
  local d
  if d=$(diff "$dir/expected/tables.tsv" "$WORK/got/tables.tsv"); then
    echo 'Tables: every table, row count and CHECKSUM TABLE matches expected/tables.tsv.'
  else
    echo 'Tables: differ from expected/tables.tsv (`<` expected, `>` loaded):'
    excerpt "$d"
  fi
  echo
  if d=$(diff "$dir/expected/objects.tsv" "$WORK/got/objects.tsv"); then
    echo 'Objects: every column, index, foreign key, trigger, routine, event and view matches expected/objects.tsv.'
  else
    echo 'Objects: differ from expected/objects.tsv (`<` expected, `>` loaded):'
    excerpt "$d"
  fi
}

readme() { # case tool source-file db command description
  local c=$1 tool=$2 src=$3 db=$4 cmd=$5 what=$6 dir="$HERE/$1"
  local bin=$NEW_BIN; [ "$tool" = old ] && bin=$OLD_BIN
  local version; version=$("$bin/mydumper" --version 2>&1 | head -1)
  local server; server=$(sql -N -B -e 'SELECT VERSION()')
  {
    echo "# $c"
    echo
    echo "$what"
    echo
    echo "- Made by: \`$version\`, dumping the database \`$db\` on MariaDB $server."
    echo "- Source schema: [\`../$src\`](../$src), run into that empty database (utf8mb4) before the dump."
    echo "- Layout: \`dump/\` is the output directory exactly as mydumper wrote it (nothing added or removed);"
    echo "  \`expected/\` holds what a correct load must reproduce, measured on the source database"
    echo "  (format in [../README.md](../README.md#expected-files)); \`myloader-check.md\` is what each myloader did."
    echo "- Made by [\`../make-fixtures.sh\`](../make-fixtures.sh); the command line, run in this folder:"
    echo
    echo '```'
    echo "$cmd"
    echo '```'
    echo
    echo '## Files'
    echo
    echo '```'
    (cd "$dir/dump" && find . -type f -printf '%P %s\n' | LC_ALL=C sort | awk '{printf "%-70s %8d bytes\n", $1, $2}')
    echo '```'
    echo
    echo '## Expected tables (`expected/tables.tsv`)'
    echo
    echo '```'
    column -t -s $'\t' "$dir/expected/tables.tsv"
    echo '```'
    echo
    echo '## Expected objects'
    echo
    echo 'Triggers, routines, events and views (full rows, with columns, indexes and foreign keys, in `expected/objects.tsv`):'
    echo
    echo '```'
    awk -F'\t' 'NR > 1 && $1 !~ /^(COLUMN|INDEX|FOREIGN_KEY)$/ { printf "%-9s %-28s %s\n", $1, $2, $3 }' "$dir/expected/objects.tsv"
    echo '```'
    echo
    echo '## What myloader does with it'
    echo
    echo 'Summary of [`myloader-check.md`](myloader-check.md) (error lines and differences are there):'
    echo
    grep -E '^(### |Exit code|Tables:|Objects:|The target)' "$dir/myloader-check.md" |
      sed -e 's/^### /- /' -e 's/^\([^-]\)/  \1/' -e 's/ (`<` expected, `>` loaded):$/./'
  } > "$dir/README.md"
}

run_case() { # case tool db source-file description options...
  local c=$1 tool=$2 db=$3 src=$4 what=$5; shift 5
  local dir="$HERE/$c"
  echo "== $c" >&2
  rm -rf "$dir"; mkdir -p "$dir"
  local cmd; cmd=$(dump "$tool" "$db" "$dir" "$@")
  expected "$db" "$dir/expected"
  {
    echo "# $c: what myloader does with it"
    echo
    echo "Each myloader, run inside \`dump/\` (so that a relative LOAD DATA file name resolves), loads it into a fresh database on MariaDB $(sql -N -B -e 'SELECT VERSION()'),"
    echo 'which is then measured as the source was and compared with `expected/`.'
    echo
    check "$dir" new
    echo
    check "$dir" old
  } > "$dir/myloader-check.md"
  readme "$c" "$tool" "$src" "$db" "$cmd" "$what"
}

TYPES=fx_types_$SUFFIX
ESC="fx.esc-$SUFFIX"
BIG=fx_big_$SUFFIX
make_source "$TYPES" "$HERE/source-schema.sql"
make_source "$ESC" "$HERE/source-schema-escaped.sql"
make_source "$BIG" "$HERE/source-schema-big.sql"
# mydumper 0.10 cannot dump a table whose name holds a backquote (it exits 1 with "Error dumping table
# (<db>.t`tick) data: You have an error in your SQL syntax ... near '`'"), so its escaped-names source lacks that table.
ESC010="fx.esc010-$SUFFIX"
make_source "$ESC010" "$HERE/source-schema-escaped.sql"
sql "$ESC010" -e 'DROP TABLE `t``tick`'

run_case v1.0-sql new "$TYPES" source-schema.sql \
  'mydumper 1.0, default INSERT format, uncompressed.'
run_case v1.0-sql-gz new "$TYPES" source-schema.sql \
  'mydumper 1.0, INSERT format, every file gzip-compressed (schema, triggers, post and data files; metadata is not).' \
  --compress gzip
run_case v1.0-sql-zstd new "$TYPES" source-schema.sql \
  'mydumper 1.0, INSERT format, every file zstd-compressed (schema, triggers, post and data files; metadata is not).' \
  --compress zstd
run_case v1.0-load-data new "$TYPES" source-schema.sql \
  'mydumper 1.0, `--format=LOAD_DATA`: each data chunk is a `.sql` file holding a `LOAD DATA LOCAL INFILE` statement and a tab-separated `.dat` file.' \
  --format=LOAD_DATA
run_case v1.0-csv new "$TYPES" source-schema.sql \
  'mydumper 1.0, `--format=CSV`: each data chunk is a `.sql` file holding a `LOAD DATA LOCAL INFILE` statement and a comma-separated, double-quoted `.dat` file.' \
  --format=CSV
run_case v1.0-escaped-names new "$ESC" source-schema-escaped.sql \
  'mydumper 1.0 on a database whose name has a dot and a dash, with tables named with a dash, a space, non-ASCII letters, a dot and a backquote.'
run_case v1.0-chunked new "$TYPES" source-schema.sql \
  'mydumper 1.0 with `--rows 500`: `many_rows` (2000 rows) is split into several chunk files. mydumper 1.0 sizes chunks dynamically, so the chunk numbers are whatever this run wrote (they need not start at 00000).' \
  --rows 500
run_case v1.0-chunked-filesize-zstd new "$BIG" source-schema-big.sql \
  'mydumper 1.0 with `--chunk-filesize 1 --compress zstd`: a data chunk whose text passes 1 MB is continued in sub-part files `<db>.<table>.<part>.<sub>.sql.zst`. `--max-threads-per-table 1` keeps the table in one chunk (part 00000); without it mydumper may split the table into parts of less than 1 MB each, and then no sub-part is written.' \
  --max-threads-per-table 1 --chunk-filesize 1 --compress zstd
run_case v0.10-sql old "$TYPES" source-schema.sql \
  "Debian's mydumper 0.10, default INSERT format, uncompressed."
run_case v0.10-gz old "$TYPES" source-schema.sql \
  "Debian's mydumper 0.10 with \`--compress\` (gzip; metadata is not compressed)." \
  --compress
run_case v0.10-chunked old "$TYPES" source-schema.sql \
  "Debian's mydumper 0.10 with \`--rows 500\`: \`many_rows\` is split into \`<db>.<table>.00000.sql\`, \`.00001.sql\`, ..." \
  --rows 500
run_case v0.10-escaped-names old "$ESC010" source-schema-escaped.sql \
  'mydumper 0.10 (Debian) on the escaped-names database (see v1.0-escaped-names), without the table `t``tick`: mydumper 0.10 cannot dump a table whose name holds a backquote (it exits 1 with `Error dumping table (<db>.t`tick) data: You have an error in your SQL syntax`), so the script drops that table from this source after running the schema file.'
echo "done: sources were $TYPES, $ESC, $ESC010, $BIG (dropped)" >&2
