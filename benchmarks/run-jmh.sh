#!/usr/bin/env bash
# Builds the benchmarks module and runs the JMH benchmarks (all of them by default: about 6 minutes), then prints
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
# 5 measured iterations, not 3: JMH's 99.9% error uses Student's t, which is 31.6 for 3 samples and 8.6 for 5
DEFAULT_OPTS="-f 1 -wi 3 -w 2s -i 5 -r 2s"
PROFILER="dev.packload.benchmarks.CpuShareProfiler"

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
java -cp "$CP" org.openjdk.jmh.Main ${JMH_OPTS:-$DEFAULT_OPTS} -prof "$PROFILER" -rf csv -rff "$OUT/results.csv" "$@" \
  | tee "$OUT/output.txt"

# Every benchmark reads or writes a whole number of MiB per operation, so its ops/s are MiB/s. The CPU share
# (see CpuShareProfiler) goes next to its benchmark; other secondary results (-prof gc, ...) get a table of their own.
awk -F, '
  function unq(s) { gsub(/["\r]/, "", s); return s }
  NR == 1 {
    for (i = 1; i <= NF; i++) { h = unq($i); if (h ~ /^Param: /) { param[i] = substr(h, 8) } }
    next
  }
  {
    name = unq($1); sub(/^dev\.packload\.benchmarks\./, "", name)
    p = ""
    for (i = 8; i <= NF; i++) { v = unq($i); if (v != "") { p = p (p == "" ? "" : " ") param[i] "=" v } }
    err = unq($6); err = err == "NaN" ? "-" : sprintf("%.1f", err)
    split(name, part, ":")
    key = part[1] SUBSEP p
    if (!(name ~ /:/)) {
      order[++n] = key; bench[key] = part[1]; params[key] = p; score[key] = unq($5); error[key] = err
    } else if (part[2] ~ /cpu\.share$/) {
      share[key] = unq($5)
    } else {
      extra[++m] = sprintf("| %s | %s | %.3f | %s | %s |", name, p, unq($5), err, unq($7))
    }
  }
  END {
    print "| benchmark | params | MiB/s | ± error (99.9%) | CPU share (cores) | MiB per CPU-second |"
    print "| --- | --- | ---: | ---: | ---: | ---: |"
    for (k = 1; k <= n; k++) {
      key = order[k]
      s = key in share ? sprintf("%.2f", share[key]) : "-"
      c = key in share && share[key] > 0 ? sprintf("%.1f", score[key] / share[key]) : "-"
      printf "| %s | %s | %.1f | %s | %s | %s |\n", bench[key], params[key], score[key], error[key], s, c
    }
    if (m > 0) {
      print ""
      print "| secondary result | params | score | ± error (99.9%) | unit |"
      print "| --- | --- | ---: | ---: | --- |"
      for (k = 1; k <= m; k++) { print extra[k] }
    }
  }
' "$OUT/results.csv" > "$OUT/results.md"
echo
echo "Results (MiB/s = 1,048,576 bytes/s; the issue's 400 MB/s target is 381.5 MiB/s):"
cat "$OUT/results.md"
