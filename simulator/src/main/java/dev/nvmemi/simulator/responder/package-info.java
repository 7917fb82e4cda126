/**
 * Responders of a simulated management endpoint: the NVMe-MI responder ({@link
 * dev.nvmemi.simulator.responder.MiResponder}, spec sheet nvme-mi.md §11.2), its Asynchronous Event
 * engine, and the MCTP control responder (mctp.md §2.4–2.6). Bytes in, bytes out; confined to the
 * owning endpoint's lock.
 */
package dev.nvmemi.simulator.responder;
