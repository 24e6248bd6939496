# Sourced by the fixture scripts (mydumper/make-fixtures.sh, sourcing/make-expected.sh): measures a database the
# way every expected/ folder was measured. Needs the mariadb client and the shared server at 127.0.0.1:3306.
MEASURE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CONN=(-h 127.0.0.1 -P 3306 -u root)

sql() { mariadb --default-character-set=utf8mb4 "${CONN[@]}" "$@"; }
qname() { printf '`%s`' "${1//\`/\`\`}"; }

# expected DB OUTDIR: writes OUTDIR/tables.tsv (table, engine, collation, rows, CHECKSUM TABLE of every base table)
# and OUTDIR/objects.tsv (objects.sql: columns, indexes, foreign keys, triggers, routines, events, views).
expected() {
  local db=$1 out=$2
  mkdir -p "$out"
  printf 'table\tengine\tcollation\trows\tchecksum\n' > "$out/tables.tsv"
  sql -N -B -e "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES
                WHERE TABLE_SCHEMA = '$db' AND TABLE_TYPE = 'BASE TABLE' ORDER BY BINARY TABLE_NAME" |
  while IFS=$'\t' read -r t engine coll; do
    local q n c
    q="$(qname "$db").$(qname "$t")"
    n=$(sql -N -B -e "SELECT COUNT(*) FROM $q")
    c=$(sql -N -B -e "CHECKSUM TABLE $q" | cut -f2)
    printf '%s\t%s\t%s\t%s\t%s\n' "$t" "$engine" "$coll" "$n" "$c" >> "$out/tables.tsv"
  done
  {
    printf 'kind\tname\tattributes\tdefinition_md5\tdefinition\n'
    { echo "SET @db = '$db';"; cat "$MEASURE_DIR/objects.sql"; } | sql -N -B
  } > "$out/objects.tsv"
}
