#!/bin/busybox sh
# PID 1 of the MCTP test guest (busybox-static: far faster than bash under TCG).
# The root file system is the host's / over 9p, read-only. The exchange share (tag "xchg") carries
# the command to run (cmd.sh) in and its exit status (status) and output out.
# Before /proc is mounted, /proc is the host's seen through 9p: call busybox applets by full path.
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
/bin/busybox mount -t devtmpfs dev /dev 2>/dev/null
/bin/busybox mkdir -p /dev/pts
/bin/busybox mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts
/bin/busybox ln -sf /dev/pts/ptmx /dev/ptmx 2>/dev/null
/bin/busybox mount -t tmpfs -o size=512m tmpfs /tmp
/bin/busybox mkdir -p /tmp/xchg
/bin/busybox mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 xchg /tmp/xchg
# a work tree under the host's /tmp (hidden by the tmpfs above) comes as a third share
if [ -f /tmp/xchg/work-path ]; then
  work=$(/bin/busybox cat /tmp/xchg/work-path)
  /bin/busybox mkdir -p "$work"
  /bin/busybox mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,ro work "$work"
fi
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp TMPDIR=/tmp
/bin/busybox ip link set lo up 2>/dev/null
cd /tmp
/bin/busybox sh /tmp/xchg/cmd.sh > /tmp/xchg/guest.log 2>&1
echo $? > /tmp/xchg/status
/bin/busybox sync
echo b > /proc/sysrq-trigger
