#!/usr/bin/env bash
# Builds the benchmarks module and runs the JMH benchmarks (all of them by default: about 5 minutes), then prints
# the results as a table in MiB/s.
#
#   benchmarks/run-jmh.sh                       everything, with the default run lengths below
#   benchmarks/run-jmh.sh DumpScan              only benchmarks whose name matches a regex
#   benchmarks/run-jmh.sh 'DumpScanBenchmark.scanRebatch' -p shape=EXTENDED -prof stack
#   JMH_OPTS='-f 3 -wi 5 -i 10' benchmarks/run-jmh.sh   longer, steadier runs
#
# Arguments go to JMH as they are. Output: benchmarks/target/jmh/{output.txt,results.csv,results.md}.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
OUT="$HERE/target/jmh"
DEFAULT_OPTS="-f 1 -wi 2 -i 3 -w 2s -r 3s"

(cd "$ROOT" && mvn -q -B -Dstyle.color=never -pl benchmarks -am package -Dmaven.test.skip=true)

# Run from a snapshot of this project's classes and jars: a build of another module during the run would
# otherwise replace a jar under the forked JVM's feet. Jars from the local Maven repository don't change.
rm -rf "$OUT"
mkdir -p "$OUT/lib"
cp -r "$HERE/target/classes" "$OUT/lib/classes"
CP="$OUT/lib/classes"
IFS=: read -r -a entries < "$HERE/target/classpath.txt" || true # no final newline
for entry in "${entries[@]}"; do
  case "$entry" in
    "$ROOT"/*)
      cp "$entry" "$OUT/lib/"
      CP="$CP:$OUT/lib/$(basename "$entry")"
      ;;
    *) CP="$CP:$entry" ;;
  esac
done

# shellcheck disable=SC2086 # JMH_OPTS is a list of options
java -cp "$CP" org.openjdk.jmh.Main ${JMH_OPTS:-$DEFAULT_OPTS} -rf csv -rff "$OUT/results.csv" "$@" \
  | tee "$OUT/output.txt"

# Every benchmark reads or writes a whole number of MiB per operation, so its ops/s are MiB/s.
awk -F, '
  function unq(s) { gsub(/["\r]/, "", s); return s }
  NR == 1 {
    for (i = 1; i <= NF; i++) { h = unq($i); if (h ~ /^Param: /) { param[i] = substr(h, 8) } }
    print "| benchmark | params | score | ± error (99.9%) | unit |"
    print "| --- | --- | ---: | ---: | --- |"
    next
  }
  {
    name = unq($1); sub(/^dev\.packload\.benchmarks\./, "", name)
    p = ""
    for (i in param) { v = unq($i); if (v != "") { p = p (p == "" ? "" : " ") param[i] "=" v } }
    unit = unq($7); if (unit == "ops/s") { unit = "MiB/s" }
    err = unq($6); if (err == "NaN") { err = "-" } else { err = sprintf("%.1f", err) }
    printf "| %s | %s | %.1f | %s | %s |\n", name, p, unq($5), err, unit
  }
' "$OUT/results.csv" > "$OUT/results.md"
echo
echo "Results (MiB/s = 1,048,576 bytes/s; the issue's 400 MB/s target is 381.5 MiB/s):"
cat "$OUT/results.md"
