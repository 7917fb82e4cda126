/**
 * The bus-timing model (design §5): bytes on the wire × 9 / frequency with per-packet MCTP and
 * SMBus overhead at the MTU, plus device processing time; exchanges on one bus are serialised.
 */
package dev.nvmemi.simulator.timing;
