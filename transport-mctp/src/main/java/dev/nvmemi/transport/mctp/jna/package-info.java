/**
 * The system-call seam of the AF_MCTP transport: {@link dev.nvmemi.transport.mctp.jna.SocketOps}
 * (what the transport needs from the kernel) and its JNA implementation over glibc
 * ({@link dev.nvmemi.transport.mctp.jna.JnaSocketOps}), with the C structures of
 * {@code include/uapi/linux/mctp.h} mapped as JNA {@code Structure}s (spec: {@code shared/spec/mctp.md}
 * §1.1–1.3) and a minimal rtnetlink client ({@link dev.nvmemi.transport.mctp.jna.RtNetlink}).
 *
 * <p>Everything here blocks in system calls: it runs on the {@code mctp-io} worker threads (or on a
 * test thread), never on a Vert.x event loop. Unit tests replace {@code SocketOps} with a scripted
 * fake, as libnvme's {@code __nvme_mi_mctp_set_ops} does, so no test needs a kernel with MCTP.
 */
package dev.nvmemi.transport.mctp.jna;
