#!/usr/bin/env bash
# gen-blobs.sh ROWS: shape (b), BLOB-heavy. Fills a scratch database with ROWS rows of 100 KiB to 8 MiB of binary
# data each and writes a real `mariadb-dump` of it (no --hex-blob, so 8 MiB values fit a 16 MiB packet; no dump
# date, so the same ROWS give the same bytes) on stdout. The table:
#
#   blobs (id INT PRIMARY KEY, name VARCHAR(64), size INT, data LONGBLOB)
#
# Row i's size is 100 KiB * 81.92^frac(i * 0.618...), spread evenly on a log scale between 100 KiB and 8 MiB
# (mean about 1.8 MiB, so ROWS=200 is a ~380 MB dump and 2000 ~3.8 GB). Its data is a 32-byte SHA-256 of the row
# number followed by a slice, at a row-dependent offset, of a fixed 64 KiB pseudo-random block (SHA-256 chain):
# every byte value occurs, 0x00, 0x27 (') and 0x5C (\) included, which mariadb-dump writes escaped. The rows are
# made on the server (INSERT ... SELECT from the sequence engine), nothing big goes over the wire.
#
# Needs: MariaDB 10.0+ (sequence engine) at $HOST:$PORT (default 127.0.0.1:3306, root, no password), mariadb,
# mariadb-dump. Uses and drops the scratch database pl_bench_src_blobs.
set -euo pipefail
[ $# -eq 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
ROWS=$1
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
SRC=pl_bench_src_blobs
BENCH_DBS=$SRC # drop only this one at exit
{
  echo "CREATE TABLE blobs (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, size INT NOT NULL, data LONGBLOB NOT NULL);"
  echo "SET @block = (SELECT GROUP_CONCAT(UNHEX(SHA2(CONCAT('packload blob block ', seq), 256)) ORDER BY seq SEPARATOR '')
    FROM seq_0_to_2047);"
  # the block must hold the bytes a dump escapes: if not, NULL into a NOT NULL column stops the script here
  echo "CREATE TEMPORARY TABLE block_check (has_00_27_5c INT NOT NULL);
    INSERT INTO block_check VALUES (IF(LENGTH(@block) = 65536 AND LOCATE(UNHEX('00'), @block)
      AND LOCATE(UNHEX('27'), @block) AND LOCATE(UNHEX('5C'), @block), 1, NULL));"
  for ((from = 1; from <= ROWS; from += 20)); do
    to=$((from + 19 > ROWS ? ROWS : from + 19))
    echo "INSERT INTO blobs SELECT seq, CONCAT('blob ', seq), size,
      CONCAT(UNHEX(SHA2(seq, 256)), SUBSTRING(REPEAT(@block, size DIV 65536 + 2), 1 + seq * 7919 % 65536, size - 32))
      FROM (SELECT seq, FLOOR(102400 * POW(81.92, MOD(seq * 0.6180339887498949, 1))) AS size FROM seq_${from}_to_${to}) s;"
  done
} | dump_source "$SRC"
