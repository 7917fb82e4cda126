package dev.nvmemi.mi.admin;

import static dev.nvmemi.mi.admin.LittleEndian.ascii;
import static dev.nvmemi.mi.admin.LittleEndian.check128;
import static dev.nvmemi.mi.admin.LittleEndian.checkAscii;
import static dev.nvmemi.mi.admin.LittleEndian.checkBits;
import static dev.nvmemi.mi.admin.LittleEndian.put128;
import static dev.nvmemi.mi.admin.LittleEndian.put16;
import static dev.nvmemi.mi.admin.LittleEndian.put24;
import static dev.nvmemi.mi.admin.LittleEndian.put32;
import static dev.nvmemi.mi.admin.LittleEndian.putAsciiPadded;
import static dev.nvmemi.mi.admin.LittleEndian.putUtf8Z;
import static dev.nvmemi.mi.admin.LittleEndian.u128;
import static dev.nvmemi.mi.admin.LittleEndian.u16;
import static dev.nvmemi.mi.admin.LittleEndian.u24;
import static dev.nvmemi.mi.admin.LittleEndian.u32;
import static dev.nvmemi.mi.admin.LittleEndian.u8;
import static dev.nvmemi.mi.admin.LittleEndian.utf8z;

import dev.nvmemi.mi.Derived;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiProtocolException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Identify Controller (CNS 01h), 4096 bytes: the fields of spec sheet §7.2. Strings are trimmed of
 * trailing spaces and NULs; temperatures are Kelvin as on the wire (°C helpers derived); capacities
 * are 128-bit {@link BigInteger}s. {@link #encode()} writes every listed field and zeroes the rest
 * (the other Identify fields, reserved bytes and the vendor-specific area are not modelled).
 *
 * <p>Immutable; thread-safe.
 *
 * @param vid VID, PCI vendor ID, bytes 0–1
 * @param ssvid SSVID, PCI subsystem vendor ID, bytes 2–3
 * @param sn SN, serial number, bytes 4–23
 * @param mn MN, model number, bytes 24–63
 * @param fr FR, firmware revision, bytes 64–71
 * @param rab RAB, recommended arbitration burst, byte 72
 * @param ieee IEEE OUI, bytes 73–75 (24-bit little-endian)
 * @param cmic CMIC, multi-path I/O and namespace sharing capabilities, byte 76
 * @param mdts MDTS, maximum data transfer size (2^n × minimum page size), byte 77
 * @param cntlid CNTLID, controller ID, bytes 78–79
 * @param ver VER, version: 31:16 major, 15:8 minor, 7:0 tertiary, bytes 80–83
 * @param rtd3r RTD3R, RTD3 resume latency in µs, bytes 84–87
 * @param rtd3e RTD3E, RTD3 entry latency in µs, bytes 88–91
 * @param oaes OAES, optional asynchronous events supported, bytes 92–95
 * @param ctratt CTRATT, controller attributes, bytes 96–99
 * @param cntrltype CNTRLTYPE, controller type (1 I/O, 2 discovery, 3 administrative), byte 111
 * @param fguid FGUID, FRU globally unique identifier, bytes 112–127, as 32 lower-case hex digits in wire order
 * @param nvmsr NVMSR, NVM subsystem report (bit 0 NVMESD, bit 1 NVMEE), byte 253
 * @param vwci VWCI, VPD write cycle information (bit 7 valid, 6:0 remaining), byte 254
 * @param mec MEC, management endpoint capabilities (bit 0 SMBus/I2C, bit 1 PCIe), byte 255
 * @param oacs OACS, optional admin command support, bytes 256–257
 * @param acl ACL, abort command limit (0's based), byte 258
 * @param aerl AERL, asynchronous event request limit (0's based), byte 259
 * @param frmw FRMW, firmware updates, byte 260
 * @param lpa LPA, log page attributes, byte 261
 * @param elpe ELPE, error log page entries (0's based), byte 262
 * @param npss NPSS, number of power states supported (0's based), byte 263
 * @param wctemp WCTEMP, warning composite temperature threshold in Kelvin, bytes 266–267
 * @param cctemp CCTEMP, critical composite temperature threshold in Kelvin, bytes 268–269
 * @param mtfa MTFA, maximum time for firmware activation in 100 ms units, bytes 270–271
 * @param tnvmcap TNVMCAP, total NVM capacity in bytes, bytes 280–295
 * @param unvmcap UNVMCAP, unallocated NVM capacity in bytes, bytes 296–311
 * @param edstt EDSTT, extended device self-test time in minutes, bytes 316–317
 * @param fwug FWUG, firmware update granularity in 4 KiB units, byte 319
 * @param hctma HCTMA, host controlled thermal management attributes, bytes 322–323
 * @param mntmt MNTMT, minimum thermal management temperature in Kelvin, bytes 324–325
 * @param mxtmt MXTMT, maximum thermal management temperature in Kelvin, bytes 326–327
 * @param sanicap SANICAP, sanitize capabilities, bytes 328–331
 * @param sqes SQES, submission queue entry size, byte 512
 * @param cqes CQES, completion queue entry size, byte 513
 * @param nn NN, number of namespaces, bytes 516–519
 * @param oncs ONCS, optional NVM command support, bytes 520–521
 * @param vwc VWC, volatile write cache, byte 525
 * @param subnqn SUBNQN, NVM subsystem NVMe qualified name, bytes 768–1023
 * @param psd PSD0…, the power state descriptors of states 0..min(NPSS, 31), bytes 2048–3071
 */
public record IdentifyController(int vid, int ssvid, String sn, String mn, String fr, int rab, int ieee, int cmic,
    int mdts, int cntlid, long ver, long rtd3r, long rtd3e, long oaes, long ctratt, int cntrltype, String fguid,
    int nvmsr, int vwci, int mec, int oacs, int acl, int aerl, int frmw, int lpa, int elpe, int npss, int wctemp,
    int cctemp, int mtfa, BigInteger tnvmcap, BigInteger unvmcap, int edstt, int fwug, int hctma, int mntmt,
    int mxtmt, long sanicap, int sqes, int cqes, long nn, int oncs, int vwc, String subnqn,
    List<PowerStateDescriptor> psd) implements AdminPayload {

  /** Size of the structure. */
  public static final int LENGTH = 4096;
  /** Offset of PSD0. */
  static final int PSD_OFFSET = 2048;
  /** Number of power state descriptor slots. */
  public static final int MAX_POWER_STATES = 32;

  public IdentifyController {
    checkBits(vid, 16, "vid");
    checkBits(ssvid, 16, "ssvid");
    checkAscii(sn, 20, "sn");
    checkAscii(mn, 40, "mn");
    checkAscii(fr, 8, "fr");
    checkBits(rab, 8, "rab");
    checkBits(ieee, 24, "ieee");
    checkBits(cmic, 8, "cmic");
    checkBits(mdts, 8, "mdts");
    checkBits(cntlid, 16, "cntlid");
    checkBits(ver, 32, "ver");
    checkBits(rtd3r, 32, "rtd3r");
    checkBits(rtd3e, 32, "rtd3e");
    checkBits(oaes, 32, "oaes");
    checkBits(ctratt, 32, "ctratt");
    checkBits(cntrltype, 8, "cntrltype");
    Objects.requireNonNull(fguid, "fguid");
    if (!LittleEndian.isLowerHex(fguid, 32)) {
      throw new IllegalArgumentException("fguid: " + fguid + " (expected: 32 lower-case hex digits)");
    }
    checkBits(nvmsr, 8, "nvmsr");
    checkBits(vwci, 8, "vwci");
    checkBits(mec, 8, "mec");
    checkBits(oacs, 16, "oacs");
    checkBits(acl, 8, "acl");
    checkBits(aerl, 8, "aerl");
    checkBits(frmw, 8, "frmw");
    checkBits(lpa, 8, "lpa");
    checkBits(elpe, 8, "elpe");
    checkBits(npss, 8, "npss");
    checkBits(wctemp, 16, "wctemp");
    checkBits(cctemp, 16, "cctemp");
    checkBits(mtfa, 16, "mtfa");
    check128(tnvmcap, "tnvmcap");
    check128(unvmcap, "unvmcap");
    checkBits(edstt, 16, "edstt");
    checkBits(fwug, 8, "fwug");
    checkBits(hctma, 16, "hctma");
    checkBits(mntmt, 16, "mntmt");
    checkBits(mxtmt, 16, "mxtmt");
    checkBits(sanicap, 32, "sanicap");
    checkBits(sqes, 8, "sqes");
    checkBits(cqes, 8, "cqes");
    checkBits(nn, 32, "nn");
    checkBits(oncs, 16, "oncs");
    checkBits(vwc, 8, "vwc");
    Objects.requireNonNull(subnqn, "subnqn");
    if (LittleEndian.utf8Length(subnqn) > 256 || subnqn.indexOf('\0') >= 0 || subnqn.endsWith(" ")) {
      throw new IllegalArgumentException("subnqn: " + subnqn + " (expected: at most 256 UTF-8 bytes, no NUL, trimmed)");
    }
    Objects.requireNonNull(psd, "psd");
    int states = Math.min(npss + 1, MAX_POWER_STATES);
    if (psd.size() != states) {
      throw new IllegalArgumentException("psd: " + psd.size() + " descriptors (expected: NPSS + 1 = " + states + ")");
    }
    psd = List.copyOf(psd);
  }

  /**
   * Decodes the 4096-byte structure.
   *
   * @throws MiProtocolException {@code LENGTH_MISMATCH} unless {@code data} is exactly 4096 bytes
   */
  public static IdentifyController decode(byte[] data) {
    if (data.length != LENGTH) {
      throw new MiProtocolException(MiErrorKind.LENGTH_MISMATCH,
          "Identify Controller length: " + data.length + " bytes (expected: " + LENGTH + ")");
    }
    int npss = u8(data, 263);
    PowerStateDescriptor[] psd = new PowerStateDescriptor[Math.min(npss + 1, MAX_POWER_STATES)];
    for (int i = 0; i < psd.length; i++) {
      psd[i] = PowerStateDescriptor.decode(data, PSD_OFFSET + i * PowerStateDescriptor.LENGTH);
    }
    return new IdentifyController(u16(data, 0), u16(data, 2), ascii(data, 4, 20), ascii(data, 24, 40),
        ascii(data, 64, 8), u8(data, 72), u24(data, 73), u8(data, 76), u8(data, 77), u16(data, 78), u32(data, 80),
        u32(data, 84), u32(data, 88), u32(data, 92), u32(data, 96), u8(data, 111),
        LittleEndian.lowerHex(data, 112, 16), u8(data, 253), u8(data, 254), u8(data, 255), u16(data, 256),
        u8(data, 258), u8(data, 259), u8(data, 260), u8(data, 261), u8(data, 262), npss, u16(data, 266),
        u16(data, 268), u16(data, 270), u128(data, 280), u128(data, 296), u16(data, 316), u8(data, 319),
        u16(data, 322), u16(data, 324), u16(data, 326), u32(data, 328), u8(data, 512), u8(data, 513),
        u32(data, 516), u16(data, 520), u8(data, 525), utf8z(data, 768, 256, "SUBNQN"), List.of(psd));
  }

  /** The 4096-byte structure with every field of this record; all other bytes zero. */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    put16(b, 0, vid);
    put16(b, 2, ssvid);
    putAsciiPadded(b, 4, 20, sn, "sn");
    putAsciiPadded(b, 24, 40, mn, "mn");
    putAsciiPadded(b, 64, 8, fr, "fr");
    b[72] = (byte) rab;
    put24(b, 73, ieee);
    b[76] = (byte) cmic;
    b[77] = (byte) mdts;
    put16(b, 78, cntlid);
    put32(b, 80, ver);
    put32(b, 84, rtd3r);
    put32(b, 88, rtd3e);
    put32(b, 92, oaes);
    put32(b, 96, ctratt);
    b[111] = (byte) cntrltype;
    System.arraycopy(HexFormat.of().parseHex(fguid), 0, b, 112, 16);
    b[253] = (byte) nvmsr;
    b[254] = (byte) vwci;
    b[255] = (byte) mec;
    put16(b, 256, oacs);
    b[258] = (byte) acl;
    b[259] = (byte) aerl;
    b[260] = (byte) frmw;
    b[261] = (byte) lpa;
    b[262] = (byte) elpe;
    b[263] = (byte) npss;
    put16(b, 266, wctemp);
    put16(b, 268, cctemp);
    put16(b, 270, mtfa);
    put128(b, 280, tnvmcap);
    put128(b, 296, unvmcap);
    put16(b, 316, edstt);
    b[319] = (byte) fwug;
    put16(b, 322, hctma);
    put16(b, 324, mntmt);
    put16(b, 326, mxtmt);
    put32(b, 328, sanicap);
    b[512] = (byte) sqes;
    b[513] = (byte) cqes;
    put32(b, 516, nn);
    put16(b, 520, oncs);
    b[525] = (byte) vwc;
    putUtf8Z(b, 768, 256, subnqn, "subnqn");
    for (int i = 0; i < psd.size(); i++) {
      psd.get(i).encode(b, PSD_OFFSET + i * PowerStateDescriptor.LENGTH);
    }
    return b;
  }

  /** The first 72 bytes' fields (what libnvme's probe reads). */
  public IdentifyControllerSummary summary() {
    return new IdentifyControllerSummary(vid, ssvid, sn, mn, fr);
  }

  /** WCTEMP in °C, or null when the controller reports no threshold (0). */
  @Derived
  public Integer wctempCelsius() {
    return wctemp == 0 ? null : wctemp - 273;
  }

  /** CCTEMP in °C, or null when the controller reports no threshold (0). */
  @Derived
  public Integer cctempCelsius() {
    return cctemp == 0 ? null : cctemp - 273;
  }

  /** VER as "major.minor.tertiary", e.g. "1.4.0"; "unreported" when VER is 0 (NVMe before 1.2). */
  @Derived
  public String version() {
    if (ver == 0) {
      return "unreported";
    }
    return (ver >>> 16) + "." + (ver >>> 8 & 0xFF) + "." + (ver & 0xFF);
  }

  /** The IEEE OUI as six upper-case hex digits, e.g. "002538". */
  @Derived
  public String ieeeOui() {
    return String.format(Locale.ROOT, "%06X", ieee);
  }

  /** Number of error information log entries the controller keeps (ELPE + 1). */
  @Derived
  public int errorLogEntries() {
    return elpe + 1;
  }

  /** The controller type's name. */
  @Derived
  public String cntrltypeName() {
    switch (cntrltype) {
      case 0: return "not reported";
      case 1: return "I/O controller";
      case 2: return "discovery controller";
      case 3: return "administrative controller";
      default: return "reserved(" + cntrltype + ")";
    }
  }
}
