package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Management Endpoint Buffer Write (opcode 0Bh, spec sheet §2.3): NMD0 DOFST, NMD1 DLEN (full dwords, [U] §12 item 10), request data = DLEN bytes. Immutable (the data is copied in and out).
 *
 * @param header request header
 * @param dofst offset to write at
 * @param dlen number of bytes, equal to {@code data.length}
 * @param data the bytes to write
 */
public record MebWrite(MiHeader header, long dofst, long dlen, byte[] data) implements MiCommandRequest {
  public static final int OPCODE = 0x0B;

  public MebWrite {
    Requests.requestHeader(header);
    checkRange("dofst", dofst, 0xFFFF_FFFFL);
    checkRange("dlen", dlen, 0xFFFF_FFFFL);
    Requests.requireDataLength(data, dlen);
    data = data.clone();
  }

  /** Writes {@code data} at {@code dofst}. */
  public static MebWrite of(MiHeader header, long dofst, byte[] data) {
    return new MebWrite(header, dofst, data.length, data);
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
    return (int) dofst;
  }

  @Override
  public int nmd1() {
    return (int) dlen;
  }

  @Override
  public byte[] requestData() {
    return data.clone();
  }

  @Override
  public String commandName() {
    return "Management Endpoint Buffer Write";
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
