package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * VPD Read (opcode 05h, spec sheet §2.3): NMD0 15:0 DOFST, NMD1 15:0 DLEN; returns DLEN bytes of
 * VPD (DLEN 0 succeeds without data). Immutable.
 *
 * @param header request header
 * @param dofst offset into the VPD
 * @param dlen bytes to read
 */
public record VpdRead(MiHeader header, int dofst, int dlen) implements MiCommandRequest {
  public static final int OPCODE = 0x05;

  public VpdRead {
    Requests.requestHeader(header);
    checkRange("dofst", dofst, 0xFFFF);
    checkRange("dlen", dlen, 0xFFFF);
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public int nmd0() {
    return dofst;
  }

  @Override
  public int nmd1() {
    return dlen;
  }

  @Override
  public String commandName() {
    return "VPD Read";
  }

  /** The data must be exactly DLEN bytes. */
  @Override
  public VpdReadResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireDataLengthOf(commandName(), f, "DLEN", dlen);
    return new VpdReadResponse(f.header(), f.status(), f.responseData());
  }
}
