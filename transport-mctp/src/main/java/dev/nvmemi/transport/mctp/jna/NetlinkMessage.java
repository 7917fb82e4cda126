package dev.nvmemi.transport.mctp.jna;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One netlink message: {@code nlmsghdr} type and flags plus the payload after the 16-byte header,
 * with the encoding and parsing helpers for rtnetlink (host byte order, 4-byte aligned attributes).
 * Immutable (the payload is not copied on access: do not modify it); thread-safe.
 *
 * @param type {@code nlmsg_type} (e.g. RTM_NEWROUTE = 24)
 * @param flags {@code nlmsg_flags}
 * @param payload the bytes after the header: a family header (rtmsg, ifinfomsg…) then attributes
 */
public record NetlinkMessage(int type, int flags, byte[] payload) {
  public static final int NLMSG_HDRLEN = 16;
  public static final int NLMSG_ERROR = 2;
  public static final int NLMSG_DONE = 3;
  public static final int NLM_F_REQUEST = 0x1;
  public static final int NLM_F_MULTI = 0x2;
  public static final int NLM_F_ACK = 0x4;
  public static final int NLM_F_EXCL = 0x200;
  public static final int NLM_F_DUMP = 0x300;
  public static final int NLM_F_CREATE = 0x400;
  public static final int RTM_NEWLINK = 16;
  public static final int RTM_GETLINK = 18;
  public static final int RTM_NEWADDR = 20;
  public static final int RTM_GETADDR = 22;
  public static final int RTM_NEWROUTE = 24;
  public static final int RTM_GETROUTE = 26;

  /** The whole message with its header, for sending. */
  public byte[] encode(int seq) {
    int len = NLMSG_HDRLEN + payload.length;
    ByteBuffer b = ByteBuffer.allocate(align(len)).order(ByteOrder.nativeOrder());
    b.putInt(len).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0).put(payload);
    return b.array();
  }

  /**
   * Splits a datagram read from a netlink socket into messages.
   *
   * @throws IllegalArgumentException when a length field runs past the datagram
   */
  public static List<NetlinkMessage> parseAll(byte[] buf, int length) {
    List<NetlinkMessage> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(buf, 0, length).order(ByteOrder.nativeOrder());
    int off = 0;
    while (length - off >= NLMSG_HDRLEN) {
      int len = b.getInt(off);
      if (len < NLMSG_HDRLEN || off + len > length) {
        throw new IllegalArgumentException("netlink message length " + len + " at offset " + off
            + " (expected: " + NLMSG_HDRLEN + ".." + (length - off) + ")");
      }
      int type = b.getShort(off + 4) & 0xFFFF;
      int flags = b.getShort(off + 6) & 0xFFFF;
      out.add(new NetlinkMessage(type, flags, Arrays.copyOfRange(buf, off + NLMSG_HDRLEN, off + len)));
      off += align(len);
    }
    return out;
  }

  /** The payload as a native-order buffer. */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
  }

  /** For NLMSG_ERROR: the (negative) error, 0 for an ACK. */
  public int error() {
    return payload.length >= 4 ? buffer().getInt(0) : -Errno.EIO;
  }

  /**
   * Parses the attributes that follow a fixed family header of {@code headerLength} bytes.
   *
   * @return the attributes in order (type with the NLA_F_NESTED bit cleared)
   */
  public List<Attribute> attributes(int headerLength) {
    return Attribute.parse(payload, headerLength, payload.length);
  }

  /** Rounds up to the netlink alignment of 4. */
  public static int align(int n) {
    return (n + 3) & ~3;
  }

  /**
   * One {@code rtattr}/{@code nlattr}.
   *
   * @param type attribute type (nested/byte-order flag bits cleared)
   * @param data the value bytes
   */
  public record Attribute(int type, byte[] data) {
    /** Parses {@code buf[from, to)} as attributes. */
    public static List<Attribute> parse(byte[] buf, int from, int to) {
      List<Attribute> out = new ArrayList<>();
      ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
      int off = from;
      while (to - off >= 4) {
        int len = b.getShort(off) & 0xFFFF;
        int type = b.getShort(off + 2) & 0x3FFF;
        if (len < 4 || off + len > to) {
          throw new IllegalArgumentException("netlink attribute length " + len + " at offset " + off
              + " (expected: 4.." + (to - off) + ")");
        }
        out.add(new Attribute(type, Arrays.copyOfRange(buf, off + 4, off + len)));
        off += align(len);
      }
      return out;
    }

    /** Nested attributes inside this one. */
    public List<Attribute> nested() {
      return parse(data, 0, data.length);
    }

    /** The value as u8. */
    public int u8() {
      return data[0] & 0xFF;
    }

    /** The value as u32 (host order). */
    public long u32() {
      return ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).getInt(0) & 0xFFFFFFFFL;
    }

    /** The value as a NUL-terminated string. */
    public String string() {
      int n = 0;
      while (n < data.length && data[n] != 0) {
        n++;
      }
      return new String(data, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Encodes an attribute with its header and padding. */
    public static byte[] encode(int type, byte[] value) {
      int len = 4 + value.length;
      ByteBuffer b = ByteBuffer.allocate(align(len)).order(ByteOrder.nativeOrder());
      b.putShort((short) len).putShort((short) type).put(value);
      return b.array();
    }

    /** A u8 attribute. */
    public static byte[] u8(int type, int value) {
      return encode(type, new byte[] {(byte) value});
    }

    /** A u32 attribute (host order). */
    public static byte[] u32(int type, int value) {
      return encode(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }
  }
}
