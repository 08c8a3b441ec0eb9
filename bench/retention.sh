#!/bin/sh
# Retention benchmark: `recorder-sidecar retention` (launcher script: the image's JVM flags) against
# a raw MinIO-client baseline (list + removeObjects) deleting the same 50,000 of 100,000 keys over
# 10 cameras in the embedded S3, alternating, in the same run; then peak RSS of a dry run listing
# 1,000,000 keys of one camera. Wall time and peak RSS of each process from /usr/bin/time.
# Usage: bench/retention.sh [repeats] [million: true|false]   -> appends to bench/RESULTS.md
set -eu
cd "$(dirname "$0")/.."
REPEATS=${1:-2}
MILLION=${2:-true}
mkdir -p target
# One reactor run: the recorder's module is built last, so its test class path is what stays.
./mvnw -B -q -o -pl recorder-sidecar -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
CP="recorder-sidecar/target/test-classes:recorder-sidecar/target/classes:$(cat target/bench-classpath.txt)"
{
  echo
  echo "## retention $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  java -cp "$CP" dev.camrec.recorder.bench.RetentionBench recorder-sidecar/target/recorder-sidecar \
    target/retention-bench "$REPEATS" "$MILLION"
} | tee -a bench/RESULTS.md
