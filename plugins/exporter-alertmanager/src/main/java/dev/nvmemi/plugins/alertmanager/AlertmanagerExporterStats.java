package dev.nvmemi.plugins.alertmanager;

/**
 * Counters of one Alertmanager exporter since it was created.
 *
 * @param postsDelivered posts Alertmanager accepted (2xx), summed over all Alertmanagers
 * @param postsFailed posts that failed and will be retried (connection error, timeout, 5xx, 408, 429)
 * @param postsRejected posts Alertmanager refused for good (other 4xx); not retried
 * @param droppedChanges alert changes dropped because the exporter's inbox was full
 * @param droppedResolutions resolutions dropped because an Alertmanager's queue was full
 * @param firingAlerts alerts firing now
 * @param pendingResolutions resolutions waiting for delivery, summed over all Alertmanagers
 */
public record AlertmanagerExporterStats(long postsDelivered, long postsFailed, long postsRejected,
    long droppedChanges, long droppedResolutions, int firingAlerts, int pendingResolutions) {}
