#!/usr/bin/env bash
# gen-narrow-csv.sh ROWS: the same narrow rows as gen-narrow.sh, as RFC 4180 CSV with a header, on stdout
rows=$1
echo "id,name,amount,created,note"
awk -v rows="$rows" 'BEGIN {
  for (i = 1; i <= rows; i++)
    printf "%d,customer name %d,%d.%02d,2024-%02d-%02d 12:%02d:%02d,\"note for row %d, with some text\"\n", i, i, i % 100000, i % 100, 1 + i % 12, 1 + i % 28, i % 60, i % 60, i;
}'
