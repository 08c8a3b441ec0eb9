#!/usr/bin/env bash
# bench/operator-scale.sh [cameras] [steady-minutes] [baseline-git-rev]
#
# The operator as shipped (operator/target/quarkus-app/quarkus-run.jar, the image's java flags and
# the chart's jvmOptions from helm/camrec/values.yaml) in a process of its own, against a
# second process that stands for the cluster: the sandbox's API server, an embedded S3, a fake
# Deployment controller that makes recorder pods ready, and recorders that store one 60 s segment
# per camera as each ends (straight into the store's files: not counted as requests).
# Code: sandbox/src/main/java/dev/camrec/sandbox/scale/. Prints SCALE lines (see OperatorScaleBench)
# and appends them to bench/RESULTS.md. With a baseline git revision, the operator built from that
# revision runs the same bench first, and the steady S3 requests per camera are given as a ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
cameras=${1:-1000}
steady=${2:-10}
baseline=${3:-}
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work=$(mktemp -d /tmp/camrec-scale.XXXXXX)
cleanup() {
  # The operator's logs outlive the run, for when it failed.
  mkdir -p /tmp/camrec-scale-logs
  for log in "$work"/*/operator.log; do
    [[ -f $log ]] && cp "$log" "/tmp/camrec-scale-logs/$(basename "$(dirname "$log")").log"
  done
  if [[ -n $baseline ]]; then git worktree remove --force "$work/baseline" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

./mvnw -B -q -Psandbox -pl sandbox -am package -DskipTests
# What runs is copied first, so that building in this checkout meanwhile cannot change it.
mkdir -p "$work/bench"
cp -r sandbox/target/classes "$work/bench/classes"
cp -r operator/target/quarkus-app "$work/bench/operator"
classpath=$work/bench/classes
for entry in $(tr ':' ' ' <sandbox/target/sandbox.classpath); do
  if [[ $entry == "$PWD"/* ]]; then
    cp "$entry" "$work/bench/" && entry=$work/bench/$(basename "$entry")
  fi
  classpath=$classpath:$entry
done
# The chart's, unless CAMREC_BENCH_JVM_OPTIONS says otherwise (to size them).
jvm_options=${CAMREC_BENCH_JVM_OPTIONS:-$(sed -n 's/^jvmOptions: *"\(.*\)"$/\1/p' helm/camrec/values.yaml)}
[[ -n $jvm_options ]] || { echo "no jvmOptions in helm/camrec/values.yaml" >&2; exit 1; }

run() { # run <label> <quarkus-run.jar>
  "$java" -cp "$classpath" \
    dev.camrec.sandbox.scale.OperatorScaleBench "$cameras" "$steady" "$2" "$jvm_options" \
    "$PWD" "$work/$1" | sed -u "s/^SCALE/SCALE $1/" | tee "$work/$1.out"
}
steady_s3() { sed -n 's/.*steady .* s3PerCameraMinute=\([0-9.]*\) .*/\1/p' "$work/$1.out"; }

# Runs appended to bench/RESULTS.md and not yet committed are no change to what is measured.
measured="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':(exclude)bench/RESULTS.md' || echo +changes)"
{
  echo
  echo "### operator-scale $cameras cameras, $steady min steady, $(date -u +%Y-%m-%dT%H:%MZ)," \
    "$measured, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "    operator JVM options: $jvm_options"
  echo
  if [[ -n $baseline ]]; then
    git worktree add -q --detach "$work/baseline" "$baseline"
    (cd "$work/baseline" && ./mvnw -B -q -pl operator -am package -DskipTests)
    run "baseline-$(git rev-parse --short "$baseline")" \
      "$work/baseline/operator/target/quarkus-app/quarkus-run.jar" | sed 's/^/    /'
  fi
  run current "$work/bench/operator/quarkus-run.jar" | sed 's/^/    /'
  if [[ -n $baseline ]]; then
    awk -v b="$(steady_s3 "baseline-$(git rev-parse --short "$baseline")")" \
      -v c="$(steady_s3 current)" \
      'BEGIN { printf "    steady S3 requests per camera, current / baseline: %.2f\n", c / b }'
  fi
} | tee -a bench/RESULTS.md
