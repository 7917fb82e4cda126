#!/usr/bin/env bash
# Builds (or reuses) the small x86_64 guest kernel with AF_MCTP and the MCTP serial binding that the
# VM integration tests boot under QEMU. Prints the path of the bzImage on stdout (last line).
#
# Source: Debian's linux-source-6.12 (/usr/src/linux-source-6.12.tar.xz); config: tinyconfig + the
# fragment beside this script (mctp-kernel.config) + olddefconfig; every fragment line is checked to
# have survived. The result is cached OUTSIDE the repository, keyed by a hash of the fragment and the
# source package version:  ${NVME_MI_KERNEL_CACHE:-~/.cache/nvme-mi-agent/kernel}/<key>/bzImage
# A build takes about 4 minutes on 2 cores; a cache hit takes milliseconds.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
FRAGMENT="$HERE/mctp-kernel.config"
TARBALL=${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
CACHE_ROOT=${NVME_MI_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nvme-mi-agent/kernel}
JOBS=${KERNEL_BUILD_JOBS:-2}

log() { echo "build-kernel: $*" >&2; }

[ -f "$TARBALL" ] || { log "no kernel source at $TARBALL (expected: Debian package linux-source-6.12)"; exit 1; }
src_version=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || stat -c '%s-%Y' "$TARBALL")
key=$( { sha256sum "$FRAGMENT" | cut -d' ' -f1; echo "$src_version"; echo "$(basename "$TARBALL")"; } | sha256sum | cut -c1-16)
out="$CACHE_ROOT/$key"
if [ -s "$out/bzImage" ]; then
  log "cached kernel $out/bzImage (source $src_version)"
  echo "$out/bzImage"
  exit 0
fi

mkdir -p "$CACHE_ROOT"
# one build at a time (another scripts/test run may be building the same kernel)
exec 9>"$CACHE_ROOT/.lock"
flock 9
if [ -s "$out/bzImage" ]; then echo "$out/bzImage"; exit 0; fi

work="$CACHE_ROOT/build-$key"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
log "unpacking $TARBALL (source $src_version) into $work"
tar -C "$work" -xJf "$TARBALL"
tree=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)
cd "$tree"
log "configuring: tinyconfig + $(basename "$FRAGMENT") + olddefconfig"
make -s ARCH=x86_64 tinyconfig >/dev/null
./scripts/kconfig/merge_config.sh -m -O . .config "$FRAGMENT" >/dev/null
make -s ARCH=x86_64 olddefconfig >/dev/null
missing=0
while IFS= read -r line; do
  case "$line" in
    CONFIG_*=*) grep -qxF "$line" .config || { log "fragment line did not survive olddefconfig: $line"; missing=1; } ;;
    "# CONFIG_"*" is not set")
      sym=${line#\# }; sym=${sym%% *}
      if grep -q "^$sym=" .config; then log "fragment wants $sym unset, but .config has: $(grep "^$sym=" .config)"; missing=1; fi ;;
  esac
done < "$FRAGMENT"
[ $missing = 0 ] || { log "kernel config check failed (see lines above)"; exit 1; }
log "building bzImage with -j$JOBS (about 4 min on 2 cores)"
make -s ARCH=x86_64 -j"$JOBS" bzImage >"$work/make.log" 2>&1 || { tail -40 "$work/make.log" >&2; log "kernel build failed"; exit 1; }
mkdir -p "$out.tmp"
cp arch/x86/boot/bzImage "$out.tmp/bzImage"
cp .config "$out.tmp/config"
echo "$src_version" > "$out.tmp/source-version"
rm -rf "$out"; mv "$out.tmp" "$out"
log "built $out/bzImage in $(( $(date +%s) - start )) s"
echo "$out/bzImage"
