package dev.nvmemi.transport.mctp.jna;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;

/**
 * The glibc functions the transport calls, declared with {@code throws LastErrorException} so that
 * JNA captures {@code errno} right after the call. {@code size_t}/{@code ssize_t} and the
 * {@code unsigned long} ioctl request are {@link NativeLong}. Thread-safe (stateless native calls).
 */
public interface LibC extends Library {

  /** Loaded on first use, so that merely referencing the transport never needs native code. */
  final class Holder {
    static final LibC INSTANCE = Native.load("c", LibC.class);

    private Holder() {}
  }

  /** The process-wide binding. */
  static LibC get() {
    return Holder.INSTANCE;
  }

  int socket(int domain, int type, int protocol) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  int bind(int fd, Structure addr, int addrlen) throws LastErrorException;

  NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, Structure addr, int addrlen)
      throws LastErrorException;

  NativeLong send(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

  NativeLong recvfrom(int fd, byte[] buf, NativeLong len, int flags, Structure addr, IntByReference addrlen)
      throws LastErrorException;

  NativeLong recv(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

  int poll(PollFd fds, NativeLong nfds, int timeoutMs) throws LastErrorException;

  int ioctl(int fd, NativeLong request, Structure arg) throws LastErrorException;

  int if_nametoindex(String name) throws LastErrorException;
}
