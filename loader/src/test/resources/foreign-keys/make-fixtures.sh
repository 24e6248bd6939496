#!/usr/bin/env bash
# Regenerates the foreign-keys fixtures from source-schema.sql, with the mariadb-dump and mariadb on PATH, against the
# shared MariaDB at 127.0.0.1:3306 (root, no password), and writes README.md's generated part.
#
#   make-fixtures.sh
#
# It makes two databases with random names, dropped at exit: the source (source-schema.sql) and the orphans' source
# (source-schema.sql, then orphan-parents.sql). No global variable is read or changed. Every dump is the tool's
# output as written (stdout to the file); the only input here not written by a tool is sourced/load.sql (by hand).
# It writes the part of README.md between the "generated" markers (each file's tool, version and command line, the
# database's name as <db>), expected/ (the sources measured by ../measure/measure.sh) and client-check.md (what the
# mariadb client does with each input, which ForeignKeyFixturesIT asserts too).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../measure/measure.sh
. "$HERE/../measure/measure.sh"
SUFFIX=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
SRC="fx_fk_$SUFFIX"
ORPH="fx_fk_orph_$SUFFIX"
WORK=$(mktemp -d)
CREATED=()
cleanup() {
  for db in "${CREATED[@]}"; do sql -e "DROP DATABASE IF EXISTS $(qname "$db")" || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

make_db() { # db schema-files...
  local db=$1; shift
  CREATED+=("$db")
  sql -e "CREATE DATABASE $(qname "$db") CHARACTER SET utf8mb4"
  for f in "$@"; do sql "$db" < "$f"; done
}

# Tables, parents first (the order of the *-ordered dumps and of sourced/load.sql's `source` lines).
ORDER=(region department employee project assignment timesheet employee_badge)
DUMP=(mariadb-dump -h 127.0.0.1 -P 3306 -u root)

MADE_BY="$WORK/made-by.md"
: > "$MADE_BY"
dump() { # output-file database options... [-- tables...]: the tool's standard output into the file, as it is
  local out=$1 db=$2; shift 2
  local opts=() tables=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -eq 0 ] || { shift; tables=("$@"); }
  "${DUMP[@]}" "${opts[@]}" "$db" "${tables[@]}" > "$WORK/out" 2> "$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
  [ ! -s "$WORK/err" ] || { cat "$WORK/err" >&2; exit 1; }
  mkdir -p "$(dirname "$HERE/$out")"
  mv "$WORK/out" "$HERE/$out"
  printf '| [`%s`](%s) | `%s` |\n' "$out" "$out" \
    "$(printf '%q ' "${DUMP[@]}" "${opts[@]}")<db>${tables[*]:+ ${tables[*]}}" >> "$MADE_BY"
}

make_db "$SRC" "$HERE/source-schema.sql"
make_db "$ORPH" "$HERE/source-schema.sql" "$HERE/orphan-parents.sql"

dump schema.sql "$SRC" --no-data
dump whole-compact.sql "$SRC" --compact
dump whole-compact-ordered.sql "$SRC" --compact -- "${ORDER[@]}"
dump data-only.sql "$SRC" --compact --no-create-info --skip-triggers
rm -rf "$HERE/sourced/data"
for t in "${ORDER[@]}"; do
  dump "sourced/data/$t.sql" "$SRC" --compact --no-create-info --skip-triggers -- "$t"
done
dump orphans.sql "$ORPH" --compact --no-create-info --skip-triggers -- "${ORDER[@]}"

rm -rf "$HERE/expected"
expected "$SRC" "$HERE/expected/source"
expected "$ORPH" "$WORK/orphans-source"
mkdir -p "$HERE/expected/orphans-source"
mv "$WORK/orphans-source/tables.tsv" "$HERE/expected/orphans-source/"

