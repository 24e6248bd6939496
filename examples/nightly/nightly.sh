#!/usr/bin/env bash
# The nightly job: check the limits, load, and say what happened by the exit code (see README, "Running unattended").
#   nightly.sh /backups/shop/2026-12-05.sql.zst
# Run from cron as:
#   30 2 * * *  loader  /opt/packload/examples/nightly/nightly.sh /backups/shop/$(date +\%F).sql.zst >>/var/log/packload/nightly.log 2>&1
set -u
dump=$1
packload=${PACKLOAD:-/opt/packload/packload}
files=(--defaults-extra-file=/etc/packload/nightly.cnf --defaults-group-suffix=_nightly)

# 1. every limit the load meets, on db1 and both replicas, against this dump; nothing is loaded
"$packload" check "${files[@]}" "$dump"
case $? in
  0) ;;
  7) echo "nightly: a limit is not met; the fixes are above. Nothing was loaded." >&2; exit 7 ;;
  *) echo "nightly: packload check could not run (exit $?)" >&2; exit 1 ;;
esac

# 2. the load; running the same command again after an interruption continues it (the journal in `packload`)
"$packload" load "${files[@]}" "$dump"
code=$?
case $code in
  0) echo "nightly: loaded" ;;
  3) echo "nightly: loaded, but rows were rejected: see /var/log/packload/shop-rejects.sql" >&2 ;;
  4) echo "nightly: the dump is bad (corrupt, truncated) or the server refused a statement" >&2 ;;
  5) echo "nightly: db1 unreachable for --retry-for; run the same command again to continue" >&2 ;;
  6) echo "nightly: interrupted; run the same command again to continue" >&2 ;;
  8) echo "nightly: the dump holds statements --untrusted refuses (listed above); nothing was sent" >&2 ;;
  *) echo "nightly: packload failed (exit $code)" >&2 ;;
esac
exit $code
