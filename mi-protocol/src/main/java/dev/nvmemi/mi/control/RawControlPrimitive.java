package dev.nvmemi.mi.control;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * A control primitive with a reserved (05h–EFh) or vendor-specific (F0h–FFh) opcode, kept
 * verbatim. Immutable.
 *
 * @param header request header (NMIMT 0h)
 * @param opcode 05h–FFh
 * @param tag the tag the endpoint echoes
 * @param cpsp the parameter
 */
public record RawControlPrimitive(MiHeader header, int opcode, int tag, int cpsp) implements ControlPrimitive {
  public RawControlPrimitive {
    ControlPrimitive.requireRequestHeader(header);
    checkRange("opcode - 5", opcode - 5, 0xFA);
    checkRange("tag", tag, 0xFF);
    checkRange("cpsp", cpsp, 0xFFFF);
  }

  @Derived
  public boolean vendorSpecific() {
    return opcode >= 0xF0;
  }

  @Override
  public String commandName() {
    return (vendorSpecific() ? "vendor control primitive 0x" : "reserved control primitive 0x")
        + String.format("%02x", opcode);
  }

  @Override
  public ControlPrimitiveResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    return ControlResponse.fromFrame(f);
  }
}
