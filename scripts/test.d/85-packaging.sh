# packaging module: the container image (Jib) and the Debian package (jdeb), built by mvn package.
# BaseImage.java assembles the image's base layer from Debian packages (apt-get download, dpkg-deb -x;
# cached in ~/.cache/nvme-mi-agent/image-base) and checks the runtime's libraries with ldd; jlink
# comes with the JDK (openjdk-17-jdk-headless, 00-base.sh).
want dpkg-deb dpkg
want ldd libc-bin
want gzip gzip
# ContainerImageIT: unpacks the layers (GNU tar with xattrs), checks java's file capability, starts
# the image in a chroot in a private mount namespace.
want tar tar
want getcap libcap2-bin
want unshare util-linux
want chroot coreutils
# DebianPackageIT: lintian, dpkg --root install, systemd-analyze verify (80-helm.sh wants systemd).
want lintian lintian
want systemd-sysusers systemd
# The image's Debian packages are downloaded once: apt needs its package lists for that.
if [ ! -d "${HOME}/.cache/nvme-mi-agent/image-base/debs" ] && [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq; fi
fi
