#!/usr/bin/env bash
# Container images benchmark: build time cold (no target/images: Debian root filesystems made
# anew) and warm (right after, root filesystems kept), whether a second cold build gives the same
# layers, image sizes (compressed as stored in the archive and pushed; unpacked), and the recorder
# container's CPU and RSS against the bare recorder process on the same camera (ImageBench).
# Usage: bench/images.sh [warm-up s] [steady s] [segment s]   -> appends to bench/RESULTS.md
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${1:-30}
STEADY=${2:-60}
SEGMENT=${3:-10}

# "archive layer-or-config digest" lines: the config first, then the layers, per archive.
digests() {
  local archive manifest
  for archive in target/images/*.oci.tar; do
    manifest=$(tar -xOf "$archive" index.json | grep -o 'sha256:[0-9a-f]*' | head -1)
    tar -xOf "$archive" "blobs/sha256/${manifest#sha256:}" | grep -o 'sha256:[0-9a-f]*' |
      sed "s|^|$(basename "$archive") |"
  done
}

timed_build() {
  local start=$SECONDS
  images/build.sh >&2
  echo $((SECONDS - start))
}

rm -rf target/images
cold=$(timed_build)
digests >target/images-cold1.txt
warm=$(timed_build)
digests >target/images-warm.txt
rm -rf target/images/base
cold2=$(timed_build)
digests >target/images-cold2.txt

same() { if cmp -s "$1" "$2"; then echo "identical"; else echo "differ: $(diff "$1" "$2" | grep -c '^>') of $(wc -l <"$2") digests"; fi; }

{
  echo
  echo "## images $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores"
  echo
  echo "| build (images/build.sh, jars included) | seconds |"
  echo "|---|---|"
  echo "| cold: no target/images | $cold |"
  echo "| warm: right after, Debian root filesystems kept | $warm |"
  echo "| cold again | $cold2 |"
  echo
  echo "Digests (config + layers), cold vs warm: $(same target/images-cold1.txt target/images-warm.txt);"
  echo "cold vs cold again: $(same target/images-cold1.txt target/images-cold2.txt)."
  echo
  echo "| image layer | compressed MB | unpacked MB |"
  echo "|---|---|---|"
  for archive in target/images/*.oci.tar; do
    manifest=$(tar -xOf "$archive" index.json | grep -o 'sha256:[0-9a-f]*' | head -1)
    total_c=0 total_u=0
    for layer in $(tar -xOf "$archive" "blobs/sha256/${manifest#sha256:}" | grep -o 'sha256:[0-9a-f]*' | tail -n +2); do
      c=$(tar -xOf "$archive" "blobs/sha256/${layer#sha256:}" | wc -c)
      u=$(tar -xOf "$archive" "blobs/sha256/${layer#sha256:}" | gzip -dc | wc -c)
      total_c=$((total_c + c)) total_u=$((total_u + u))
      echo "| $(basename "$archive" .oci.tar) ${layer:7:12} | $((c / 1000000)) | $((u / 1000000)) |"
    done
    echo "| **$(basename "$archive" .oci.tar)** | **$((total_c / 1000000))** | **$((total_u / 1000000))** |"
  done
  echo
} | tee -a bench/RESULTS.md

. images/podman-env.sh
recorder=$(podman_load target/images/recorder-sidecar-*.oci.tar)
trap 'podman rmi --force "$recorder" >/dev/null 2>&1 || true' EXIT
./mvnw -B -q -pl sandbox -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/target/images/bench-classpath.txt"
java -cp "sandbox/target/test-classes:sandbox/target/classes:$(cat target/images/bench-classpath.txt)" \
  dev.camrec.sandbox.images.ImageBench "$PWD" "$recorder" "$WARMUP" "$STEADY" "$SEGMENT" |
  tee -a bench/RESULTS.md
