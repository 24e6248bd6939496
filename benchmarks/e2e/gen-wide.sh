#!/usr/bin/env bash
# gen-wide.sh ROWS: the rows of shape (d), statements over the packet limit. Fills a scratch database with ROWS
# rows of about 10 KB of text each (4,000 to 16,000 bytes; lines with quotes, backslashes and newlines, which
# mariadb-dump escapes) and writes a real `mariadb-dump` of it (extended INSERTs of ~1 MB, no dump date) on stdout.
# join-inserts.sh turns it into the shape (d) dump:
#
#   benchmarks/e2e/gen-wide.sh 20000 > wide.sql                            # ~200 MB, loads anywhere
#   benchmarks/e2e/join-inserts.sh 40 < wide.sql > wide-40m.sql            # 40 MiB INSERTs: ERROR 1153 on 16 MiB
#
# The table: wide (id INT PRIMARY KEY, title VARCHAR(200) NOT NULL, body MEDIUMTEXT NOT NULL).
#
# Needs: MariaDB 10.0+ (sequence engine) at $HOST:$PORT (default 127.0.0.1:3306, root, no password), mariadb,
# mariadb-dump. Uses and drops the scratch database pl_bench_src_wide.
set -euo pipefail
[ $# -eq 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
ROWS=$1
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
SRC=pl_bench_src_wide
BENCH_DBS=$SRC # drop only this one at exit
{
  echo "CREATE TABLE wide (id INT PRIMARY KEY, title VARCHAR(200) NOT NULL, body MEDIUMTEXT NOT NULL) DEFAULT CHARSET=utf8mb4;"
  for ((from = 1; from <= ROWS; from += 1000)); do
    to=$((from + 999 > ROWS ? ROWS : from + 999))
    printf '%s\n' "INSERT INTO wide SELECT seq, CONCAT('document ', seq, ' – \"wide\" row'),
      LEFT(CONCAT(SHA2(seq, 256), '\n', REPEAT(CONCAT('line of row ', seq, ': it''s a \\\\ \"test\"\tend\n'), 400)),
        4000 + seq * 7919 % 12000)
      FROM seq_${from}_to_${to};"
  done
} | dump_source "$SRC"
