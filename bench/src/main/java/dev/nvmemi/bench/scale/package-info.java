/**
 * The scale harness: runs the real agent pipeline (sessions, bus scheduler, codec, in-process
 * transport, telemetry into an OpenTelemetry SDK) on the simulated fleet and prints one JSON line of
 * results. Not a test; figures go to BENCHMARKS.md ("Agent pipeline"). Runs on the main thread (and
 * a Vert.x event loop for the real-time modes).
 */
package dev.nvmemi.bench.scale;
