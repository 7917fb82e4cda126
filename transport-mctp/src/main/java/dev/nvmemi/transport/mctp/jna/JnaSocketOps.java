package dev.nvmemi.transport.mctp.jna;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;

/**
 * {@link SocketOps} over glibc through JNA: the real AF_MCTP socket. Stateless; each call blocks the
 * calling thread (an {@code mctp-io} worker) in the kernel for at most its poll timeout.
 */
public final class JnaSocketOps implements SocketOps {
  private static final JnaSocketOps INSTANCE = new JnaSocketOps();

  private JnaSocketOps() {}

  /** The process-wide instance. */
  public static JnaSocketOps instance() {
    return INSTANCE;
  }

  private static LibC libc() {
    return LibC.get();
  }

  @Override
  public int socket() throws ErrnoException {
    try {
      return libc().socket(MctpConstants.AF_MCTP, MctpConstants.SOCK_DGRAM | MctpConstants.SOCK_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw new ErrnoException("socket(AF_MCTP)", e.getErrorCode());
    }
  }

  @Override
  public int sendTo(int fd, byte[] buf, int len, MctpAddress dest) throws ErrnoException {
    SockaddrMctp sa = SockaddrMctp.of(dest);
    try {
      return libc().sendto(fd, buf, new NativeLong(len), 0, sa, SockaddrMctp.SIZE).intValue();
    } catch (LastErrorException e) {
      throw new ErrnoException("sendto", e.getErrorCode());
    }
  }

  @Override
  public int poll(int fd, int timeoutMs) throws ErrnoException {
    PollFd p = new PollFd();
    p.fd = fd;
    p.events = (short) MctpConstants.POLLIN;
    try {
      int n = libc().poll(p, new NativeLong(1), timeoutMs);
      return n == 0 ? 0 : p.revents & 0xFFFF;
    } catch (LastErrorException e) {
      throw new ErrnoException("poll", e.getErrorCode());
    }
  }

  @Override
  public Received recvFrom(int fd, byte[] buf, int flags) throws ErrnoException {
    SockaddrMctp sa = new SockaddrMctp();
    IntByReference len = new IntByReference(SockaddrMctp.SIZE);
    try {
      int n = libc().recvfrom(fd, buf, new NativeLong(buf.length), flags, sa, len).intValue();
      return new Received(n, sa.toAddress());
    } catch (LastErrorException e) {
      throw new ErrnoException("recvfrom", e.getErrorCode());
    }
  }

  @Override
  public int allocTag(int fd, int network, int peer, boolean netAware) throws ErrnoException {
    try {
      if (netAware) {
        MctpIocTagCtl2 ctl = new MctpIocTagCtl2();
        ctl.net = network;
        ctl.peer_addr = (byte) peer;
        libc().ioctl(fd, new NativeLong(MctpConstants.SIOCMCTPALLOCTAG2), ctl);
        return ctl.tag & 0xFF;
      }
      MctpIocTagCtl ctl = new MctpIocTagCtl();
      ctl.peer_addr = (byte) peer;
      libc().ioctl(fd, new NativeLong(MctpConstants.SIOCMCTPALLOCTAG), ctl);
      return ctl.tag & 0xFF;
    } catch (LastErrorException e) {
      throw new ErrnoException(netAware ? "ioctl(SIOCMCTPALLOCTAG2)" : "ioctl(SIOCMCTPALLOCTAG)", e.getErrorCode());
    }
  }

  @Override
  public void dropTag(int fd, int network, int peer, int tag, boolean netAware) throws ErrnoException {
    try {
      if (netAware) {
        MctpIocTagCtl2 ctl = new MctpIocTagCtl2();
        ctl.net = network;
        ctl.peer_addr = (byte) peer;
        ctl.tag = (byte) tag;
        libc().ioctl(fd, new NativeLong(MctpConstants.SIOCMCTPDROPTAG2), ctl);
      } else {
        MctpIocTagCtl ctl = new MctpIocTagCtl();
        ctl.peer_addr = (byte) peer;
        ctl.tag = (byte) tag;
        libc().ioctl(fd, new NativeLong(MctpConstants.SIOCMCTPDROPTAG), ctl);
      }
    } catch (LastErrorException e) {
      throw new ErrnoException(netAware ? "ioctl(SIOCMCTPDROPTAG2)" : "ioctl(SIOCMCTPDROPTAG)", e.getErrorCode());
    }
  }

  @Override
  public void bind(int fd, MctpAddress local) throws ErrnoException {
    try {
      libc().bind(fd, SockaddrMctp.of(local), SockaddrMctp.SIZE);
    } catch (LastErrorException e) {
      throw new ErrnoException("bind", e.getErrorCode());
    }
  }

  @Override
  public void close(int fd) throws ErrnoException {
    try {
      libc().close(fd);
    } catch (LastErrorException e) {
      throw new ErrnoException("close", e.getErrorCode());
    }
  }
}
