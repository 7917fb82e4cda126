package dev.nvmemi.mi.event;

import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.MiStatus;
import dev.nvmemi.mi.Nmimt;
import java.util.Objects;
import java.util.Set;

/**
 * An Asynchronous Event Message, sent by the endpoint unasked (spec sheet §8.1): header with
 * NMIMT 5h (byte 1 = 28h), then the AE Occurrence List directly (no status byte), then the MIC.
 * Immutable.
 *
 * @param header the header (NMIMT {@link Nmimt#ASYNC_EVENT})
 * @param aeol the occurrence list
 */
public record AsyncEventMessage(MiHeader header, AeOccurrenceList aeol) implements MiResponse {

  public AsyncEventMessage {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(aeol, "aeol");
    if (header.nmimt() != Nmimt.ASYNC_EVENT) {
      throw new IllegalArgumentException("header NMIMT " + header.nmimt() + " (expected: ASYNC_EVENT)");
    }
  }

  /** The header an endpoint uses: IC=1, NMIMT 5h, ROR 0, CSI 0. */
  public static MiHeader standardHeader() {
    return new MiHeader(true, Nmimt.ASYNC_EVENT, false, 0, false, false);
  }

  /** An AEM with the standard header. */
  public static AsyncEventMessage of(AeOccurrenceList aeol) {
    return new AsyncEventMessage(standardHeader(), aeol);
  }

  /** AEMs carry no status; they report success. */
  @Override
  public MiStatus status() {
    return MiStatus.SUCCESS;
  }

  /** The complete message including the MIC. */
  public byte[] encode() {
    return MiFrame.encode(header, aeol.encode());
  }

  /** Decodes without the enabled-map check. */
  public static AsyncEventMessage decode(byte[] msg) {
    return decode(msg, (Set<Integer>) null);
  }

  /**
   * Decodes an AEM: length, MIC and type byte (§11.1 steps 1–3), NMIMT 5h, then the occurrence
   * list with the §8.4 rules; {@code enabled} (nullable) is the caller's enabled AE map.
   */
  public static AsyncEventMessage decode(byte[] msg, Set<Integer> enabled) {
    MiFrame f = MiFrame.parseUnsolicited(msg);
    if (f.header().nmimt() != Nmimt.ASYNC_EVENT) {
      throw new MiProtocolException(MiErrorKind.NMIMT_MISMATCH, "unsolicited message has NMIMT "
          + f.header().nmimt() + " (expected: ASYNC_EVENT, byte 1 = 0x28)");
    }
    // ROR does not apply to an AEM and is 0 (§1.2): an NMIMT 5h message with ROR=1 answers
    // nothing anybody asked and is no AEM either. libnvme only checks NMP & 28h != 0.
    if (f.header().response()) {
      throw new MiProtocolException(MiErrorKind.INVALID_FIELD, String.format(
          "asynchronous event message has ROR=1: byte 1 = 0x%02x (expected: 0x28, ROR=0)", msg[1] & 0xFF));
    }
    return new AsyncEventMessage(f.header(), AeOccurrenceList.decode(f.body(), enabled));
  }
}
