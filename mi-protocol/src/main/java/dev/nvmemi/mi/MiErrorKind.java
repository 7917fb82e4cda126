package dev.nvmemi.mi;

/**
 * Why a message was rejected by the codec. The names are stable: the {@code decode} command prints
 * them as {@code error.kind}, and tests and operators match on them.
 *
 * <p>The order of the constants follows the validation order of the spec sheet §11.1.
 */
public enum MiErrorKind {
  /** Fewer bytes than the smallest valid message of its kind (8 for any message, 12 for a response). */
  TOO_SHORT,
  /** The Message Integrity Check (CRC-32C) does not match the message. libnvme: {@code EBADMSG}. */
  MIC_MISMATCH,
  /** Byte 0 is not 0x84 (MCTP type 4 with IC=1). libnvme: {@code EPROTO}. */
  BAD_MESSAGE_TYPE,
  /** A response was expected but ROR=0. libnvme: {@code EIO}. */
  NOT_A_RESPONSE,
  /** A request was expected but ROR=1. */
  NOT_A_REQUEST,
  /** NVMe-MI Message Type (NMIMT) is reserved or differs from the request's (strict mode). */
  NMIMT_MISMATCH,
  /** Command Slot Identifier differs from the request's. libnvme: {@code EIO}. */
  CSI_MISMATCH,
  /** A control primitive response carries a different tag than the request. */
  TAG_MISMATCH,
  /** The data length disagrees with the command (RDL, entry counts, fixed structure sizes). */
  LENGTH_MISMATCH,
  /** A field holds a value the spec does not allow (reserved code, out-of-range count). */
  INVALID_FIELD,
  /**
   * A GUID-tagged log page (the OCP datacenter logs C0h, C3h) carries another GUID than the layout
   * asked for: not that page (a vendor page at the same LID, another OCP layout). Thrown as
   * {@link LogPageGuidMismatchException}, which names both GUIDs.
   */
  GUID_MISMATCH,
  /** The request's opcode, data structure type or identifier is unknown to this codec. */
  UNSUPPORTED
}
