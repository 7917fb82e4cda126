/**
 * Wiring of the OpenTelemetry SDK (design §7): exporters chosen by name through autoconfigure
 * ({@code otel.metrics.exporter}, {@code otel.logs.exporter}, the standard {@code OTEL_*}
 * variables), the resource ({@code service.name}, {@code host.name}, {@code k8s.node.name}), and
 * the accounting of data an exporter failed to deliver. Start-up runs on the main thread; the
 * export wrappers run on the SDK's exporter threads.
 */
package dev.nvmemi.agent.export;
