/**
 * The drive model: identity, initial health and the state of an NVM subsystem that evolves on the
 * simulator's clock (temperature, wear, spare, counters, controller status, error log), with the
 * change flags and Asynchronous Event occurrences NVMe-MI reports. Confined to the owning
 * endpoint's lock.
 */
package dev.nvmemi.simulator.model;
