package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * VPD Write (opcode 06h, spec sheet §2.3): NMD0 15:0 DOFST, NMD1 15:0 DLEN, request data = DLEN bytes; the endpoint answers 20h when the write budget is exhausted. Immutable (the data is copied in and out).
 *
 * @param header request header
 * @param dofst offset to write at
 * @param dlen number of bytes, equal to {@code data.length}
 * @param data the bytes to write
 */
public record VpdWrite(MiHeader header, int dofst, int dlen, byte[] data) implements MiCommandRequest {
  public static final int OPCODE = 0x06;

  public VpdWrite {
    Requests.requestHeader(header);
    checkRange("dofst", dofst, 0xFFFF);
    checkRange("dlen", dlen, 0xFFFF);
    Requests.requireDataLength(data, dlen);
    data = data.clone();
  }

  /** Writes {@code data} at {@code dofst}. */
  public static VpdWrite of(MiHeader header, int dofst, byte[] data) {
    return new VpdWrite(header, dofst, data.length, data);
  }

  @Override
  public byte[] data() {
    return data.clone();
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
  public byte[] requestData() {
    return data.clone();
  }

  @Override
  public String commandName() {
    return "VPD Write";
  }

  @Override
  public CommandCompletion decodeSuccess(MiFrame f, MiCodecOptions options) {
    Requests.requireNoData(commandName(), f);
    return new CommandCompletion(f.header(), f.status(), f.nmresp());
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
    return VerbatimRequests.show(this, "dofst", "dlen");
  }
}
