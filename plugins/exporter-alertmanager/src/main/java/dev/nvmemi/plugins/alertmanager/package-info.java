/**
 * An OpenTelemetry log record exporter that turns the agent's drive-health events into Prometheus
 * Alertmanager v2 alerts: {@link dev.nvmemi.plugins.alertmanager.AlertRules} pairs firing and
 * recovery events, {@link dev.nvmemi.plugins.alertmanager.AlertmanagerLogRecordExporter} delivers
 * them from one sender thread with retries and a bounded queue.
 */
package dev.nvmemi.plugins.alertmanager;
