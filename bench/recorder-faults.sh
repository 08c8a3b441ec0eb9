#!/bin/sh
# Recorder under faults (stall, camera return, FFmpeg kills) with the default 10 s input timeout.
# Usage: bench/recorder-faults.sh   -> prints Markdown (bench/RESULTS.md holds the before/after)
set -eu
cd "$(dirname "$0")/.."
mkdir -p target
./mvnw -B -q -o -pl recorder-sidecar -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/target/fault-bench-classpath.txt"
CP="recorder-sidecar/target/test-classes:recorder-sidecar/target/classes:$(cat target/fault-bench-classpath.txt)"
for m in testbed contract; do CP="$CP:$m/target/classes"; done
java -cp "$CP" dev.camrec.recorder.bench.FaultBench
