/**
 * Telemetry: the contract of metric and event names ({@link dev.nvmemi.agent.telemetry.TelemetryContract})
 * and the mapping from decoded NVMe-MI structures to OpenTelemetry metrics and events. Runs on the
 * agent's event loop.
 */
package dev.nvmemi.agent.telemetry;
