#!/usr/bin/env bash
# bench/operator-fuzz.sh [cameras] [seed]: the Camera fuzz test (CameraFuzzMockServerTest) at scale.
# Runs it twice on the same seed against the fabric8 CRUD mock (no schema checks, as the sandbox):
# a baseline where every generated Camera is valid, then half of them invalid (wrong JSON types,
# out-of-range numbers, huge strings, unknown fields, bad URLs and time zones, missing Secrets),
# and prints each run's FUZZ line (time to apply, time until every Camera settled, reconciles,
# failed reconciles) and the settle time of the mixed run as a ratio of the baseline's.
# The test's own assertions hold in both runs: a failure prints the seed to replay.
# Appends its figures to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cameras=${1:-1000}
seed=${2:-$RANDOM$RANDOM}
run() {
  ./mvnw -B -q -o -pl operator -am test -Dtest=CameraFuzzMockServerTest \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcamrec.fuzz.cameras="$cameras" -Dcamrec.fuzz.seed="$seed" \
    -Dcamrec.fuzz.invalid-share="$1" -Dcamrec.fuzz.settle-seconds=900 |
    grep '^FUZZ .*cameras=' | sed "s/^FUZZ/FUZZ invalidShare=$1/"
}
{
  echo
  echo "### operator-fuzz $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  baseline=$(run 0)
  echo "    $baseline"
  mixed=$(run 0.5)
  echo "    $mixed"
  settled() { sed 's/.* settled=\([0-9.]*\)s.*/\1/' <<<"$1"; }
  awk -v b="$(settled "$baseline")" -v m="$(settled "$mixed")" \
    'BEGIN { printf "    settle time, half invalid / all valid: %.2f\n", m / b }'
} | tee -a bench/RESULTS.md
