package dev.nvmemi.plugins.jsonl;

/**
 * Counters of one JSON-lines exporter since it was created.
 *
 * @param exportedItems data points or events written
 * @param failedItems data points or events dropped because writing failed
 * @param failedBatches export calls that failed
 * @param lastError error class and message of the latest failure, or null if none yet
 */
public record JsonlExporterStats(long exportedItems, long failedItems, long failedBatches, String lastError) {}
