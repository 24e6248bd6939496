#!/usr/bin/env bash
# gen-tables.sh TABLES [ROWS]: shape (c), many small tables. Fills a scratch database with TABLES tables
# (t0001, t0002, ...) of ROWS rows each (default 100) and writes a real `mariadb-dump` of it (no dump date, so the
# same arguments give the same bytes) on stdout. Every table:
#
#   tNNNN (id INT PRIMARY KEY, code VARCHAR(40) NOT NULL, qty INT, price DECIMAL(10,2), created DATETIME, note TEXT)
#
# with a secondary index on code in every 5th table, and an extra VARBINARY(32) column in every 3rd. The values
# depend only on the table and row number; notes hold quotes, backslashes and UTF-8, and every 7th is NULL.
#
# Needs: MariaDB 10.0+ (sequence engine) at $HOST:$PORT (default 127.0.0.1:3306, root, no password), mariadb,
# mariadb-dump. Uses and drops the scratch database pl_bench_src_tables.
set -euo pipefail
[ $# -eq 1 ] || [ $# -eq 2 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
TABLES=$1; ROWS=${2:-100}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
SRC=pl_bench_src_tables
BENCH_DBS=$SRC # drop only this one at exit
{
  for ((t = 1; t <= TABLES; t++)); do
    name=$(printf "t%04d" "$t")
    extra=""; extra_value=""; key=""
    if ((t % 3 == 0)); then extra=", tag VARBINARY(32)"; extra_value=", UNHEX(SHA2(CONCAT($t, '/', seq), 256))"; fi
    if ((t % 5 == 0)); then key=", KEY (code)"; fi
    echo "CREATE TABLE $name (id INT PRIMARY KEY, code VARCHAR(40) NOT NULL, qty INT, price DECIMAL(10,2),
      created DATETIME, note TEXT$extra$key) DEFAULT CHARSET=utf8mb4;"
    printf '%s\n' "INSERT INTO $name SELECT seq, CONCAT('item-', $t, '-', seq), (seq * $t) % 1000 - 100,
      ((seq * 7919 + $t) % 100000) / 100, '2024-01-01 00:00:00' + INTERVAL (seq * 3607 + $t * 86400) SECOND,
      IF(seq % 7 = 0, NULL, CONCAT('note ', seq, ' for t', $t, ': it''s \\\\ \"quoted\" – Łódź'))$extra_value
      FROM (SELECT CAST(seq AS SIGNED) AS seq FROM seq_1_to_$ROWS) s;"
  done
} | dump_source "$SRC"
