package dev.nvmemi.mi.command;

import static dev.nvmemi.mi.internal.LittleEndian.checkRange;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;

/**
 * Read NVMe-MI Data Structure (opcode 00h, spec sheet §2.3, §3). NMD0: 31:24 DTYP, 23:16 PORTID,
 * 15:0 CTRLID; NMD1: 7:0 IOCSI. Immutable.
 *
 * @param header request header (NMIMT 1h)
 * @param dtyp data structure type, see {@link DataStructureType}; a reserved value (06h–FFh) encodes
 *     and decodes (the request as seen on the wire), but a success answer to it cannot be decoded
 * @param portid port selector (DTYP 01h)
 * @param ctrlid controller selector (DTYP 02h: first ID to list; 03h: the controller)
 * @param iocsi I/O command set selector (DTYP 04h/05h)
 */
public record ReadDataStructure(MiHeader header, int dtyp, int portid, int ctrlid, int iocsi)
    implements MiCommandRequest {
  public static final int OPCODE = 0x00;

  public ReadDataStructure {
    Requests.requestHeader(header);
    checkRange("dtyp", dtyp, 0xFF);
    checkRange("portid", portid, 0xFF);
    checkRange("ctrlid", ctrlid, 0xFFFF);
    checkRange("iocsi", iocsi, 0xFF);
  }

  public static ReadDataStructure subsystemInfo(MiHeader header) {
    return new ReadDataStructure(header, 0x00, 0, 0, 0);
  }

  public static ReadDataStructure portInfo(MiHeader header, int portid) {
    return new ReadDataStructure(header, 0x01, portid, 0, 0);
  }

  /**
   * A controller list request starting at {@code startId}, placed where {@code options} says
   * (spec sheet §3: CTRLID bits 15:0 by default; libnvme uses bits 23:16).
   */
  public static ReadDataStructure controllerList(MiHeader header, int startId, MiCodecOptions options) {
    if (options.controllerListStartId() == MiCodecOptions.ControllerListStartId.PORTID_LIBNVME) {
      return new ReadDataStructure(header, 0x02, checkRange("startId", startId, 0xFF), 0, 0);
    }
    return new ReadDataStructure(header, 0x02, 0, startId, 0);
  }

  public static ReadDataStructure controllerInfo(MiHeader header, int ctrlid) {
    return new ReadDataStructure(header, 0x03, 0, ctrlid, 0);
  }

  public static ReadDataStructure optionalCommands(MiHeader header, int iocsi) {
    return new ReadDataStructure(header, 0x04, 0, 0, iocsi);
  }

  public static ReadDataStructure mebCommands(MiHeader header, int iocsi) {
    return new ReadDataStructure(header, 0x05, 0, 0, iocsi);
  }

  /** The request as on the wire: a reserved DTYP is kept (an endpoint answers it with 04h). */
  static ReadDataStructure decode(MiHeader h, int nmd0, int nmd1) {
    int dtyp = nmd0 >>> 24;
    return new ReadDataStructure(h, dtyp, (nmd0 >>> 16) & 0xFF, nmd0 & 0xFFFF, nmd1 & 0xFF);
  }

  @Override
  public int opcode() {
    return OPCODE;
  }

  @Override
  public int nmd0() {
    return dtyp << 24 | portid << 16 | ctrlid;
  }

  @Override
  public int nmd1() {
    return iocsi;
  }

  @Override
  public String commandName() {
    return "Read NVMe-MI Data Structure";
  }

  /** The structure type, or null for a reserved DTYP (06h–FFh). */
  @Derived
  public DataStructureType dataStructureType() {
    return dtyp < DataStructureType.values().length ? DataStructureType.values()[dtyp] : null;
  }

  /** The type's name, or {@code reserved(0xNN)} for a reserved DTYP: what a reader of the wire needs. */
  @Derived
  public String dtypName() {
    DataStructureType t = dataStructureType();
    return t != null ? t.name() : String.format("reserved(0x%02x)", dtyp);
  }

  /**
   * RDL (NMRESP bits 15:0) must equal the data length, and the data must be the structure of the
   * requested type with its exact size.
   */
  @Override
  public ReadDataStructureResponse decodeSuccess(MiFrame f, MiCodecOptions options) {
    DataStructureType type = DataStructureType.fromCode(dtyp);
    int rdl = f.nmresp() & 0xFFFF;
    Requests.requireDataLengthOf(commandName(), f, "RDL", rdl);
    return new ReadDataStructureResponse(f.header(), f.status(), rdl,
        DataStructure.decode(type, f.responseData()));
  }
}
