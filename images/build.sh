#!/usr/bin/env bash
# Builds the two container images as OCI archives, from a clean checkout, without a container
# engine:
#   target/images/camrec-operator-<tag>.oci.tar   the operator (Quarkus fast-jar) on Debian's JRE
#   target/images/recorder-sidecar-<tag>.oci.tar  the recorder, its FFmpeg and Debian's JRE
# Names and tag come from the parent POM (camrec.image.registry, camrec.image.tag); override them
# with CAMREC_IMAGE_REGISTRY / CAMREC_IMAGE_TAG (the operator's default recorder image follows).
#
# Each image is two layers: a Debian root filesystem made by mmdebstrap from Debian packages, and
# the application. Both are tar files written in a fixed order with fixed owners and times
# (SOURCE_DATE_EPOCH = the commit's time), so two builds of one commit differ only in
#   - the base layer when Debian published a newer package in between,
#   - /etc/ssl/certs/java/cacerts (both base layers): ca-certificates-java's keytool writes the
#     keystore with a fresh random salt each time,
#   - the operator's quarkus/generated-bytecode.jar (see operator_image).
# The recorder's application layer is the same byte for byte.
# The base root filesystems are kept in target/images/base/ and reused while their recipe is
# unchanged; delete that folder (or ./mvnw clean) to take Debian's newest packages.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=target/images
UID_GID=10001 # runAsUser/runAsGroup/fsGroup of the pods the operator creates (DesiredRecorderDeployment)

log() { echo "images: $*" >&2; }

need_tools() {
  local missing=()
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v unzip >/dev/null || missing+=(unzip)
  command -v strip-nondeterminism >/dev/null || missing+=(strip-nondeterminism)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} from apt"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

pom_property() {
  ./mvnw -B -q -N org.apache.maven.plugins:maven-help-plugin:3.5.1:evaluate \
    -Dexpression="$1" -DforceStdout
}

# Debian root filesystem with the given packages, as a tar with entries in a fixed order and mtimes
# clamped to SOURCE_DATE_EPOCH (mmdebstrap does both when SOURCE_DATE_EPOCH is set). Reused while
# the recipe (packages, options, apt sources) is unchanged.
#   --variant=essential  dpkg and the Essential packages, no apt: nothing installs at run time
#   path-exclude         man pages, docs (copyright files kept) and translations: unused in a pod;
#                        /usr/share/man/man1 must still exist for the JRE's postinst
#                        (update-alternatives links its man pages there)
#   --skip=output/dev    no device nodes: the container runtime provides /dev
#   the user 10001       written into passwd/group directly (useradd would date /etc/shadow)
#   /var/lib/dpkg kept   image scanners read the installed package versions from it
base_rootfs() {
  local name=$1 packages=$2
  # The machine's own Debian sources (its mirror, its proxy); CAMREC_APT_SOURCES names another
  # sources file, e.g. on a machine that is not Debian bookworm.
  local sources=${CAMREC_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}
  [[ -f $sources ]] || sources=/etc/apt/sources.list
  local args=(--quiet --format=tar --variant=essential --include="$packages"
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*'
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*'
    --setup-hook='mkdir -p "$1/usr/share/man/man1"'
    --customize-hook="echo 'camrec:x:$UID_GID:$UID_GID:camrec:/nonexistent:/usr/sbin/nologin' >> \"\$1/etc/passwd\""
    --customize-hook="echo 'camrec:x:$UID_GID:' >> \"\$1/etc/group\""
    --skip=output/dev)
  local key
  key=$( (printf '%s\n' "${args[@]}" && cat "$sources") | sha256sum | cut -c1-16)
  local tar=$OUT/base/$name-$key.tar
  if [[ ! -f $tar ]]; then
    log "building the $name root filesystem from Debian packages: $packages"
    mkdir -p "$OUT/base"
    rm -f "$OUT/base/$name-"*.tar
    mmdebstrap "${args[@]}" bookworm "$tar.partial" "$sources" >&2
    mv "$tar.partial" "$tar"
  fi
  echo "$tar"
}

# A layer from a staging folder: sorted names, numeric owners as staged, one mtime.
layer_tar() {
  tar --sort=name --format=posix --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$1" -cf "$2" .
}

json_array() {
  local first=1 item
  printf '['
  for item in "$@"; do
    ((first)) || printf ','
    first=0
    printf '"%s"' "$item"
  done
  printf ']'
}

# Writes blob $1 (a file) into the OCI layout $2 and prints its digest and size.
add_blob() {
  local digest
  digest=$(sha256sum "$1" | cut -d' ' -f1)
  mkdir -p "$2/blobs/sha256"
  cp "$1" "$2/blobs/sha256/$digest"
  echo "sha256:$digest $(stat -c %s "$1")"
}

