package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import java.util.List;

/**
 * Controller Health Status Poll (opcode 02h, spec sheet §4.2). NMD0: 31 ALL, 26 INCVF, 25 INCPF,
 * 24 INCF, 23:16 MAXRENT (0's based), 15:0 SCTLID. NMD1: 31 CCF, 4 CWARN, 3 SPARE, 2 PDLU, 1 CTEMP,
 * 0 CSTS. Immutable.
 *
 * <p>[U] (§12 item 11): how INCF/INCPF/INCVF combine with ALL is not confirmed; NMD reports every
 * controller when ALL=1. The codec sends what the caller asks.
 *
 * @param header request header
 * @param sctlid first controller ID considered
 * @param maxrent maximum entries, 0's based (0..255)
 * @param incf include PCI functions
 * @param incpf include SR-IOV physical functions
 * @param incvf include SR-IOV virtual functions
 * @param all report all selected controllers, ignoring the change selectors
 * @param csts report controllers whose CSTS changed
 * @param ctemp … whose composite temperature changed
 * @param pdlu … whose percentage used changed
 * @param spare … whose available spare changed
 * @param cwarn … whose critical warning changed
 * @param ccf clear the changed flags of every controller returned
 */
public record ControllerHealthStatusPoll(MiHeader header, int sctlid, int maxrent, boolean incf,
    boolean incpf, boolean incvf, boolean all, boolean csts, boolean ctemp, boolean pdlu,
    boolean spare, boolean cwarn, boolean ccf) implements MiCommandRequest {
  public static final int OPCODE = 0x02;

  public ControllerHealthStatusPoll {
    Requests.requestHeader(header);
    checkRange("sctlid", sctlid, 0xFFFF);
    checkRange("maxrent", maxrent, 0xFF);
  }

  /**
   * ALL=1 from {@code sctlid}, at most {@code maxEntries} (1..256) entries, every function type
   * included, change flags left alone (read-only).
   */
  public static ControllerHealthStatusPoll all(MiHeader header, int sctlid, int maxEntries) {
    checkRange("maxEntries - 1", maxEntries - 1, 0xFF);
    return new ControllerHealthStatusPoll(header, sctlid, maxEntries - 1, true, true, true, true,
        false, false, false, false, false, false);
  }

  static ControllerHealthStatusPoll decode(MiHeader h, int nmd0, int nmd1) {
    return new ControllerHealthStatusPoll(h, nmd0 & 0xFFFF, (nmd0 >>> 16) & 0xFF, bit(nmd0, 24),
        bit(nmd0, 25), bit(nmd0, 26), bit(nmd0, 31), bit(nmd1, 0), bit(nmd1, 1), bit(nmd1, 2),
        bit(nmd1, 3), bit(nmd1, 4), bit(nmd1, 31));
  }

  private static boolean bit(int v, int b) {
    return (v >>> b & 1) != 0;
  }

  private static int flag(boolean f, int b) {
    return f ? 1 << b : 0;
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public int nmd0() {
    return flag(all, 31) | flag(incvf, 26) | flag(incpf, 25) | flag(incf, 24) | maxrent << 16 | sctlid;
  }

  @Override
  public int nmd1() {
    return flag(ccf, 31) | flag(cwarn, 4) | flag(spare, 3) | flag(pdlu, 2) | flag(ctemp, 1) | flag(csts, 0);
  }

  @Override
  public String commandName() {
    return "Controller Health Status Poll";
  }

  /** MAXRENT + 1. */
  @Derived
  public int maxEntries() {
    return maxrent + 1;
  }

  /** RENT (NMRESP bits 23:16) must not exceed MAXRENT + 1 and the data must be RENT × 16 bytes. */
  @Override
  public ControllerHealthStatusPollResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    int rent = (f.nmresp() >>> 16) & 0xFF;
    if (rent > maxrent + 1) {
      throw new MiProtocolException(MiErrorKind.INVALID_FIELD, commandName() + " response RENT "
          + rent + " (expected: at most MAXRENT + 1 = " + (maxrent + 1) + ")");
    }
    Requests.requireEntriesLength(commandName(), f, rent, ControllerHealthStatus.LENGTH);
    byte[] body = f.body(); // response data starts at body offset 4; decoded in place, not copied
    ControllerHealthStatus[] entries = new ControllerHealthStatus[rent];
    for (int i = 0; i < rent; i++) {
      entries[i] = ControllerHealthStatus.decode(body, 4 + i * ControllerHealthStatus.LENGTH);
    }
    return new ControllerHealthStatusPollResponse(f.header(), f.status(), rent, List.of(entries));
  }
}
