# Sourced by images/smoke.sh and bench/images.sh: a podman that runs the images on this kind of
# machine (root, no container engine, cgroup v1), installed from apt when missing. Its images and
# containers live under target/images/podman/, not in the machine's /var/lib/containers.
if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
  echo "images: installing podman and runc from apt" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman runc >/dev/null
fi
export CONTAINERS_CONF=$PWD/images/containers.conf
export CONTAINERS_STORAGE_CONF=$PWD/target/images/podman/storage.conf
mkdir -p target/images/podman
cat >"$CONTAINERS_STORAGE_CONF" <<CONF
[storage]
driver = "overlay"
graphroot = "$PWD/target/images/podman/root"
runroot = "$PWD/target/images/podman/run"
CONF

# podman_load ARCHIVE: loads an OCI archive and prints the image name it carries.
podman_load() {
  podman load --quiet --input "$1" | sed -n 's/^Loaded image: //p' | tail -1
}
