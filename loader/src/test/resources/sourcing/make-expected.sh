#!/usr/bin/env bash
# Regenerates employees-like/expected/ by loading employees-like/ with the mariadb client, the way its README says:
#   cd employees-like && mariadb -h127.0.0.1 -uroot < employees.sql          (output-batch.txt)
#   cd employees-like && mariadb -h127.0.0.1 -uroot -t < employees.sql       (output-table.txt)
# The files name the database employees_like; to keep to a fresh database on the shared server, each run loads a
# copy of the folder in which that name is replaced by fx_emp_<random hex>, and drops it afterwards. The name is in
# no line the client prints, so the outputs are those of the folder as committed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../measure/measure.sh
. "$HERE/../measure/measure.sh"
SRC="$HERE/employees-like"
OUT="$SRC/expected"
WORK=$(mktemp -d)
DBS=()
cleanup() {
  for db in "${DBS[@]}"; do sql -e "DROP DATABASE IF EXISTS $(qname "$db")" || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

load_copy() { # output-file client-options... ; leaves the loaded database's name in $DB
  DB="fx_emp_$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
  DBS+=("$DB")
  rm -rf "$WORK/copy"
  cp -r "$SRC" "$WORK/copy"
  rm -rf "$WORK/copy/expected" "$WORK/copy/README.md"
  grep -rl employees_like "$WORK/copy" | xargs sed -i "s/employees_like/$DB/g"
  local out=$1; shift
  (cd "$WORK/copy" && mariadb -h127.0.0.1 -uroot "$@" < employees.sql) > "$out" 2> "$WORK/stderr"
  if [ -s "$WORK/stderr" ]; then cat "$WORK/stderr" >&2; exit 1; fi
}

mkdir -p "$OUT"
load_copy "$OUT/output-batch.txt"
expected "$DB" "$OUT"
load_copy "$OUT/output-table.txt" -t
expected "$DB" "$WORK/second"
diff "$OUT/tables.tsv" "$WORK/second/tables.tsv"
diff "$OUT/objects.tsv" "$WORK/second/objects.tsv"
mariadb --version > "$OUT/client-version.txt"
echo "expected/ written; both loads measured the same" >&2
