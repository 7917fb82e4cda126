package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import java.util.HexFormat;

/**
 * An MI command with a reserved (0Dh–BFh) or vendor-specific (C0h–FFh) opcode, kept verbatim. A
 * spec-faithful endpoint answers a reserved opcode with Invalid Command Opcode (03h). Immutable.
 *
 * @param header request header
 * @param opcode OPC, 0Dh–FFh
 * @param nmd0 NMD0
 * @param nmd1 NMD1
 * @param data request data
 */
public record RawMiCommand(MiHeader header, int opcode, int nmd0, int nmd1, byte[] data)
    implements MiCommandRequest {
  /** Smallest opcode without a typed record. */
  public static final int FIRST_RESERVED = 0x0D;
  /** First vendor-specific opcode. */
  public static final int FIRST_VENDOR = 0xC0;

  public RawMiCommand {
    Requests.requestHeader(header);
    checkRange("opcode - 0x0d", opcode - FIRST_RESERVED, 0xFF - FIRST_RESERVED);
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public byte[] requestData() {
    return data.clone();
  }

  @Override
  public String commandName() {
    return (vendorSpecific() ? "vendor MI command 0x" : "reserved MI command 0x") + String.format("%02x", opcode);
  }

  @Derived
  public boolean vendorSpecific() {
    return opcode >= FIRST_VENDOR;
  }

  @Override
  public RawMiCommandResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return new RawMiCommandResponse(f.header(), f.status(), f.nmresp(), f.responseData());
  }

  @Override
  public boolean equals(Object o) {
    return VerbatimRequests.same(this, o);
  }

  @Override
  public int hashCode() {
    return VerbatimRequests.hash(this);
  }

  @Override
  public String toString() {
    return String.format("RawMiCommand[opcode=0x%02x, nmd0=0x%08x, nmd1=0x%08x, data=%s]", opcode, nmd0, nmd1,
        HexFormat.of().formatHex(data));
  }
}
