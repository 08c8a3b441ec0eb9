#!/usr/bin/env bash
# Smoke test of the images that images/build.sh wrote to target/images/: loads both archives into
# podman and runs them the way their pods would (see ImagesSmoke in the sandbox module's tests).
# Every server it starts listens on 127.0.0.1; it removes its containers and the loaded images.
set -euo pipefail
cd "$(dirname "$0")/.."
. images/podman-env.sh
recorder_archive=$(ls target/images/recorder-sidecar-*.oci.tar)
operator_archive=$(ls target/images/camrec-operator-*.oci.tar)
recorder=$(podman_load "$recorder_archive")
operator=$(podman_load "$operator_archive")
trap 'podman rmi --force "$recorder" "$operator" >/dev/null 2>&1; podman image prune --force >/dev/null 2>&1 || true' EXIT
echo "images: loaded $recorder and $operator" >&2
# The simulated camera, S3 and Kubernetes API come from the testbed and sandbox modules.
./mvnw -B -q -pl sandbox -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/target/images/smoke-classpath.txt"
java -cp "sandbox/target/test-classes:sandbox/target/classes:$(cat target/images/smoke-classpath.txt)" \
  dev.camrec.sandbox.images.ImagesSmoke "$PWD" "$recorder" "$operator"
