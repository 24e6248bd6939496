# shellcheck shell=bash disable=SC2034 # PACKLOAD, JDBC_LOADER, label etc. are for the scripts that source this
# Shared by the end-to-end comparison scripts: sourced, not run.
#
# Sets HOST, PORT (default 127.0.0.1:3306), ROOT (the repository), M (the mariadb client command, root without a
# password) and WORK (a scratch directory), and removes WORK and every registered scratch database at exit
# (BENCH_DBS: pl_bench_ref and pl_bench_run, unless a script replaces the list; bench_db adds to it; all named
# pl_bench_*). Defines:
#
#   setup_packload        PACKLOAD: the packload command, run from a copy of the built distribution, so a rebuild
#                         of the tree during a run can't swap the jar. Builds it first through ./packload when the
#                         sources changed, unless PACKLOAD_NO_BUILD=1 (then the jar is used as it is, and must
#                         exist). A parent script can share its copy through PACKLOAD_DIST. PACKLOAD runs the
#                         copy through the ./packload launcher, with the launcher's JVM options (PACKLOAD_JAVA_OPTS
#                         replaces them) and its class-data archive, which setup_packload writes first with one
#                         untimed load of examples/shop.sql.gz. With PACKLOAD_BASE set to a directory that
#                         build-base.sh made (an earlier commit's packload.jar and lib/), a copy of it is prepared
#                         the same way, for the packload-base contender: an A/B of two builds in one run.
#   setup_jdbc            JDBC_LOADER: the plain-JDBC contender (benchmarks/.../e2e/JdbcBatchLoader.java),
#                         compiled with javac against the distribution's own Connector/J and commons-csv.
#                         JDBC_MARIADB_LOADER: the same loader with MariaDB's Connector/J (the version the root
#                         pom pins, copied from Maven) on its class path, for jdbc:mariadb: URLs.
#   checksum DB TABLE     CHECKSUM TABLE of DB.TABLE; TABLE '*': a digest of every table's name and checksum;
#                         either followed by /INDEXES, a digest of the table's indexes (index_digest), so a load that
#                         leaves an index out, or builds another one, is a wrong result too
#   index_digest DB TABLE every index of DB.TABLE (or of every table for '*'): names, columns, prefixes, uniqueness,
#                         type and order, as information_schema.STATISTICS lists them, digested
#   row_count DB TABLE    rows in DB.TABLE, or in every table of DB for '*'
#   measure NAME TABLE EXPECTED COMMAND...
#                         runs one contender (once the server is idle: wait_server_idle), checks its result,
#                         appends a line to results[NAME]; never exits
#   timed_run NAME TABLE EXPECTED COMMAND...
#                         the same for a run that must work: prints the line, exits the script on failure
#   report BASELINE RATIO_HEADER ROWS BYTES NAME...
#                         the medians table, markdown, one row per contender
#   dump_source DB        runs the SQL on stdin in a new database DB, then writes DB's mariadb-dump on stdout
#   run_header            date, commit, jar and load average, for the record
HOST=${HOST:-127.0.0.1}; PORT=${PORT:-3306}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
M="mariadb -h$HOST -P$PORT -uroot"
WORK=$(mktemp -d)
BENCH_DBS="pl_bench_ref pl_bench_run pl_bench_journal" # dropped at exit; a script may replace the list
declare -A results=() label=()

# bench_db NAME...: scratch databases (named pl_bench_*) to drop at exit
bench_db() { BENCH_DBS="$BENCH_DBS $*"; }

