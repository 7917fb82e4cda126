package dev.nvmemi.mi;

import dev.nvmemi.mi.internal.Mic;
import java.time.Duration;
import java.util.Optional;

/**
 * An interim More Processing Required response (status 01h, spec sheet §1.6) and libnvme's rule to
 * recognise one.
 *
 * <p>This lives in the codec because every transport needs it: MPR handling is "a slight layering
 * violation" (libnvme) — the transport must keep the tag and re-arm its timer when the endpoint
 * answers "not yet".
 *
 * @param mprt the More Processing Required Time in units of 100 ms; 0 = no estimate
 */
public record MoreProcessingRequired(int mprt) {

  /**
   * libnvme's test ({@code nvme_mi_mctp_resp_is_mpr}): a full message (type byte included) whose
   * MIC verifies, with status 01h, and whose length without the MIC is exactly 8, or exactly 20 for
   * an admin response (some drives answer MPR in full admin-response form).
   *
   * @param msg a complete message including byte 0 (0x84) and the MIC
   * @return the interim response, or empty when {@code msg} is anything else
   */
  public static Optional<MoreProcessingRequired> detect(byte[] msg) {
    int bodyLen = msg.length - Mic.LENGTH;
    if (bodyLen < 8 || (msg[0] & 0xFF) != MiHeader.TYPE_BYTE || (msg[1] & 0x80) == 0) {
      return Optional.empty();
    }
    if ((msg[4] & 0xFF) != MiStatus.MORE_PROCESSING_REQUIRED.code()) {
      return Optional.empty();
    }
    int nmimt = (msg[1] >>> 3) & 0xF;
    boolean shapeOk = bodyLen == 8 || (nmimt == Nmimt.ADMIN_COMMAND.code() && bodyLen == 20);
    if (!shapeOk || !Mic.verify(msg)) {
      return Optional.empty();
    }
    return Optional.of(new MoreProcessingRequired((msg[6] & 0xFF) | (msg[7] & 0xFF) << 8));
  }

  /**
   * The next wait, libnvme's rule: MPRT × 100 ms; when MPRT is 0 the exchange timeout (or 65535 ms
   * if that is 0); clamped to {@code cap} when the cap is positive.
   */
  public Duration nextWait(Duration exchangeTimeout, Duration cap) {
    Duration wait;
    if (mprt == 0) {
      wait = exchangeTimeout.isZero() ? Duration.ofMillis(0xFFFF) : exchangeTimeout;
    } else {
      wait = Duration.ofMillis(mprt * 100L);
    }
    if (cap != null && !cap.isZero() && !cap.isNegative() && wait.compareTo(cap) > 0) {
      wait = cap;
    }
    return wait;
  }

  /** The estimate as a duration (MPRT × 100 ms). */
  public Duration estimate() {
    return Duration.ofMillis(mprt * 100L);
  }
}
