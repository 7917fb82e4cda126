package dev.nvmemi.transport.mctp.jna;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.util.ArrayList;
import java.util.List;

/**
 * A NETLINK_ROUTE socket through JNA: dumps (RTM_GET* with NLM_F_DUMP) and acknowledged requests
 * (RTM_NEW* with NLM_F_ACK). Blocking, with a poll timeout so that a silent kernel never hangs the
 * caller. Not thread-safe: one thread per instance (an {@code mctp-io} worker, or a test).
 */
public final class RtNetlink implements AutoCloseable {
  private static final int NETLINK_ROUTE = 0;
  private static final int TIMEOUT_MS = 2000;

  private final int fd;
  private int seq = 1;
  private boolean closed;

  private RtNetlink(int fd) {
    this.fd = fd;
  }

  /** Opens {@code socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)}. */
  public static RtNetlink open() throws ErrnoException {
    try {
      return new RtNetlink(LibC.get().socket(MctpConstants.AF_NETLINK,
          MctpConstants.SOCK_RAW | MctpConstants.SOCK_CLOEXEC, NETLINK_ROUTE));
    } catch (LastErrorException e) {
      throw new ErrnoException("socket(AF_NETLINK)", e.getErrorCode());
    }
  }

  /**
   * Sends a dump request and collects every reply message up to NLMSG_DONE.
   *
   * @param type RTM_GETROUTE, RTM_GETLINK, …
   * @param familyHeader the request's family header (e.g. a 12-byte rtmsg with rtm_family = 45)
   */
  public List<NetlinkMessage> dump(int type, byte[] familyHeader) throws ErrnoException {
    send(new NetlinkMessage(type, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP, familyHeader));
    List<NetlinkMessage> out = new ArrayList<>();
    while (true) {
      for (NetlinkMessage m : receive()) {
        if (m.type() == NetlinkMessage.NLMSG_DONE) {
          return out;
        }
        if (m.type() == NetlinkMessage.NLMSG_ERROR) {
          if (m.error() != 0) {
            throw new ErrnoException("rtnetlink dump " + type, -m.error());
          }
          return out;
        }
        out.add(m);
      }
    }
  }

  /** Sends {@code type} with NLM_F_ACK plus {@code extraFlags} and waits for the kernel's answer. */
  public void request(int type, int extraFlags, byte[] payload) throws ErrnoException {
    send(new NetlinkMessage(type, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK | extraFlags,
        payload));
    while (true) {
      for (NetlinkMessage m : receive()) {
        if (m.type() == NetlinkMessage.NLMSG_ERROR) {
          if (m.error() != 0) {
            throw new ErrnoException("rtnetlink request " + type, -m.error());
          }
          return;
        }
      }
    }
  }

  private int send(NetlinkMessage m) throws ErrnoException {
    int s = seq++;
    byte[] bytes = m.encode(s);
    try {
      LibC.get().send(fd, bytes, new NativeLong(bytes.length), 0);
    } catch (LastErrorException e) {
      throw new ErrnoException("send(netlink)", e.getErrorCode());
    }
    return s;
  }

  private List<NetlinkMessage> receive() throws ErrnoException {
    byte[] buf = new byte[32768];
    while (true) {
      PollFd p = new PollFd();
      p.fd = fd;
      p.events = (short) MctpConstants.POLLIN;
      int n;
      try {
        n = LibC.get().poll(p, new NativeLong(1), TIMEOUT_MS);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == Errno.EINTR) {
          continue;
        }
        throw new ErrnoException("poll(netlink)", e.getErrorCode());
      }
      if (n == 0) {
        throw new ErrnoException("rtnetlink (no answer in " + TIMEOUT_MS + " ms)", Errno.ETIMEDOUT);
      }
      int len;
      try {
        len = LibC.get().recv(fd, buf, new NativeLong(buf.length), 0).intValue();
      } catch (LastErrorException e) {
        if (e.getErrorCode() == Errno.EINTR) {
          continue;
        }
        throw new ErrnoException("recv(netlink)", e.getErrorCode());
      }
      List<NetlinkMessage> all = NetlinkMessage.parseAll(buf, len);
      return all;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        LibC.get().close(fd);
      } catch (LastErrorException e) {
        // nothing to recover: the descriptor is gone either way
      }
    }
  }
}