# What the mariadb client does with each input, each time into a fresh database: the exit code, the ERROR lines on
# stderr (the database's name as <db>), the rows per table.
CLIENT=(mariadb -h 127.0.0.1 -P 3306 -u root --default-character-set=utf8mb4)
client_run() { # title directory input schema-first(yes|no) client-options...
  local title=$1 dir=$2 input=$3 schema=$4; shift 4
  local db="fx_fk_cli_${SUFFIX}_$RANDOM" rc=0
  make_db "$db"
  [ "$schema" = no ] || sql "$db" < "$HERE/schema.sql"
  (cd "$dir" && "${CLIENT[@]}" "$@" "$db" < "$input") > /dev/null 2> "$WORK/err" || rc=$?
  echo "### $title"
  echo
  echo '```'
  { [ "$schema" = no ] || echo "mariadb ... <db> < schema.sql"
    echo "cd ${dir#"$HERE"/} && $(printf '%q ' "${CLIENT[@]}" "$@")<db> < $input"; } | sed 's|cd '"$HERE"' && |cd . \&\& |'
  echo '```'
  echo
  echo "Exit code $rc. ERROR lines on stderr:"
  echo
  echo '```'
  { grep '^ERROR' "$WORK/err" || echo '(none)'; } | sed "s/$db/<db>/g" | cut -c1-220
  echo '```'
  echo
  echo 'Rows loaded:'
  echo
  echo '```'
  for t in "${ORDER[@]}"; do printf '%-15s %s\n' "$t" "$(sql -N -B "$db" -e "SELECT COUNT(*) FROM $t" 2>/dev/null || echo '(no table)')"; done
  echo '```'
  echo
}
{
  echo "# What the mariadb client does with each input"
  echo
  echo "Written by [make-fixtures.sh](make-fixtures.sh) with \`$(mariadb --version)\` against MariaDB $(sql -N -B -e 'SELECT VERSION()'),"
  echo 'each run into a fresh empty database; where "schema.sql first" is shown, schema.sql was loaded into it before.'
  echo
  client_run 'whole-compact.sql' "$HERE" whole-compact.sql no
  client_run 'whole-compact.sql, with --force' "$HERE" whole-compact.sql no --force
  client_run 'whole-compact-ordered.sql' "$HERE" whole-compact-ordered.sql no
  client_run 'data-only.sql, schema.sql first' "$HERE" data-only.sql yes
  client_run 'data-only.sql, schema.sql first, with --force' "$HERE" data-only.sql yes --force
  client_run 'data-only.sql, schema.sql first, checks off by --init-command' "$HERE" data-only.sql yes \
    '--init-command=SET foreign_key_checks=0'
  client_run 'sourced/load.sql' "$HERE/sourced" load.sql no
  client_run 'orphans.sql, schema.sql first' "$HERE" orphans.sql yes
  client_run 'orphans.sql, schema.sql first, with --force' "$HERE" orphans.sql yes --force
} > "$HERE/client-check.md"

# README.md: the part between the markers is replaced, the rest kept
{
  echo '<!-- generated by make-fixtures.sh: do not edit by hand -->'
  echo
  echo "Made by \`$(mariadb-dump --version)\` against MariaDB $(sql -N -B -e 'SELECT VERSION()'), on $(date -u +%F)."
  echo "\`<db>\` is the source database, \`fx_fk_<random hex>\` (for orphans.sql the orphans' source,"
  echo "\`fx_fk_orph_<random hex>\`); each file is the command's standard output, unchanged."
  echo
  echo '| file | command line |'
  echo '| --- | --- |'
  cat "$MADE_BY"
  echo
  echo '<!-- end of generated part -->'
} > "$WORK/generated.md"
awk -v gen="$WORK/generated.md" '
  /^<!-- generated by make-fixtures.sh/ { while ((getline line < gen) > 0) print line; skip = 1; next }
  /^<!-- end of generated part -->/ { skip = 0; next }
  !skip { print }' "$HERE/README.md" > "$WORK/README.md"
grep -q '^<!-- generated by make-fixtures.sh' "$WORK/README.md" || { echo "README.md has no generated markers" >&2; exit 1; }
mv "$WORK/README.md" "$HERE/README.md"
echo "done: sources were $SRC and $ORPH (dropped)" >&2
