# The AF_MCTP VM tests (scripts/after.d/50-mctp-vm.sh): a guest kernel built from Debian's kernel
# source with MCTP, booted under QEMU, with busybox as init; gcc builds the small pty helper.
want qemu-system-x86_64 qemu-system-x86
want /usr/src/linux-source-6.12.tar.xz linux-source-6.12
want flex flex
want bison bison
want /usr/include/libelf.h libelf-dev
want cpio cpio
want /bin/busybox busybox-static
want xz xz-utils
want bc bc
want /usr/include/openssl/ssl.h libssl-dev
want gcc build-essential
want make build-essential
want unzip unzip
