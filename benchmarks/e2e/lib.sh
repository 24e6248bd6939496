# Shared by the end-to-end comparison scripts: sourced, not run.
# Sets M (mariadb client command), WORK (scratch dir, removed at exit with the pl_bench_* databases), PACKLOAD
# (a copy of the built distribution, so edits to the tree during a run can't trigger a rebuild), and defines
# timed_run and report.
HOST=${HOST:-127.0.0.1}; PORT=${PORT:-3306}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
M="mariadb -h$HOST -P$PORT -uroot"
WORK=$(mktemp -d)
trap '$M -e "DROP DATABASE IF EXISTS pl_bench_ref; DROP DATABASE IF EXISTS pl_bench_run" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
"$ROOT/packload" --version >/dev/null
mkdir -p "$WORK/dist" && cp -r "$ROOT/loader/target/packload.jar" "$ROOT/loader/target/lib" "$WORK/dist/"
PACKLOAD="java ${PACKLOAD_JAVA_OPTS:--Xmx1g} -jar $WORK/dist/packload.jar"

# timed_run NAME TABLE EXPECTED_CHECKSUM COMMAND...: runs the command under GNU time, checks TABLE in pl_bench_run
# against the checksum (empty: any), prints "wall user sys maxrss_kb checksum".
timed_run() {
  local name=$1 table=$2 expected=$3
  shift 3
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >"$WORK/out" 2>&1 || { cat "$WORK/out" >&2; echo "FAILED: $name" >&2; exit 1; }
  local sum
  sum=$($M -N -e "CHECKSUM TABLE pl_bench_run.\`$table\`" | awk '{print $2}')
  [ -z "$expected" ] || [ "$sum" = "$expected" ] || { echo "WRONG RESULT from $name: checksum $sum, expected $expected" >&2; exit 1; }
  echo "$(cat "$WORK/time") $sum"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# report BASELINE_NAME LABEL ROWS BYTES NAME...: the medians table from the associative array `results`
report() {
  local base=$1 label=$2 rows=$3 bytes=$4
  shift 4
  local bw
  bw=$(printf "%s" "${results[$base]}" | awk 'NF{print $1}' | median)
  printf "%-20s %9s %12s %9s %12s %12s %12s\n" contender "wall s" "rows/s" "MB/s" "client CPU s" "peak RSS MB" "$label"
  for c in "$@"; do
    local w cpu rss
    w=$(printf "%s" "${results[$c]}" | awk 'NF{print $1}' | median)
    cpu=$(printf "%s" "${results[$c]}" | awk 'NF{print $2 + $3}' | median)
    rss=$(printf "%s" "${results[$c]}" | awk 'NF{print $4}' | median)
    awk -v c="$c" -v w="$w" -v cpu="$cpu" -v rss="$rss" -v rows="$rows" -v bytes="$bytes" -v bw="$bw" 'BEGIN {
      printf "%-20s %9.1f %12.0f %9.1f %12.1f %12.0f %11.2fx\n", c, w, rows / w, bytes / w / 1048576, cpu, rss / 1024, w / bw }'
  done
}