# assemble NAME OUT.tar CONFIG_JSON_FRAGMENT LAYER.tar:HISTORY...
# An OCI image layout (oci-layout, index.json, blobs/) with gzip layers, archived as one tar:
# what `podman load`, `skopeo copy oci-archive:...` and `ctr import` read.
assemble() {
  local ref=$1 archive=$2 config_fragment=$3
  shift 3
  local layout=$OUT/work/layout-$(basename "$archive" .oci.tar)
  rm -rf "$layout"
  mkdir -p "$layout"
  local created
  created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
  local diff_ids=() layers=() history=() spec path comment
  for spec in "$@"; do
    path=${spec%%:*}
    comment=${spec#*:}
    diff_ids+=("sha256:$(sha256sum "$path" | cut -d' ' -f1)")
    gzip -n -6 <"$path" >"$path.gz"
    read -r digest size < <(add_blob "$path.gz" "$layout")
    rm -f "$path.gz"
    layers+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$digest\",\"size\":$size}")
    history+=("{\"created\":\"$created\",\"created_by\":\"$comment\"}")
  done
  local config=$OUT/work/config.json
  printf '{"architecture":"amd64","os":"linux","created":"%s","config":%s,"rootfs":{"type":"layers","diff_ids":%s},"history":[%s]}' \
    "$created" "$config_fragment" "$(json_array "${diff_ids[@]}")" "$(IFS=,; echo "${history[*]}")" >"$config"
  read -r config_digest config_size < <(add_blob "$config" "$layout")
  local manifest=$OUT/work/manifest.json
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[%s]}' \
    "$config_digest" "$config_size" "$(IFS=,; echo "${layers[*]}")" >"$manifest"
  read -r manifest_digest manifest_size < <(add_blob "$manifest" "$layout")
  # ref.name is the full name, so that `podman load` tags the image with it.
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s","io.containerd.image.name":"%s"}}]}' \
    "$manifest_digest" "$manifest_size" "$ref" "$ref" >"$layout/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  find "$layout" -exec chown 0:0 {} + -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  tar --sort=name --format=posix --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$layout" -cf "$archive" oci-layout index.json blobs
  rm -rf "$layout"
  log "$archive: $ref, manifest $manifest_digest"
}

labels() {
  local title=$1 description=$2
  printf '{"org.opencontainers.image.title":"%s","org.opencontainers.image.description":"%s","org.opencontainers.image.source":"%s","org.opencontainers.image.version":"%s","org.opencontainers.image.revision":"%s","org.opencontainers.image.created":"%s"}' \
    "$title" "$description" "$SOURCE_URL" "$TAG" "$REVISION" \
    "$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
}

PATH_ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

recorder_image() {
  local base
  # The system libraries the bundled FFmpeg links (readelf -d): libavdevice's ALSA, PulseAudio and
  # XCB, libavutil's libdrm (found through the system path: only the executables carry a RUNPATH).
  base=$(base_rootfs recorder openjdk-17-jre-headless,ca-certificates,libstdc++6,libasound2,libpulse0,libxcb1,libxcb-shm0,libdrm2)
  local stage=$OUT/work/recorder
  rm -rf "$stage"
  local app=$stage/opt/camrec/recorder-sidecar
  mkdir -p "$app" "$stage/usr/local/bin" "$stage/opt/ffmpeg" "$stage/spool"
  cp recorder-sidecar/target/recorder-sidecar.jar recorder-sidecar/target/recorder-sidecar "$app/"
  cp -r recorder-sidecar/target/lib "$app/lib"
  # FFmpeg: the executables and libraries of the org.bytedeco:ffmpeg jar the tests run, unpacked
  # here once instead of into a cache folder at run time (the root filesystem is read-only). The
  # jar itself stays out: the recorder takes the ffmpeg on PATH before the bundled one.
  local ffmpeg_jar
  ffmpeg_jar=$(ls "$app"/lib/ffmpeg-*-linux-x86_64-gpl.jar)
  unzip -q -j "$ffmpeg_jar" 'org/bytedeco/ffmpeg/linux-x86_64-gpl/ff*' \
    'org/bytedeco/ffmpeg/linux-x86_64-gpl/lib*.so.*' \
    -x 'org/bytedeco/ffmpeg/linux-x86_64-gpl/libdrm.so.*' -d "$stage/opt/ffmpeg"
  rm "$ffmpeg_jar"
  chmod 755 "$stage/opt/ffmpeg/ffmpeg" "$stage/opt/ffmpeg/ffprobe" "$app/recorder-sidecar"
  ln -s ../../../opt/ffmpeg/ffmpeg "$stage/usr/local/bin/ffmpeg"
  ln -s ../../../opt/ffmpeg/ffprobe "$stage/usr/local/bin/ffprobe"
  ln -s ../../../opt/camrec/recorder-sidecar/recorder-sidecar "$stage/usr/local/bin/recorder-sidecar"
  chown -R 0:0 "$stage"
  chmod -R go-w,a+rX "$stage"
  # Writable only where a plain `podman run` without volumes needs it; pods mount a volume here.
  chown "$UID_GID:$UID_GID" "$stage/spool"
  layer_tar "$stage" "$OUT/work/recorder-app.tar"
  local config
  config=$(printf '{"User":"%s:%s","Env":["%s"],"Entrypoint":["recorder-sidecar"],"Cmd":["record"],"WorkingDir":"/","ExposedPorts":{"8080/tcp":{}},"Labels":%s}' \
    "$UID_GID" "$UID_GID" "$PATH_ENV" \
    "$(labels recorder-sidecar 'camrec recorder: records a camera with FFmpeg into S3; also clip and retention jobs')")
  assemble "$REGISTRY/recorder-sidecar:$TAG" "$OUT/recorder-sidecar-$TAG.oci.tar" "$config" \
    "$base:mmdebstrap bookworm: openjdk-17-jre-headless and FFmpeg's shared libraries" \
    "$OUT/work/recorder-app.tar:images/build.sh: recorder-sidecar and FFmpeg from org.bytedeco:ffmpeg"
}

