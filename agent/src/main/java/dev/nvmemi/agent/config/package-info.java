/**
 * Configuration (design §8): one YAML file, {@code NVME_MI_AGENT_<PATH>} environment variables and
 * command-line flags, merged in that order and validated against one table of keys
 * ({@link dev.nvmemi.agent.config.ConfigKeys}). Start-up only; runs on the main thread.
 */
package dev.nvmemi.agent.config;
