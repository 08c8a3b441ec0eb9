#!/bin/sh
# Recorder benchmark: the whole recorder (launcher script: JVM + FFmpeg) against bare
# `ffmpeg -c copy -f segment` on the same 1080p ~4 Mbit/s H.264 simulated camera, same run.
# Usage: bench/recorder.sh [warm-up s] [steady s] [segment s]   -> appends to bench/RESULTS.md
set -eu
cd "$(dirname "$0")/.."
WARMUP=${1:-20}
STEADY=${2:-60}
SEGMENT=${3:-2}
mkdir -p target
# One reactor run: the recorder's module is built last, so its test class path is what stays.
./mvnw -B -q -pl recorder-sidecar -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
CP="recorder-sidecar/target/test-classes:recorder-sidecar/target/classes:$(cat target/bench-classpath.txt)"
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores"
  echo
  java -cp "$CP" dev.camrec.recorder.bench.RecorderBench recorder-sidecar/target/recorder-sidecar "$WARMUP" "$STEADY" "$SEGMENT"
} | tee -a bench/RESULTS.md
