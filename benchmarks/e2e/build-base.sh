#!/usr/bin/env bash
# build-base.sh COMMIT DIR: builds packload as it was at COMMIT (git archive of that commit, Maven package without
# tests) and puts its packload.jar, lib/ and a file `commit` (the short hash) in DIR, for the comparison scripts'
# packload-base contender:
#
#   benchmarks/e2e/build-base.sh a6e9e65 /var/tmp/base
#   PACKLOAD_BASE=/var/tmp/base benchmarks/e2e/compare.sh --contenders packload,packload-base DUMP TABLE 5
#
# The working tree is not touched. Needs git, Maven and a JDK.
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
commit=$(git -C "$ROOT" rev-parse --short "$1^{commit}")
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
git -C "$ROOT" archive "$commit" | tar -x -C "$src"
mvn -q -B -f "$src/pom.xml" -Dmaven.test.skip=true -pl loader -am package >&2
mkdir -p "$2"
rm -rf "$2/lib" "$2/packload.jar" "$2/packload.jsa" "$2/packload.jsa.jvm"
cp -rp "$src/loader/target/packload.jar" "$src/loader/target/lib" "$2/"
echo "$commit" >"$2/commit"
echo "build-base.sh: packload at $commit in $2" >&2
