/**
 * The command-line subcommands of {@code nvme-mi-agent} (picocli). Each runs on the main thread and
 * documents any other thread it starts.
 */
package dev.nvmemi.agent.cli;
