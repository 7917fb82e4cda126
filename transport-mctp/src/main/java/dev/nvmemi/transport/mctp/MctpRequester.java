package dev.nvmemi.transport.mctp;

import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiTimeoutException;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MiTransportException.Reason;
import dev.nvmemi.mi.MoreProcessingRequired;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.mi.client.MiTransport.InterimListener;
import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.MctpAddress;
import dev.nvmemi.transport.mctp.jna.MctpConstants;
import dev.nvmemi.transport.mctp.jna.SocketOps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The blocking AF_MCTP requester for one endpoint (network, EID): one socket per command slot,
 * never bound, and the whole exchange of one request: tag, send, wait, More Processing Required,
 * timeout. The only code that knows that AF_MCTP moves the message-type byte into the socket
 * address.
 *
 * <p>Runs on the I/O threads of the endpoint's bus ({@link MctpIo}). Admission is the caller's: an
 * exchange on a command slot that already has one in flight is a programming error, reported as
 * such (never queued); the two slots may run on two threads at once, so shared state is guarded by
 * {@link #lock}.
 *
 * <h2>Why sockets are retired after a failed exchange</h2>
 * The kernel matches a response to a socket by its tag key (net, local EID, peer EID, tag). When we
 * give up on a request the endpoint may still answer it. If the next request could get the same tag
 * on the same socket, that late answer would be taken for the new one. So a socket whose exchange
 * did not end with its final response is <em>quarantined</em>: it keeps its key (so the kernel
 * cannot hand the same tag to the next request, which goes out on a fresh socket), a late answer
 * lands there unread, and the socket is closed once the kernel's key lifetime (6 s) has passed.
 */
final class MctpRequester {
  private static final System.Logger LOG = System.getLogger(MctpRequester.class.getName());

  /** Receive buffer: the largest NVMe-MI message (4 KiB + 128) — the type byte is not in it. */
  static final int RECV_BUFFER = MiFrame.MAX_MESSAGE;
  /** Longest single poll, so that {@link #close()} is noticed promptly by a waiting worker. */
  static final int POLL_SLICE_MS = 250;
  /** First and longest pause while all 8 tags to the peer are taken (EBUSY). */
  static final long TAG_WAIT_MIN_MS = 10;
  static final long TAG_WAIT_MAX_MS = 200;

  private enum TagSupport { V2, V1, NONE }

  private final SocketOps ops;
  private final MctpClock clock;
  private final int network;
  private final int eid;
  private final String endpoint;
  private final Object lock = new Object();
  private final int[] slotFd = {-1, -1};
  private final boolean[] busy = new boolean[2];
  private final List<Quarantined> quarantine = new ArrayList<>();
  private final AtomicLong discarded = new AtomicLong();
  private volatile TagSupport tagSupport = TagSupport.V2;
  private boolean closed;

  private record Quarantined(int fd, long closeAtNanos) {}

  /** An exchange ended without its final response: the socket must be retired. */
  private static final class Abandoned extends Exception {
    private static final long serialVersionUID = 1L;

    Abandoned(MiTransportException cause) {
      super(cause);
    }

    MiTransportException failure() {
      return (MiTransportException) getCause();
    }
  }

  MctpRequester(SocketOps ops, MctpClock clock, int network, int eid, String endpoint) {
    this.ops = ops;
    this.clock = clock;
    this.network = network;
    this.eid = eid;
    this.endpoint = endpoint;
  }

  /** How many received messages were dropped as not ours (wrong source, type or tag). */
  long discardedCount() {
    return discarded.get();
  }

  /**
   * Closes the quarantined sockets whose key lifetime has passed (called by a timer, on a worker).
   *
   * @return whether quarantined sockets remain
   */
  boolean reapExpired() {
    synchronized (lock) {
      reapQuarantine(false);
      return !quarantine.isEmpty();
    }
  }

  /** Open sockets, quarantined ones included (for tests and diagnostics). */
  int openSockets() {
    synchronized (lock) {
      return (slotFd[0] >= 0 ? 1 : 0) + (slotFd[1] >= 0 ? 1 : 0) + quarantine.size();
    }
  }

  /**
   * Sends {@code request} (a whole NVMe-MI message, type byte first, MIC last) and returns the final
   * response with the type byte re-inserted and the MIC untouched.
   *
   * @param cancelled polled between waits; true aborts with reason CLOSED
   */
  byte[] exchange(byte[] request, ExchangeOptions options, InterimListener interim, BooleanSupplier cancelled) {
    if (request.length < 1) {
      throw new MiTransportException(Reason.IO, endpoint, "empty request: 0 bytes (expected: the 0x84 type byte"
          + " and an NVMe-MI message) [" + endpoint + ", " + options.command() + "]");
    }
    int csi = request.length > 1 ? request[1] & 1 : 0;
    int fd;
    synchronized (lock) {
      if (closed) {
        throw closedFailure(options.command());
      }
      reapQuarantine(false);
      if (busy[csi]) {
        // an assertion, not a queue: the caller's scheduler admits one exchange per slot
        throw new IllegalStateException("command slot " + csi + " already has an exchange in flight (the caller"
            + " admitted a second one; exchanges are never queued here) [" + endpoint + "]");
      }
      busy[csi] = true;
      fd = slotFd[csi];
    }
    try {
      if (fd < 0) {
        fd = openSocket();
        synchronized (lock) {
          slotFd[csi] = fd;
        }
      }
      return run(fd, request, options, interim, cancelled);
    } catch (Abandoned a) {
      synchronized (lock) {
        slotFd[csi] = -1;
        if (closed) {
          closeQuietly(fd);
        } else {
          // fd >= 0 here: run() only abandons after a send
          quarantine.add(new Quarantined(fd, clock.nanoTime() + MctpConstants.KEY_LIFETIME_MS * 1_000_000L));
        }
      }
      throw a.failure();
    } finally {
      synchronized (lock) {
        busy[csi] = false;
        if (closed && slotFd[csi] >= 0) {
          closeQuietly(slotFd[csi]);
          slotFd[csi] = -1;
        }
      }
    }
  }

  /**
   * Closes every socket not in use now; a socket in use is closed by its exchange, which notices
   * the closing within one poll slice. Idempotent.
   */
  void close() {
    synchronized (lock) {
      closed = true;
      reapQuarantine(true);
      for (int csi = 0; csi < 2; csi++) {
        if (!busy[csi] && slotFd[csi] >= 0) {
          closeQuietly(slotFd[csi]);
          slotFd[csi] = -1;
        }
      }
    }
  }

  private MiTransportException closedFailure(String command) {
    return new MiTransportException(Reason.CLOSED, endpoint,
        "transport closed before the response to " + command + " [" + endpoint + "]");
  }

  private int openSocket() {
    while (true) {
      try {
        return ops.socket();
      } catch (ErrnoException e) {
        if (e.errno() != Errno.EINTR) {
          throw MctpErrors.socketFailed(endpoint, e);
        }
      }
    }
  }

  private byte[] run(int fd, byte[] request, ExchangeOptions options, InterimListener interim,
      BooleanSupplier cancelled) throws Abandoned {
    String command = options.command();
    long start = clock.nanoTime();
    long deadline = start + options.timeout().toNanos();
    int type = request[0] & 0xFF;
    // AF_MCTP carries the message type in smctp_type: the kernel prepends it on send and strips it
    // on receive, so the payload starts after byte 0 (the MIC still covers byte 0, end to end).
    byte[] payload = Arrays.copyOfRange(request, 1, request.length);
    int tag = options.mprPossible() ? allocateTag(fd, command, start, deadline) : -1;
    boolean sent = false;
    boolean answered = false;
    try {
      int sendTag = tag >= 0 ? tag : MctpConstants.MCTP_TAG_OWNER;
      send(fd, payload, new MctpAddress(network, eid, type, sendTag), command, start, deadline);
      sent = true;
      byte[] buf = new byte[RECV_BUFFER];
      int interims = 0;
      while (true) {
        long now = clock.nanoTime();
        if (now - deadline >= 0) {
          MiTimeoutException t = new MiTimeoutException(endpoint,
              interims == 0 ? command : command + " (after " + interims + " More Processing Required responses)",
              Duration.ofNanos(now - start));
          throw new Abandoned(t);
        }
        if (cancelled.getAsBoolean()) {
          throw new Abandoned(closedFailure(command));
        }
        int slice = (int) Math.min(POLL_SLICE_MS, Math.max(1, (deadline - now + 999_999) / 1_000_000));
        int revents;
        try {
          revents = ops.poll(fd, slice);
        } catch (ErrnoException e) {
          if (e.errno() == Errno.EINTR) {
            continue;
          }
          throw new Abandoned(MctpErrors.receiveFailed(endpoint, command, e));
        }
        if (revents == 0) {
          continue;
        }
        if ((revents & MctpConstants.POLLIN) == 0) {
          throw new Abandoned(new MiTransportException(Reason.IO, endpoint, 0, String.format(
              "poll reported revents 0x%x without POLLIN while waiting for the response to %s [%s]",
              revents, command, endpoint), null));
        }
        SocketOps.Received r;
        try {
          r = ops.recvFrom(fd, buf, MctpConstants.MSG_DONTWAIT | MctpConstants.MSG_TRUNC);
        } catch (ErrnoException e) {
          if (e.errno() == Errno.EINTR || e.errno() == Errno.EAGAIN) {
            continue;
          }
          throw new Abandoned(MctpErrors.receiveFailed(endpoint, command, e));
        }
        if (!isOurs(r.from(), type, tag)) {
          discarded.incrementAndGet();
          LOG.log(System.Logger.Level.DEBUG, () -> "discarded " + r.length() + " bytes from " + r.from()
              + " while waiting for " + command + " [" + endpoint + "]");
          continue;
        }
        if (r.length() > buf.length) {
          throw new Abandoned(new MiTransportException(Reason.IO, endpoint, 0,
              "response to " + command + " too long: " + (r.length() + 1) + " bytes (expected: at most "
                  + MiFrame.MAX_MESSAGE + " bytes) [" + endpoint + "]", null));
        }
        byte[] msg = new byte[r.length() + 1];
        msg[0] = (byte) r.from().type();
        System.arraycopy(buf, 0, msg, 1, r.length());
        Optional<MoreProcessingRequired> mpr = MoreProcessingRequired.detect(msg);
        if (mpr.isEmpty()) {
          answered = true;
          return msg;
        }
        if (tag < 0) {
          // without a preallocated tag the kernel released the key with this interim response, so
          // it would drop the final one: waiting for it can only end in a timeout. Worse, the final
          // answer may still come and match the next request that gets the same tag value, so that
          // value is held (preallocated on this socket, which is then quarantined).
          holdTag(fd, r.from().tagValue());
          throw new Abandoned(new MiTransportException(Reason.IO, endpoint, 0, endpoint + " answered " + command
              + " with More Processing Required, but the request went out without a preallocated tag ("
              + (options.mprPossible() ? "SIOCMCTPALLOCTAG is not available on this kernel"
                  : "the command was sent with mprPossible=false")
              + "), so the kernel drops the final response", null));
        }
        interims++;
        if (interims > options.maxInterimResponses()) {
          throw new Abandoned(new MiTransportException(Reason.MPR_LIMIT, endpoint, 0,
              endpoint + " answered " + command + " with More Processing Required " + interims
                  + " times (expected: at most " + options.maxInterimResponses() + ")", null));
        }
        notifyInterim(interim, msg, mpr.get());
        // the drive's MPRT, capped by the exchange's mprWaitCap (ZERO: no cap, the drive's own MPRT)
        deadline = clock.nanoTime() + mpr.get().nextWait(options.timeout(), options.mprWaitCap()).toNanos();
      }
    } finally {
      // an unanswered request keeps its tag: the socket is quarantined with the key (see class doc)
      if (tag >= 0 && (answered || !sent)) {
        dropTag(fd, tag);
      }
    }
  }

  private boolean isOurs(MctpAddress from, int type, int tag) {
    if (eid != MctpConstants.MCTP_ADDR_NULL && from.eid() != eid) {
      return false;
    }
    if ((from.type() & 0x7F) != (type & 0x7F)) {
      return false;
    }
    if (from.tagOwner()) {
      return false; // a request, not a response
    }
    return tag < 0 || from.tagValue() == (tag & MctpConstants.MCTP_TAG_MASK);
  }

  private void notifyInterim(InterimListener interim, byte[] msg, MoreProcessingRequired mpr) {
    try {
      interim.onInterim(msg.clone(), mpr);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "interim listener failed [" + endpoint + "]", e);
    }
  }

  /**
   * Preallocates tags on {@code fd} until the kernel hands out {@code wanted} (it always picks the
   * lowest free one), keeps that one and releases the others. Best effort: without the ioctl, or when
   * another socket took the tag first, the tag cannot be held.
   */
  private void holdTag(int fd, int wanted) {
    if (tagSupport == TagSupport.NONE) {
      return;
    }
    List<Integer> others = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        int t = ops.allocTag(fd, tagNetwork(), eid, tagSupport == TagSupport.V2);
        if ((t & MctpConstants.MCTP_TAG_MASK) == wanted) {
          return;
        }
        others.add(t);
      }
    } catch (ErrnoException e) {
      LOG.log(System.Logger.Level.DEBUG, () -> "could not hold tag " + wanted + " [" + endpoint + "]: " + e.getMessage());
    } finally {
      for (int t : others) {
        dropTag(fd, t);
      }
    }
  }

  /** Network id for the tag ioctls: they take a real network, not MCTP_NET_ANY. */
  private int tagNetwork() {
    return network == MctpConstants.MCTP_NET_ANY ? MctpConstants.MCTP_INITIAL_DEFAULT_NET : network;
  }

  /**
   * Preallocates a tag so that the key survives interim responses. Falls back from the net-aware
   * ioctl to v1 (network 1 only) to a plain tag-owner send (returns -1) when the kernel lacks them.
   * Waits while all 8 tags are taken (EBUSY).
   */
  private int allocateTag(int fd, String command, long start, long deadline) {
    long pause = TAG_WAIT_MIN_MS;
    while (true) {
      TagSupport support = tagSupport;
      if (support == TagSupport.NONE) {
        return -1;
      }
      try {
        return ops.allocTag(fd, tagNetwork(), eid, support == TagSupport.V2);
      } catch (ErrnoException e) {
        int errno = e.errno();
        if (errno == Errno.EINTR) {
          continue;
        }
        if (errno == Errno.EBUSY) {
          pause = waitForTag(command, start, deadline, pause, e);
          continue;
        }
        if (errno == Errno.EINVAL || errno == Errno.ENOTTY || errno == Errno.EOPNOTSUPP) {
          TagSupport next = support == TagSupport.V2 && tagNetwork() == MctpConstants.MCTP_INITIAL_DEFAULT_NET
              ? TagSupport.V1 : TagSupport.NONE;
          LOG.log(System.Logger.Level.INFO, () -> e.getMessage() + ": falling back to "
              + (next == TagSupport.V1 ? "SIOCMCTPALLOCTAG" : "tag-owner sends without a preallocated tag")
              + " [" + endpoint + "]");
          tagSupport = next;
          continue;
        }
        if (errno == Errno.EAFNOSUPPORT || errno == Errno.EPERM || errno == Errno.EACCES) {
          throw MctpErrors.socketFailed(endpoint, e);
        }
        throw new MiTransportException(Reason.IO, endpoint, errno, e.getMessage() + " [" + endpoint + ", "
            + command + "]", e);
      }
    }
  }

  /** All 8 tags to the peer are in use: sleep a little (doubling), or give up at the deadline. */
  private long waitForTag(String command, long start, long deadline, long pause, ErrnoException e) {
    long now = clock.nanoTime();
    long left = (deadline - now) / 1_000_000;
    if (left <= 0) {
      throw new MiTransportException(Reason.TIMEOUT, endpoint, e.errno(),
          "no free MCTP tag to " + endpoint + " for " + command + ": all 8 tags stayed in use for "
              + (now - start) / 1_000_000 + " ms (" + e.call() + " failed with " + Errno.describe(e.errno())
              + "); another process keeps requests to this endpoint outstanding", e);
    }
    try {
      clock.sleep(Math.min(pause, left));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new MiTransportException(Reason.CLOSED, endpoint, 0,
          "interrupted while waiting for a free MCTP tag for " + command + " [" + endpoint + "]", ie);
    }
    return Math.min(pause * 2, TAG_WAIT_MAX_MS);
  }

  private void send(int fd, byte[] payload, MctpAddress dest, String command, long start, long deadline)
      throws Abandoned {
    long pause = TAG_WAIT_MIN_MS;
    while (true) {
      int n;
      try {
        n = ops.sendTo(fd, payload, payload.length, dest);
      } catch (ErrnoException e) {
        if (e.errno() == Errno.EINTR) {
          continue;
        }
        if (e.errno() == Errno.EBUSY) {
          // tag-owner send without a preallocated tag: the kernel found no free tag
          pause = waitForTag(command, start, deadline, pause, e);
          continue;
        }
        throw MctpErrors.sendFailed(endpoint, network, eid, command, payload.length + 1, e);
      }
      if (n != payload.length) {
        // a datagram cannot be continued: what the endpoint got (if anything) is not our request
        throw new Abandoned(new MiTransportException(Reason.IO, endpoint, 0,
            "short send: the kernel took " + n + " of " + payload.length + " bytes of " + command
                + " (expected: the whole message in one datagram) [" + endpoint + "]", null));
      }
      return;
    }
  }

  private void dropTag(int fd, int tag) {
    try {
      ops.dropTag(fd, tagNetwork(), eid, tag, tagSupport == TagSupport.V2);
    } catch (ErrnoException e) {
      // the key dies with the socket at the latest; one leaked tag until then is survivable
      LOG.log(System.Logger.Level.WARNING, "could not release preallocated tag 0x" + Integer.toHexString(tag)
          + " [" + endpoint + "]: " + e.getMessage());
    }
  }

  /** Closes quarantined sockets whose key lifetime has passed (all of them when {@code all}). */
  private void reapQuarantine(boolean all) {
    long now = clock.nanoTime();
    for (Iterator<Quarantined> it = quarantine.iterator(); it.hasNext(); ) {
      Quarantined q = it.next();
      if (all || now - q.closeAtNanos() >= 0) {
        closeQuietly(q.fd());
        it.remove();
      }
    }
  }

  private void closeQuietly(int fd) {
    try {
      ops.close(fd);
    } catch (ErrnoException e) {
      LOG.log(System.Logger.Level.WARNING, "close(" + fd + ") failed [" + endpoint + "]: " + e.getMessage());
    }
  }
}
