#!/usr/bin/env bash
# test-db-check.sh TEST_DB_DIR: loads the test_db project's employees database (github.com/datacharmer/test_db:
# employees.sql, which `source`s its load_*.dump files and sets no FOREIGN_KEY_CHECKS) with the mariadb client and
# with packload (--threads 2, deferred foreign key checks, the default; then --foreign-key-checks immediate), each
# run from TEST_DB_DIR into a fresh database, then runs test_db's own test_employees_md5.sql and
# test_employees_sha.sql against every load and prints their verdicts. A correctness check, not a benchmark: nothing
# is timed. Exit 0 when every load passes both tests, every table's CHECKSUM TABLE equals the client's load, and
# each test prints for packload's loads what it prints for the client's (apart from its elapsed times).
#
#   git --git-dir=<test_db's git dir> archive HEAD | tar -x -C /var/tmp/test_db   (needs the load_*.dump files)
#   benchmarks/e2e/test-db-check.sh /var/tmp/test_db
#
# test_db's files name the database `employees` (DROP DATABASE, CREATE DATABASE, USE; the tests USE it too): the
# client runs a copy of the SQL files in which those lines name pl_bench_tdb_client, the data files linked, not
# copied; packload runs TEST_DB_DIR as it is, with -D, which redirects them. The tests run on copies naming each
# scratch database. Scratch databases pl_bench_tdb_* are dropped at exit. Nothing of test_db is kept in this
# repository. HOST/PORT as for the other scripts (default 127.0.0.1:3306, root without a password).
set -euo pipefail
[ $# -eq 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
DIR=$(cd "$1" && pwd)
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
BENCH_DBS="pl_bench_tdb_client pl_bench_tdb_deferred pl_bench_tdb_immediate"

for f in employees.sql test_employees_md5.sql test_employees_sha.sql; do
  [ -s "$DIR/$f" ] || { echo "test-db-check.sh: $DIR/$f is missing" >&2; exit 2; }
done
missing=()
while read -r f; do
  [ -s "$DIR/$f" ] || missing+=("$f")
done < <(sed -n 's/^source \([^ ;]*\) *;.*/\1/p' "$DIR/employees.sql")
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-db-check.sh: employees.sql sources files that are missing or empty in $DIR: ${missing[*]}" >&2
  exit 2
fi

# as_db FILE DB: FILE with test_db's database lines naming DB instead of `employees` (the table of that name stays)
as_db() {
  sed -e "s/^\(DROP DATABASE IF EXISTS\|CREATE DATABASE IF NOT EXISTS\|USE\) employees;/\1 $2;/" \
      -e "s/table_schema='employees'/table_schema='$2'/g" "$1"
}

setup_packload
run_header

echo "== the mariadb client ($(mariadb --version))"
copy="$WORK/client"
mkdir -p "$copy"
for f in "$DIR"/*; do
  case $f in
    *.sql) as_db "$f" pl_bench_tdb_client > "$copy/$(basename "$f")" ;;
    *) ln -s "$f" "$copy/$(basename "$f")" ;;
  esac
done
[ "$(grep -c 'pl_bench_tdb_client;' "$copy/employees.sql")" = 3 ] \
  || { echo "test-db-check.sh: employees.sql does not name its database in the 3 lines expected" >&2; exit 1; }
echo "cd <copy> && $M < employees.sql"
rc=0
(cd "$copy" && $M < employees.sql) > "$WORK/client.out" 2>&1 || rc=$?
echo "exit code $rc"
grep -v '^[0-9:.-]*$' "$WORK/client.out" | tail -4

for mode in deferred immediate; do
  echo
  echo "== packload, --foreign-key-checks $mode"
  cmd=("${PACKLOAD[@]}" load -h "$HOST" -P "$PORT" -u root -D "pl_bench_tdb_$mode" --no-progress --no-journal
       --threads 2 --foreign-key-checks "$mode" --reject-file "$WORK/rejects-$mode.sql" employees.sql)
  echo "cd $DIR && ${cmd[*]}"
  rc=0
  (cd "$DIR" && "${cmd[@]}") > "$WORK/$mode.out" 2>&1 || rc=$?
  echo "exit code $rc"
  sed -n '/^table  *rows read/,/^total/p' "$WORK/$mode.out"
  grep '^packload:' "$WORK/$mode.out" || true
done

# the test scripts' output without the lines of elapsed times (data_load_time_diff, computation_time)
run_test() { # db test-file -> the output on stdout
  as_db "$DIR/$2" "$1" > "$WORK/$1-$2"
  $M < "$WORK/$1-$2" 2>&1 | awk '/^(data_load_time_diff|computation_time)$/ { skip = 1; next } skip { skip = 0; next } { print }'
}

status=0
for test in test_employees_md5.sql test_employees_sha.sql; do
  for db in client deferred immediate; do
    run_test "pl_bench_tdb_$db" "$test" > "$WORK/$db-$test.out"
  done
  echo
  echo "== $test: the client's load"
  sed -n '/^table_name\trecords_match/,$p' "$WORK/client-$test.out"
  for db in client deferred immediate; do
    if ! grep -q '^CRC	OK$' "$WORK/$db-$test.out" || ! grep -q '^count	OK$' "$WORK/$db-$test.out"; then
      echo "$test, load by $db: FAIL"
      status=1
    else
      echo "$test, load by $db: CRC OK, count OK"
    fi
    if [ "$db" != client ]; then
      if diff "$WORK/client-$test.out" "$WORK/$db-$test.out" > "$WORK/diff"; then
        echo "$test, load by $db: prints what it prints for the client's load"
      else
        echo "$test, load by $db: prints other lines than for the client's load (< client, > $db):"
        head -20 "$WORK/diff"
        status=1
      fi
    fi
  done
done

echo
echo "== CHECKSUM TABLE"
for t in departments dept_emp dept_manager employees salaries titles; do
  line=$t
  for db in client deferred immediate; do
    line="$line $db=$(checksum "pl_bench_tdb_$db" "$t")"
  done
  echo "$line"
  read -r -a sums <<<"$line"
  [ "${sums[1]#*=}" = "${sums[2]#*=}" ] && [ "${sums[1]#*=}" = "${sums[3]#*=}" ] || status=1
done
echo
[ "$status" = 0 ] && echo "test-db-check.sh: every load passes test_db's tests and equals the client's" \
  || echo "test-db-check.sh: FAILED (see above)"
exit "$status"
