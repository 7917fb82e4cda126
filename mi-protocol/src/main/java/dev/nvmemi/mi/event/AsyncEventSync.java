package dev.nvmemi.mi.event;

import java.util.Objects;
import java.util.Set;

/**
 * The outcome of enabling asynchronous events (libnvme {@code nvme_mi_aem_enable}, spec sheet §8.4
 * step 1): the AE IDs now enabled and the occurrence list the endpoint reported for them, already
 * validated against that set. Apply it to the thread-confined {@link AemSession} with
 * {@link AemSession#apply(AeEnableList)} or start a new session from {@link #enabled()}. Immutable.
 *
 * @param enabled the AE IDs enabled by the sync
 * @param aeol the occurrence list of the sync response (no generation check: it is a sync)
 */
public record AsyncEventSync(Set<Integer> enabled, AeOccurrenceList aeol) {
  public AsyncEventSync {
    enabled = Set.copyOf(enabled);
    Objects.requireNonNull(aeol, "aeol");
  }
}
