/**
 * The agent's one log format (issue #14 item 6): every {@code java.util.logging} record — the
 * agent's own, the transport's {@code System.Logger} output, Vert.x, Netty, dbus-java (through
 * slf4j-jdk14) and the OpenTelemetry SDK — becomes one line on stderr, as text
 * ({@code 2026-12-03T12:52:57.123Z WARN Fleet - message endpoint=1:16 bus=mctpi2c0}) or, with
 * {@code log.format: json}, as one JSON object. {@link LogSetup} installs the handler at start-up;
 * {@link LogFields} carries structured fields; {@link LogLine} renders a record.
 */
package dev.nvmemi.agent.log;
