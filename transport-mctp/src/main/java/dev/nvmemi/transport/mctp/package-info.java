/**
 * The AF_MCTP transport: {@link dev.nvmemi.transport.mctp.MctpTransport} implements
 * {@link dev.nvmemi.mi.client.MiTransport} over the Linux kernel's MCTP sockets (spec:
 * {@code shared/spec/mctp.md} §1), plus the bus lookup over rtnetlink
 * ({@link dev.nvmemi.transport.mctp.MctpRouteTable}, {@link dev.nvmemi.transport.mctp.MctpBusLookup}).
 *
 * <p>Threads: public entry points never block and may be called from a Vert.x event loop; the
 * blocking system calls run on the shared, bounded {@code mctp-io} worker pool, at most
 * {@code bus.concurrency} per physical bus and one per endpoint command slot.
 */
package dev.nvmemi.transport.mctp;
