/**
 * Endpoint discovery, independent of where endpoints come from: the sealed {@link
 * dev.nvmemi.transport.discovery.EndpointEvent} (appeared, changed, vanished), the {@link
 * dev.nvmemi.transport.discovery.DiscoverySource} contract (an RxJava 3 {@code Flowable} delivered
 * on one Vert.x context), the context-confined {@link dev.nvmemi.transport.discovery.EndpointTable}
 * that every source uses to turn state into events, and the static source for hosts without mctpd.
 * The mctpd source lives in {@code dev.nvmemi.transport.mctp.dbus}. Spec: {@code shared/spec/mctp.md}
 * §3; module documentation: {@code transport-mctp/DISCOVERY.md}.
 *
 * <p>Records and enums here are immutable and thread-safe; {@code EndpointTable} and the sources'
 * state are confined to their Vert.x context (an event loop), as each class says.
 */
package dev.nvmemi.transport.discovery;