cleanup() {
  local db
  for db in $BENCH_DBS; do $M -e "DROP DATABASE IF EXISTS \`$db\`" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

setup_packload() {
  local dist=${PACKLOAD_DIST:-}
  if [ -z "$dist" ] || [ ! -f "$dist/packload.jar" ]; then
    if [ "${PACKLOAD_NO_BUILD:-0}" = 1 ]; then
      if [ ! -f "$ROOT/loader/target/packload.jar" ] || [ ! -d "$ROOT/loader/target/lib" ]; then
        echo "lib.sh: $ROOT/loader/target/packload.jar is missing; build it with ./packload --version" >&2; exit 1
      fi
    else
      PACKLOAD_DIST= "$ROOT/packload" --version >/dev/null
    fi
    dist="$WORK/dist"
    mkdir -p "$dist" && cp -rp "$ROOT/loader/target/packload.jar" "$ROOT/loader/target/lib" "$dist/"
  fi
  PACKLOAD_DIST=$dist
  export PACKLOAD_DIST
  PACKLOAD=("$ROOT/packload")
  train_cds "$dist"
  if [ -n "${PACKLOAD_BASE:-}" ]; then
    [ -f "$PACKLOAD_BASE/packload.jar" ] && [ -d "$PACKLOAD_BASE/lib" ] \
      || { echo "lib.sh: PACKLOAD_BASE=$PACKLOAD_BASE holds no packload.jar and lib/ (see build-base.sh)" >&2; exit 1; }
    local base="$WORK/base"
    mkdir -p "$base" && cp -rp "$PACKLOAD_BASE/packload.jar" "$PACKLOAD_BASE/lib" "$base/"
    [ ! -f "$PACKLOAD_BASE/commit" ] || cp -p "$PACKLOAD_BASE/commit" "$base/"
    PACKLOAD_BASE=$base
    train_cds "$base"
  fi
}

# journal_args DIST: the options that run a load of DIST's build as a new job in a scratch journal, for builds that
# keep one (so the same load can be timed again and again; the journal's cost stays part of what is timed); nothing
# for older builds. The scratch journal, pl_bench_journal, is dropped at exit with the scratch databases.
journal_args() {
  local listing
  listing=$(unzip -l "$1/packload.jar" 2>/dev/null || true) # not piped into grep -q: pipefail would see unzip's SIGPIPE
  if [[ $listing == *dev/packload/loader/journal/Journal.class* ]]; then
    echo "--journal-schema pl_bench_journal --again"
  fi
}

# train_cds DIST: the launcher writes DIST's class-data archive on its first load; make that load an untimed one
train_cds() {
  if [ "${PACKLOAD_CDS:-1}" != 0 ] && [ ! -s "$1/packload.jsa" ]; then
    bench_db pl_bench_cds
    local journal
    read -r -a journal <<<"$(journal_args "$1")"
    PACKLOAD_DIST=$1 "$ROOT/packload" load -h "$HOST" -P "$PORT" -u root -D pl_bench_cds --no-progress \
      "${journal[@]}" "$ROOT/examples/shop.sql.gz" >/dev/null 2>&1 \
      || echo "lib.sh: the class-data archive's training load failed; runs go on without it" >&2
    $M -e 'DROP DATABASE IF EXISTS pl_bench_cds'
  fi
}

setup_jdbc() {
  [ -n "${PACKLOAD_DIST:-}" ] || setup_packload
  local classes=${JDBC_CLASSES:-}
  if [ -z "$classes" ] || [ ! -d "$classes" ]; then
    classes="$WORK/jdbc"
    mkdir -p "$classes"
    javac -nowarn -d "$classes" -cp "$PACKLOAD_DIST/lib/*" \
      "$ROOT/benchmarks/src/main/java/dev/packload/benchmarks/e2e/JdbcBatchLoader.java"
  fi
  JDBC_CLASSES=$classes
  local opts
  read -r -a opts <<<"${JDBC_JAVA_OPTS:--Xmx1g}"
  JDBC_LOADER=(java "${opts[@]}" -cp "$classes:$PACKLOAD_DIST/lib/*" dev.packload.benchmarks.e2e.JdbcBatchLoader)
  local version mariadb_jdbc=$WORK/mariadb-jdbc
  version=$(sed -n 's:.*<mariadb-java-client.version>\(.*\)</mariadb-java-client.version>.*:\1:p' "$ROOT/pom.xml")
  if [ ! -d "$mariadb_jdbc" ]; then
    (cd "$ROOT" && mvn -q -B dependency:copy -Dartifact="org.mariadb.jdbc:mariadb-java-client:$version" \
      -DoutputDirectory="$mariadb_jdbc") >&2 || echo "lib.sh: MariaDB's Connector/J $version could not be copied" >&2
  fi
  JDBC_MARIADB_LOADER=(java "${opts[@]}" -cp "$classes:$PACKLOAD_DIST/lib/*:$mariadb_jdbc/*"
    dev.packload.benchmarks.e2e.JdbcBatchLoader)
}

# every base table of DB as `db`.`t`,`db`.`u`,... (empty if none)
table_list() {
  $M -N -e "SELECT IFNULL(GROUP_CONCAT(CONCAT('\`', table_schema, '\`.\`', table_name, '\`') ORDER BY table_name), '')
    FROM information_schema.tables WHERE table_schema = '$1' AND table_type = 'BASE TABLE'"
}

checksum() {
  local db=$1 table=$2
  if [ "$table" != '*' ]; then
    echo "$($M -N -e "CHECKSUM TABLE \`$db\`.\`$table\`" 2>/dev/null | awk '{print $2}')/$(index_digest "$db" "$table")"
    return
  fi
  local list
  list=$(table_list "$db")
  [ -n "$list" ] || { echo "no-tables"; return; }
  echo "$($M -N -e "CHECKSUM TABLE $list" | awk '{sub(/^[^.]*\./, "", $1); print}' | md5sum | cut -c1-12)/$(index_digest "$db" '*')"
}

index_digest() {
  local filter=""
  [ "$2" = '*' ] || filter="AND table_name = '$2'"
  $M -N -e "SET SESSION group_concat_max_len = 1 << 30; SELECT IFNULL(MD5(GROUP_CONCAT(CONCAT_WS(' ', table_name,
    index_name, non_unique, seq_in_index, column_name, IFNULL(sub_part, '-'), IFNULL(collation, '-'), index_type)
    ORDER BY table_name, index_name, seq_in_index)), 'none') FROM information_schema.statistics
    WHERE table_schema = '$1' $filter" 2>/dev/null | cut -c1-8
}

row_count() {
  local db=$1 table=$2
  if [ "$table" != '*' ]; then
    $M -N -e "SELECT COUNT(*) FROM \`$db\`.\`$table\`"
    return
  fi
  table_list "$db" | tr ',' '\n' | awk 'NF { printf "%sSELECT COUNT(*) c FROM %s", (n++ ? " UNION ALL " : "SELECT SUM(c) FROM ("), $0 }
    END { print (n ? ") x" : "SELECT 0") }' | $M -N
}

# first_error FILE RC: the first error line of a command's output, trimmed to one table cell (the mariadb client
# echoes a failed statement whole, which can be megabytes)
first_error() {
  local msg
  msg=$(grep -a -m1 -E 'ERROR|CRITICAL|Exception|[Ee]rror' "$1" | cut -c1-150 || true)
  [ -n "$msg" ] || msg=$(tail -n 1 "$1" | cut -c1-150)
  [ -n "$msg" ] || msg="exit status $2"
  printf "%s" "$msg" | tr -d '\r|' | tr '\n\t' '  '
}

measure() {
  local name=$1 table=$2 expected=$3
  shift 3
  local rc=0 wall sum line srv0 srv
  wait_server_idle
  srv0=$(server_ticks)
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >"$WORK/out" 2>&1 || rc=$?
  srv=$(awk -v a="$srv0" -v b="$(server_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    if (a == "" || b == "") print "-"; else printf "%.2f", (b - a) / hz }')
  wall=$(tail -n 1 "$WORK/time" | awk '{print $1}')
  if [ "$rc" != 0 ]; then
    line="failed $wall $(first_error "$WORK/out" "$rc")"
  else
    sum=$(checksum pl_bench_run "$table")
    if [ -n "$expected" ] && [ "$sum" != "$expected" ]; then
      line="failed $wall wrong result: checksum $sum, expected $expected"
    else
      line="$(tail -n 1 "$WORK/time") $srv $sum"
    fi
  fi
  case $line in failed*) echo "  $name: $line" >&2 ;; esac
  results[$name]+="$line"$'\n'
  LAST=$line
}

timed_run() {
  measure "$@"
  case $LAST in failed*) echo "FAILED: $1: ${LAST#failed }" >&2; exit 1 ;; esac
  echo "$LAST"
}

# server_ticks: CPU time (user + system, clock ticks) of the local mariadbd or mysqld so far; empty when the server
# is not a process on this machine
server_ticks() {
  local pid
  pid=$(pgrep -x mariadbd || pgrep -x mysqld || true)
  pid=${pid%%$'\n'*}
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && awk '{print $14 + $15}' "/proc/$pid/stat"
}

# wait_server_idle: waits (up to 20 s) until the local server uses under a tenth of a core over 0.3 s, so one load's
# background work (page flushing, purge, the dropped database's files) is not timed as the next one's; returns at once
# when the server is not a local process
wait_server_idle() {
  local a b i hz
  hz=$(getconf CLK_TCK)
  a=$(server_ticks) || return 0
  [ -n "$a" ] || return 0
  for i in $(seq 1 66); do
    sleep 0.3
    b=$(server_ticks) || return 0
    [ -n "$b" ] || return 0
    [ $((b - a)) -le $((hz * 3 / 100)) ] && return 0
    a=$b
  done
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# medians NAME: "wall cpu rss_kb" over results[NAME], or "failed K N WALL REASON" if K of its N runs failed
medians() {
  local lines=${results[$1]:-}
  local failed
  failed=$(printf "%s" "$lines" | grep -c '^failed' || true)
  if [ "$failed" != 0 ]; then
    printf "failed %s %s %s\n" "$failed" "$(printf "%s" "$lines" | grep -c .)" \
      "$(printf "%s" "$lines" | grep -m1 '^failed' | cut -d' ' -f2-)"
    return
  fi
  local srv="-"
  if ! printf "%s" "$lines" | awk 'NF && $5 == "-" {bad = 1} END {exit !bad}'; then
    srv=$(printf "%s" "$lines" | awk 'NF{print $5}' | median)
  fi
  printf "%s %s %s %s\n" "$(printf "%s" "$lines" | awk 'NF{print $1}' | median)" \
    "$(printf "%s" "$lines" | awk 'NF{print $2 + $3}' | median)" "$(printf "%s" "$lines" | awk 'NF{print $4}' | median)" \
    "$srv"
}

# report BASELINE RATIO_HEADER ROWS BYTES NAME...: markdown table of the medians, one row per contender, each
# named by label[NAME] if set. REPORT_INPUT (if set) fills a first column "input" on the first row;
# REPORT_HEADER=0 leaves out the header lines (to append rows to an earlier table).
report() {
  local base=$1 ratio=$2 rows=$3 bytes=$4
  shift 4
  local bw input=${REPORT_INPUT:-} first=1
  bw=$(medians "$base" | awk '$1 == "failed" {print 0; next} {print $1}')
  if [ "${REPORT_HEADER:-1}" != 0 ]; then
    if [ -n "${REPORT_INPUT+x}" ]; then printf "| input "; fi
    printf "| contender | wall s | rows/s | MB/s | client CPU s | server CPU s | client/server CPU | peak RSS MB | %s |\n" "$ratio"
    if [ -n "${REPORT_INPUT+x}" ]; then printf "| --- "; fi
    printf "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
  fi
  local c m
  for c in "$@"; do
    if [ -n "${REPORT_INPUT+x}" ]; then
      if [ "$first" = 1 ]; then printf "| %s " "$input"; else printf "| "; fi
    fi
    first=0
    m=$(medians "$c")
    case $m in
      failed*)
        awk -v c="${label[$c]:-$c}" -v m="$m" 'BEGIN {
          split(m, f, " "); reason = m; for (i = 1; i <= 4; i++) sub(/^[^ ]+ /, "", reason)
          rounds = f[2] == f[3] ? "" : sprintf(" in %d of %d runs", f[2], f[3])
          printf "| %s | failed%s after %.1f s (%s) | – | – | – | – | – | – | – |\n", c, rounds, f[4], reason }' ;;
      *)
        awk -v c="${label[$c]:-$c}" -v m="$m" -v rows="$rows" -v bytes="$bytes" -v bw="$bw" 'BEGIN {
          split(m, f, " "); w = f[1] > 0 ? f[1] : 0.01
          srv = f[4] == "-" ? "–" : sprintf("%.1f", f[4])
          share = f[4] == "-" || f[4] <= 0 ? "–" : sprintf("%.0f%%", 100 * f[2] / f[4])
          printf "| %s | %.2f | %.0f | %.1f | %.1f | %s | %s | %.0f | %s |\n", c, f[1], rows / w, bytes / w / 1048576,
            f[2], srv, share, f[3] / 1024, (bw > 0 ? sprintf("%.2fx", f[1] / bw) : "–") }' ;;
    esac
  done
}

# dump_source DB: the data set generators' common part. Runs the SQL on stdin in a session with SET NAMES utf8mb4
# and strict mode, in DB created anew (the caller drops it at exit: BENCH_DBS), then writes a mariadb-dump of DB
# without a dump date on stdout, so the same SQL gives the same bytes. Exits on the first failed statement.
dump_source() {
  local db=$1
  {
    echo "SET NAMES utf8mb4; SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';"
    echo "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\`; USE \`$db\`;"
    cat
  } | $M -N >"$WORK/fill.out" 2>&1 || { cut -c1-300 "$WORK/fill.out" >&2; exit 1; }
  mariadb-dump -h "$HOST" -P "$PORT" -u root --skip-dump-date "$db"
}

run_header() {
  local jar=${PACKLOAD_DIST:-$ROOT/loader/target}/packload.jar
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" \
    "($(git --no-optional-locks -C "$ROOT" status --porcelain 2>/dev/null | grep -c . || true) files changed in the tree);" \
    "packload.jar built $(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC' 2>/dev/null || echo '?');" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); server $($M -N -e 'SELECT VERSION()'), max_allowed_packet $($M -N -e 'SELECT @@max_allowed_packet')"
}
