#!/usr/bin/env bash
# gen-mid.sh ROWS: a mysqldump-style dump of ROWS rows of 250-350 KB each, one row per INSERT (as mysqldump writes rows
# larger than its net_buffer_length), on stdout. Rows this size pass the ring's byte gate (64 KiB and up) but are not
# BLOB-sized: the shape that showed how the client's memory behaves between the two (benchmarks/HISTORY.md, "Row
# buffers and reads"). Deterministic: the same ROWS give the same bytes. The table:
#
#   mid (id INT PRIMARY KEY, body LONGTEXT)
#
# Each body is a 100-letter pseudo-random pattern repeated to its length.
set -euo pipefail
[ $# -eq 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
echo "CREATE TABLE mid (id INT PRIMARY KEY, body LONGTEXT);"
awk -v rows="$1" 'BEGIN {
  srand(7)
  for (i = 1; i <= rows; i++) {
    n = 250000 + int(rand() * 100001)
    p = ""
    for (k = 0; k < 100; k++) p = p sprintf("%c", 97 + int(rand() * 26))
    body = p
    while (length(body) * 2 <= n) body = body body
    body = body substr(body, 1, n - length(body))
    printf "INSERT INTO `mid` VALUES (%d,'"'"'%s'"'"');\n", i, body
  }
}'
