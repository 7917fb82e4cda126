/**
 * The MCTP-over-serial front end (DSP0253, as Linux {@code mctp-serial} implements it): FCS-16,
 * framing and escaping, MCTP packet headers, fragmentation and reassembly at the link MTU, and a
 * server that answers on a byte stream (a pty master or any file descriptor pair).
 */
package dev.nvmemi.simulator.serial;
