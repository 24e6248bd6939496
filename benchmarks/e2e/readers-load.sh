#!/usr/bin/env bash
# readers-load.sh READERS INPUT: one `packload load --readers READERS INPUT` into a fresh scratch database, dropped
# after; with CHECK=1 it prints the table's CHECKSUM TABLE and row count first. The --readers figures of the README
# pair two of these with farm-bench:
#
#   farm-bench -n 7 --warmup 1 --timeout 900 --vs 'benchmarks/e2e/readers-load.sh 1 DIR' -- \
#       benchmarks/e2e/readers-load.sh 2 DIR
#
# The inputs: a CSV directory of gen-narrow-csv.sh's rows cut into files of 100,000 (each with the header, named
# narrow.partNN.csv, so they load into `narrow`, which this script creates for a directory of .csv files), and a
# mydumper directory of the same rows (gen-narrow.sh loaded into a database, then
# `mydumper -B DB -o DIR --sync-thread-lock-mode NO_LOCK -r 100000`, with -c for the compressed case).
# Needs a MariaDB/MySQL at $HOST:$PORT (default 127.0.0.1:3306, user root) and the mariadb client;
# PACKLOAD_DIST, as for the launcher, runs a fixed build.
set -euo pipefail
readers=$1 input=$2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
host=${HOST:-127.0.0.1} port=${PORT:-3306}
db=pl_readers_$$
sql() { mariadb -h"$host" -P"$port" -uroot "$@"; }
sql -e "CREATE DATABASE $db"
trap 'sql -e "DROP DATABASE IF EXISTS $db"' EXIT
if compgen -G "$input/*.csv" >/dev/null; then
  sql "$db" -e "CREATE TABLE narrow (id BIGINT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(12,2), created DATETIME, note VARCHAR(64))"
fi
err=$(mktemp)
"$root/packload" load -h "$host" -P "$port" -u root -D "$db" --no-journal --no-progress --readers "$readers" \
    "$input" >/dev/null 2>"$err" || { cat "$err"; rm -f "$err"; exit 1; }
rm -f "$err"
if [ -n "${CHECK:-}" ]; then
  sql -N -e "CHECKSUM TABLE $db.narrow; SELECT COUNT(*) FROM $db.narrow"
fi
