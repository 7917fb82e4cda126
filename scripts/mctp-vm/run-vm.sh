#!/usr/bin/env bash
# Boots the MCTP guest kernel under QEMU and runs one shell script inside it.
#   run-vm.sh <exchange-dir>
# MCTP_VM_SHARE=<dir under /tmp> shows that host directory at the same path in the guest.
# <exchange-dir>/cmd.sh is run by busybox sh inside the guest (the exchange dir is mounted at
# /tmp/xchg, the host's / is the guest's read-only root); its output lands in guest.log and its
# exit status in status. This script exits with that status (or 125 when the guest never wrote one).
# KVM is used only when it is real hardware virtualisation; a paravirtual /dev/kvm (kvm_pvm, no
# vmx/svm flags) cannot boot a stock kernel, so TCG is used there (see shared/spec/mctp-vm.md).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
XCHG=$(cd "$1" && pwd)
[ -f "$XCHG/cmd.sh" ] || { echo "run-vm: no $XCHG/cmd.sh" >&2; exit 2; }
KERNEL=${MCTP_VM_KERNEL:-$("$HERE/build-kernel.sh")}
TIMEOUT=${MCTP_VM_TIMEOUT:-1800}

# one VM at a time on this machine: two at once on 2 cores more than double each run's time
LOCK_DIR=${NVME_MI_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nvme-mi-agent}
mkdir -p "$LOCK_DIR"
exec 8>"$LOCK_DIR/vm.lock"
if ! flock -n 8; then
  echo "run-vm: another MCTP test VM is running; waiting for it" >&2
  flock 8
fi

# TCG: single-threaded. Multi-threaded TCG with two vCPUs crashed JVMs in the guest now and then
# (SIGSEGV in JIT-compiled code); see transport-mctp/README.md for the measurements behind this.
# MCTP_VM_ACCEL / MCTP_VM_CPU override it (e.g. to measure with scripts/mctp-vm/jvm-starts.sh).
accel="tcg,thread=single"
cpu="max"
if [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo; then
  accel="kvm"
  cpu="host"
fi
accel=${MCTP_VM_ACCEL:-$accel}
cpu=${MCTP_VM_CPU:-$cpu}
rm -f "$XCHG/status" "$XCHG/guest.log" "$XCHG/work-path"
# MCTP_VM_SHARE: a host directory under /tmp (which the guest hides) to show at the same path
extra=()
if [ -n "${MCTP_VM_SHARE:-}" ]; then
  echo "$MCTP_VM_SHARE" > "$XCHG/work-path"
  extra=(-fsdev "local,id=work,path=$MCTP_VM_SHARE,security_model=none,readonly=on,multidevs=remap"
    -device virtio-9p-pci,fsdev=work,mount_tag=work)
fi
echo "run-vm: booting $(basename "$(dirname "$KERNEL")")/bzImage with accel=$accel cpu=$cpu" >&2
start=$(date +%s)
set +e
timeout --kill-after=10 "$TIMEOUT" qemu-system-x86_64 \
  -accel "$accel" -cpu "$cpu" -m 2G -smp 2 -machine q35 -nodefaults -no-user-config \
  -display none -no-reboot -monitor none -serial "file:$XCHG/console.log" \
  -kernel "$KERNEL" \
  -fsdev local,id=root,path=/,security_model=none,readonly=on,multidevs=remap \
  -device virtio-9p-pci,fsdev=root,mount_tag=/dev/root \
  -fsdev local,id=xchg,path="$XCHG",security_model=none,multidevs=remap \
  -device virtio-9p-pci,fsdev=xchg,mount_tag=xchg \
  "${extra[@]}" \
  -append "console=ttyS0 quiet panic=-1 reboot=k root=/dev/root rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose ro init=$HERE/init.sh"
qemu_rc=$?
set -e
echo "run-vm: guest ran $(( $(date +%s) - start )) s (qemu exit $qemu_rc)" >&2
if [ ! -f "$XCHG/status" ]; then
  echo "run-vm: the guest wrote no exit status (qemu exit $qemu_rc); console log tail:" >&2
  tail -30 "$XCHG/console.log" >&2 || true
  exit 125
fi
exit "$(cat "$XCHG/status")"
