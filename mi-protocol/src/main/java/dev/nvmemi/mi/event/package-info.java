/**
 * Asynchronous Event Messages (NVMe-MI 2.0, spec sheet §8): the AE Enable, Supported and
 * Occurrence lists, the endpoint-originated {@link dev.nvmemi.mi.event.AsyncEventMessage}, and
 * {@link dev.nvmemi.mi.event.AemSession}, libnvme's per-endpoint AEM state (enabled map,
 * generation-number duplicate check).
 *
 * <p>Lists and messages are immutable records, safe on any thread. {@code AemSession} is mutable
 * and confined to one thread (the endpoint's event loop context).
 */
package dev.nvmemi.mi.event;
