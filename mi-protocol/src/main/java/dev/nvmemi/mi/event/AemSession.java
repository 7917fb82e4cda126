package dev.nvmemi.mi.event;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * libnvme's per-endpoint AEM state (spec sheet §8.4): the AE IDs the client enabled and the last
 * generation number seen, so that a re-sent AEM (same AEMGN) is recognised as a duplicate and not
 * handled twice.
 *
 * <p>One deliberate difference from libnvme: a duplicate AEM is still <em>acknowledged</em>. The
 * endpoint re-sends an AEM every AERD × 100 ms until an AEM Ack arrives and then reports a
 * transmission failure (NSS ATF, §8.1); a re-sent AEM with the generation number we already handled
 * means our acknowledgement was lost (or crossed the retry), and not answering it again would
 * leave the endpoint retrying into ATF. libnvme skips the ack for duplicates.
 *
 * <p>Mutable and <b>not</b> thread-safe: confine an instance to the thread (event-loop context)
 * that reads the endpoint's AEM socket.
 */
public final class AemSession {
  private final Set<Integer> enabled = new TreeSet<>();
  private int lastGeneration = -1;

  /**
   * What one received AEM (or sync / ack response) means for the client.
   *
   * @param aeol the occurrence list as received
   * @param duplicate the generation number is the one handled last: a re-sent AEM
   * @param unsolicited it came as an AEM (which must be acknowledged), not inside a response
   */
  public record Delivery(AeOccurrenceList aeol, boolean duplicate, boolean unsolicited) {
    /** The occurrences to hand to the application: none for a duplicate. */
    public List<AeOccurrence> occurrences() {
      return duplicate ? List.of() : aeol.occurrences();
    }

    /**
     * Every AEM is acknowledged, a duplicate too (see the class comment); occurrences reported
     * inside a Configuration Set response (sync or ack response) are not: no AEM carried them.
     */
    public boolean shouldAcknowledge() {
      return unsolicited;
    }
  }

  /** Starts a session with nothing enabled and no generation seen (libnvme: −1). */
  public AemSession() {}

  /** The enabled AE IDs. */
  public Set<Integer> enabled() {
    return Collections.unmodifiableSet(new TreeSet<>(enabled));
  }

  /** The last generation number seen, or −1. */
  public int lastGeneration() {
    return lastGeneration;
  }

  /** Applies an enable-list delta (IDs not listed keep their state). */
  public void apply(AeEnableList delta) {
    for (AeEnable e : delta.items()) {
      if (e.enable()) {
        enabled.add(e.aeid());
      } else {
        enabled.remove(e.aeid());
      }
    }
  }

  /** Forgets everything (libnvme {@code aem_disable}). */
  public void reset() {
    enabled.clear();
    lastGeneration = -1;
  }

  /**
   * The occurrence list of a Configuration Set (enable/sync) response: validated against the
   * enabled map but <em>without</em> the generation check (libnvme step 1).
   */
  public Delivery acceptSyncResponse(byte[] occurrenceListData) {
    return new Delivery(AeOccurrenceList.decode(occurrenceListData, enabled), false, false);
  }

  /**
   * A received AEM: decoded with the enabled-map check, then the generation check. A message with
   * the generation number of the previous one is a duplicate.
   *
   * @throws dev.nvmemi.mi.MiProtocolException when the message breaks a rule of §8.4
   */
  public Delivery acceptMessage(byte[] message) {
    AsyncEventMessage m = AsyncEventMessage.decode(message, enabled);
    return generationChecked(m.aeol(), true);
  }

  /** The occurrence list of an AEM acknowledgement response, with the generation check. */
  public Delivery acceptAckResponse(byte[] occurrenceListData) {
    return generationChecked(AeOccurrenceList.decode(occurrenceListData, enabled), false);
  }

  private Delivery generationChecked(AeOccurrenceList l, boolean unsolicited) {
    if (l.aemgn() == lastGeneration) {
      return new Delivery(l, true, unsolicited);
    }
    lastGeneration = l.aemgn();
    return new Delivery(l, false, unsolicited);
  }
}
