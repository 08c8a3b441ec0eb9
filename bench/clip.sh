#!/bin/sh
# Clip benchmark: a one-hour clip from 60 one-minute 1080p ~4 Mbit/s segments (one segment copied
# under 60 keys) in s3proxy, cut by `recorder-sidecar clip` through its launcher script (JVM flags
# as in production + FFmpeg), against a baseline that only reads the same objects to /dev/null,
# in the same run. Usage: bench/clip.sh [rounds]   -> appends to bench/RESULTS.md
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
mkdir -p target
./mvnw -B -q ${MVN_OFFLINE:-} -pl testbed,contract,recorder-sidecar package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
CP="recorder-sidecar/target/test-classes:recorder-sidecar/target/classes:$(cat target/bench-classpath.txt)"
{
  echo
  echo "## clip: $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores"
  echo
  java -cp "$CP" dev.camrec.recorder.bench.ClipBench recorder-sidecar/target/recorder-sidecar "$ROUNDS"
} | tee -a bench/RESULTS.md
