package dev.nvmemi.transport.mctp.jna;

/**
 * The system calls the AF_MCTP requester needs, one method per call, each failing with the call's
 * errno. This is the seam that unit tests script (libnvme's {@code struct __mi_mctp_socket_ops}):
 * short sends, EINTR, poll timeouts, EBUSY tag exhaustion, MPR sequences and stale responses are all
 * reproducible without a kernel.
 *
 * <p>Implementations block in the kernel; they are called from the {@code mctp-io} worker threads
 * only, one thread per file descriptor at a time.
 */
public interface SocketOps {

  /** {@code socket(AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0)}; returns the file descriptor. */
  int socket() throws ErrnoException;

  /**
   * {@code sendto(fd, buf, len, 0, sockaddr_mctp{dest}, 12)}.
   *
   * @return the number of bytes the kernel accepted
   */
  int sendTo(int fd, byte[] buf, int len, MctpAddress dest) throws ErrnoException;

  /**
   * {@code poll({fd, POLLIN}, 1, timeoutMs)}.
   *
   * @return the {@code revents} bits, 0 when the timeout passed first
   */
  int poll(int fd, int timeoutMs) throws ErrnoException;

  /**
   * {@code recvfrom(fd, buf, buf.length, flags, sockaddr_mctp*, 12)}.
   *
   * @return the message length (the full length when {@code flags} has MSG_TRUNC) and its source
   */
  Received recvFrom(int fd, byte[] buf, int flags) throws ErrnoException;

  /**
   * Preallocates a tag for (network, peer): {@code SIOCMCTPALLOCTAG2} when {@code netAware}, else
   * the v1 {@code SIOCMCTPALLOCTAG} (which assumes network 1).
   *
   * @return the tag as the kernel returns it ({@code tag | MCTP_TAG_OWNER | MCTP_TAG_PREALLOC})
   */
  int allocTag(int fd, int network, int peer, boolean netAware) throws ErrnoException;

  /** Releases a preallocated tag ({@code SIOCMCTPDROPTAG2} / {@code SIOCMCTPDROPTAG}). */
  void dropTag(int fd, int network, int peer, int tag, boolean netAware) throws ErrnoException;

  /**
   * {@code bind(fd, sockaddr_mctp{local}, 12)}: listen for incoming requests (TO=1) matching
   * (network, local EID, type). Needs CAP_NET_BIND_SERVICE (EACCES otherwise); EADDRINUSE when
   * another socket holds the same binding.
   */
  void bind(int fd, MctpAddress local) throws ErrnoException;

  /** {@code close(fd)}. */
  void close(int fd) throws ErrnoException;

  /**
   * The result of one {@code recvfrom}.
   *
   * @param length the bytes received, or with MSG_TRUNC the full message length (may exceed the buffer)
   * @param from the source address: network, EID, type (with IC) and tag as received
   */
  record Received(int length, MctpAddress from) {}
}
