#!/usr/bin/env bash
# join-inserts.sh MIB < DUMP > DUMP: joins consecutive extended INSERTs into the same table into statements of
# about MIB MiB each (an INSERT is added while the statement is still under MIB MiB, so a statement ends at most
# one input INSERT past it), to make a dump whose statements exceed a server's max_allowed_packet, as a dump made
# on a server with a bigger limit does. Everything else passes through unchanged. Reads mysqldump's layout (one
# INSERT a line) and mariadb-dump 10.11's (`INSERT INTO `t` VALUES` on its own line, then a tuple a line).
#
# Needs: GNU awk or any awk that takes long lines; bytes are counted in the C locale.
set -euo pipefail
[ $# -eq 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
LC_ALL=C awk -v limit=$(($1 * 1048576)) '
  function finish() { if (open) { printf ";\n"; open = 0 } }
  function body(s,    last) {
    last = s ~ /;$/
    if (last) s = substr(s, 1, length(s) - 1)
    printf "\n%s", s
    size += length(s) + 1
    if (last) within = 0
  }
  match($0, /^INSERT INTO `[^`]+` VALUES/) {
    head = substr($0, 1, RLENGTH); rest = substr($0, RLENGTH + 1)
    if (open && head == current && size < limit) {
      printf ","; size++
    } else {
      finish(); printf "%s", head; current = head; open = 1; size = length(head)
    }
    within = 1
    if (rest != "") body(rest)
    next
  }
  within { body($0); next }
  { finish(); print }
  END { finish() }
'
