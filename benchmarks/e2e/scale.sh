#!/usr/bin/env bash
# Scaling on the narrow shape: gen-narrow.sh dumps of each size in ROWS... (default 100000 1000000 4000000, i.e.
# 0.1x, 1x and 4x of a million rows), each loaded by packload and, for reference, myloader (on mydumper output),
# alternating for ROUNDS rounds, with compare.sh. Prints one markdown table, a row group per size, to show whether
# wall time grows linearly with the input and packload's peak RSS stays flat (the issue's target: < 300 MB).
#
#   benchmarks/e2e/scale.sh [--rounds N] [--contenders LIST] [--data DIR] [ROWS...]
#
#   --rounds N           rounds per size (default 3)
#   --contenders LIST    as compare.sh's (default packload,myloader)
#   --data DIR           keep the generated dumps in DIR and reuse them (default: a scratch directory)
#
# Needs what compare.sh needs.
set -euo pipefail
ROUNDS=3; LIST=packload,myloader; DATA=""
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) ROUNDS=$2; shift 2 ;;
    --contenders) LIST=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    -*) echo "scale.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || set -- 100000 1000000 4000000
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
setup_packload
export PACKLOAD_DIST
DATA=${DATA:-$WORK/data}
mkdir -p "$DATA"
header=1
for rows in "$@"; do
  dump="$DATA/narrow-$rows.sql"
  [ -f "$dump" ] || { "$HERE/gen-narrow.sh" "$rows" >"$dump.tmp" && mv "$dump.tmp" "$dump"; }
  no_header=(); [ "$header" = 1 ] || no_header=(--no-header)
  "$HERE/compare.sh" --contenders "$LIST" --input "$(stat -c %s "$dump" | awk -v r="$rows" '{printf "%d rows, %.1f MiB", r, $1 / 1048576}')" \
    "${no_header[@]}" "$dump" narrow "$ROUNDS"
  header=0
done
echo "($ROUNDS rounds, medians, per size; gen-narrow.sh dumps; the ratio column is to ${LIST%%,*} at the same size)"
