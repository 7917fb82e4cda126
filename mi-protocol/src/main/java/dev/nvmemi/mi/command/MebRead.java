package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Management Endpoint Buffer Read (opcode 0Ah, spec sheet §2.3): NMD0 DOFST, NMD1 DLEN, both
 * taken as full 32-bit dwords ([U] §12 item 10: widths not confirmed); returns DLEN bytes. A
 * sanitized buffer answers 22h. Immutable.
 *
 * @param header request header
 * @param dofst offset into the management endpoint buffer
 * @param dlen bytes to read
 */
public record MebRead(MiHeader header, long dofst, long dlen) implements MiCommandRequest {
  public static final int OPCODE = 0x0A;

  public MebRead {
    Requests.requestHeader(header);
    checkRange("dofst", dofst, 0xFFFF_FFFFL);
    checkRange("dlen", dlen, 0xFFFF_FFFFL);
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public int nmd0() {
    return (int) dofst;
  }

  @Override
  public int nmd1() {
    return (int) dlen;
  }

  @Override
  public String commandName() {
    return "Management Endpoint Buffer Read";
  }

  @Override
  public MebReadResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireDataLengthOf(commandName(), f, "DLEN", dlen);
    return new MebReadResponse(f.header(), f.status(), f.responseData());
  }
}
