#!/usr/bin/env bash
# gen-indexed.sh ROWS: shape (e), the narrow rows of gen-narrow.sh with an email column and three secondary indexes,
# (email), (created) and (amount, name), as a mysqldump-style dump (no header, 1000-row INSERTs) on stdout. Shape (a)'s
# table has no email column: this one adds `email` ('customer<i>@example.com', ~25 bytes) after `name`; the other
# columns and values are gen-narrow.sh's. compare-all.sh passes it through a real mariadb-dump before loading.
rows=$1
echo "CREATE TABLE narrow_idx (id BIGINT PRIMARY KEY, name VARCHAR(64), email VARCHAR(64), amount DECIMAL(12,2),"
echo "  created DATETIME, note VARCHAR(64), KEY k_email (email), KEY k_created (created), KEY k_amount_name (amount, name));"
awk -v rows="$rows" 'BEGIN {
  per = 1000
  for (i = 1; i <= rows; i++) {
    if ((i - 1) % per == 0) printf "INSERT INTO `narrow_idx` VALUES ";
    printf "(%d,'"'"'customer name %d'"'"','"'"'customer%d@example.com'"'"',%d.%02d,'"'"'2024-%02d-%02d 12:%02d:%02d'"'"','"'"'note for row %d, with some text'"'"')", i, i, i, i % 100000, i % 100, 1 + i % 12, 1 + i % 28, i % 60, i % 60, i;
    if (i % per == 0 || i == rows) print ";"; else printf ",";
  }
}'
