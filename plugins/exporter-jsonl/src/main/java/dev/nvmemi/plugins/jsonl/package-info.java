/**
 * OpenTelemetry exporters writing metrics ({@link dev.nvmemi.plugins.jsonl.JsonlMetricExporter}) and
 * events ({@link dev.nvmemi.plugins.jsonl.JsonlLogRecordExporter}) as JSON lines to rotating files,
 * configured by {@link dev.nvmemi.plugins.jsonl.JsonlConfig}. The exporters run on the SDK's export
 * threads and are thread-safe; file I/O happens only there.
 */
package dev.nvmemi.plugins.jsonl;
