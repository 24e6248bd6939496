#!/usr/bin/env bash
# gen.sh ROWS: a mysqldump-style dump of narrow rows (~130 bytes each) on stdout
rows=$1
echo "CREATE TABLE narrow (id BIGINT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(12,2), created DATETIME, note VARCHAR(64));"
awk -v rows="$rows" 'BEGIN {
  per = 1000
  for (i = 1; i <= rows; i++) {
    if ((i - 1) % per == 0) printf "INSERT INTO `narrow` VALUES ";
    printf "(%d,'"'"'customer name %d'"'"',%d.%02d,'"'"'2024-%02d-%02d 12:%02d:%02d'"'"','"'"'note for row %d with some text'"'"')", i, i, i % 100000, i % 100, 1 + i % 12, 1 + i % 28, i % 60, i % 60, i;
    if (i % per == 0 || i == rows) print ";"; else printf ",";
  }
}'