operator_image() {
  local base
  base=$(base_rootfs operator openjdk-17-jre-headless,ca-certificates)
  local stage=$OUT/work/operator
  rm -rf "$stage"
  mkdir -p "$stage/opt/camrec"
  cp -r operator/target/quarkus-app "$stage/opt/camrec/operator"
  # Quarkus dates the entries of the jars it writes with the build's time (it does not take
  # project.build.outputTimestamp from the command line): set them to SOURCE_DATE_EPOCH. What
  # still differs between two builds is quarkus/generated-bytecode.jar, whose recorded start-up
  # steps Quarkus generates anew, not byte for byte the same, on each build.
  strip-nondeterminism --timestamp "$SOURCE_DATE_EPOCH" \
    "$stage/opt/camrec/operator/quarkus-run.jar" "$stage"/opt/camrec/operator/{app,quarkus}/*.jar >/dev/null
  chown -R 0:0 "$stage"
  chmod -R go-w,a+rX "$stage"
  layer_tar "$stage" "$OUT/work/operator-app.tar"
  # -XX:-UsePerfData: no hsperfdata file in /tmp, which may be read-only or absent.
  # MALLOC_ARENA_MAX=2: glibc gives each thread that mallocs an arena of its own, up to 8 per
  # core; the operator's ~150 threads left ~90 MiB of them resident beyond what the JVM tracks,
  # and its memory limit is 512 MiB (bench/operator-scale.sh, mirrored in its OperatorUnderTest).
  local config
  config=$(printf '{"User":"%s:%s","Env":["%s","MALLOC_ARENA_MAX=2"],"Entrypoint":["java","-XX:+ExitOnOutOfMemoryError","-XX:-UsePerfData","-jar","/opt/camrec/operator/quarkus-run.jar"],"WorkingDir":"/opt/camrec/operator","ExposedPorts":{"8080/tcp":{}},"Labels":%s}' \
    "$UID_GID" "$UID_GID" "$PATH_ENV" \
    "$(labels camrec-operator 'camrec operator: reconciles Cameras, RetentionPolicies and ClipRequests')")
  assemble "$REGISTRY/camrec-operator:$TAG" "$OUT/camrec-operator-$TAG.oci.tar" "$config" \
    "$base:mmdebstrap bookworm: openjdk-17-jre-headless" \
    "$OUT/work/operator-app.tar:images/build.sh: operator/target/quarkus-app"
}

main() {
  need_tools
  REGISTRY=${CAMREC_IMAGE_REGISTRY:-$(pom_property camrec.image.registry)}
  TAG=${CAMREC_IMAGE_TAG:-$(pom_property camrec.image.tag)}
  SOURCE_URL=$(pom_property camrec.image.source)
  REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)
  if [[ $REVISION != unknown ]] && ! git diff --quiet HEAD 2>/dev/null; then
    REVISION=$REVISION-dirty
  fi
  export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
  log "building jars (outputTimestamp $SOURCE_DATE_EPOCH)"
  ./mvnw -B -q -Dmaven.test.skip=true package -pl recorder-sidecar,operator -am \
    -Dproject.build.outputTimestamp="$SOURCE_DATE_EPOCH" \
    -Dcamrec.image.registry="$REGISTRY" -Dcamrec.image.tag="$TAG"
  mkdir -p "$OUT/work"
  recorder_image
  operator_image
  rm -rf "$OUT/work"
  ls -l "$OUT"/*.oci.tar >&2
}

main "$@"
