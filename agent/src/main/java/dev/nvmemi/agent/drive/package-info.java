/**
 * The agent's view of one management endpoint: {@link dev.nvmemi.agent.drive.DriveClient} (the
 * commands the poll plan issues, over {@code MiEndpoint}/{@code MiController}) and the records the
 * telemetry mapping reads ({@link dev.nvmemi.agent.drive.DriveIdentity},
 * {@link dev.nvmemi.agent.drive.SmartSnapshot}). Immutable records; the client's completions run on
 * the transport's thread and are handed to the agent context by the caller.
 */
package dev.nvmemi.agent.drive;
