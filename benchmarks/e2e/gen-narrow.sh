#!/usr/bin/env bash
# gen-narrow.sh ROWS: a mysqldump-style dump (no header, 1000-row INSERTs) of narrow rows (~100 bytes each) on stdout;
# the same rows as gen-narrow-csv.sh writes as CSV (same CHECKSUM TABLE once loaded)
rows=$1
echo "CREATE TABLE narrow (id BIGINT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(12,2), created DATETIME, note VARCHAR(64));"
awk -v rows="$rows" 'BEGIN {
  per = 1000
  for (i = 1; i <= rows; i++) {
    if ((i - 1) % per == 0) printf "INSERT INTO `narrow` VALUES ";
    printf "(%d,'"'"'customer name %d'"'"',%d.%02d,'"'"'2024-%02d-%02d 12:%02d:%02d'"'"','"'"'note for row %d, with some text'"'"')", i, i, i % 100000, i % 100, 1 + i % 12, 1 + i % 28, i % 60, i % 60, i;
    if (i % per == 0 || i == rows) print ";"; else printf ",";
  }
}'
