package dev.nvmemi.transport.mctp;

import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.client.UnsolicitedListener;
import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.MctpAddress;
import dev.nvmemi.transport.mctp.jna.MctpConstants;
import dev.nvmemi.transport.mctp.jna.SocketOps;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives the NVMe-MI messages endpoints send unasked on one MCTP network (Asynchronous Event
 * Messages, spec sheet nvme-mi.md §8.1): an AF_MCTP socket bound to (network, any local EID,
 * message type 4), which the kernel gives every incoming NVMe-MI <em>request</em> (Tag Owner set by
 * the endpoint) that no requester's tag key claims (mctp.md §1.3 "Responder"). Each message is
 * handed to the {@link UnsolicitedListener} with its source (network, EID), the type byte (0x84)
 * re-added as on the command path.
 *
 * <p>What this class rejects at the MCTP level is counted and dropped, never thrown: a message
 * without the TO bit (a late response), a type other than NVMe-MI with IC, a message shorter than an
 * NVMe-MI header plus MIC or longer than 4224 bytes, and a source the caller does not know
 * ({@code knownSource} false: not a discovered endpoint). The NVMe-MI checks (MIC, AEM rules,
 * duplicates) belong to whoever owns the endpoint's {@link dev.nvmemi.mi.event.AemSession}.
 *
 * <p>Threads: {@link #start()} starts one daemon thread {@code mctp-aem-<net>} that blocks in
 * {@code poll} (at most {@code pollMs}) and {@code recvfrom}; the listener runs on it and must hand
 * the message on without blocking (the agent uses {@code runOnContext}). A failing socket (poll or
 * recvfrom error) is counted, logged and retried after {@code pollMs} on the receiver's
 * {@link MctpClock}, so it never spins. The agent creates its receivers with
 * {@link MctpIo#aemReceiver}: the same syscall seam and clock as its exchanges. Binding needs
 * CAP_NET_BIND_SERVICE and the binding is exclusive per (network, type): a second process that
 * binds NVMe-MI (a BMC daemon on the same host) gets EADDRINUSE, reported by {@link #open()}.
 * {@link #step()} is the loop body (and {@link #readOnce(int)} its read), callable directly by tests
 * through the {@link SocketOps} seam on a virtual clock. {@link #close()} is idempotent and thread-safe.
 */
public final class MctpAemReceiver implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MctpAemReceiver.class.getName());
  private static final int NVME_MI = MiHeader.MCTP_TYPE_NVME_MI;

  /** A source address to accept: the caller's endpoint table. */
  @FunctionalInterface
  public interface SourceFilter {
    boolean known(int network, int eid);
  }

  /** Why a message was dropped. */
  public enum Drop { NOT_TAG_OWNER, WRONG_TYPE, TOO_SHORT, TOO_LONG, UNKNOWN_SOURCE }

  private final SocketOps ops;
  private final MctpClock clock;
  private final int network;
  private final SourceFilter knownSource;
  private final UnsolicitedListener listener;
  private final int pollMs;
  private final byte[] buf = new byte[MiFrame.MAX_MESSAGE + 1];
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong[] dropped = new AtomicLong[Drop.values().length];
  private final AtomicLong readErrors = new AtomicLong();
  private final Object lock = new Object();
  private int fd = -1;
  private volatile boolean closed;
  private Thread thread;

  /**
   * @param ops the syscalls
   * @param clock where the reader waits after a socket error
   * @param network the MCTP network to listen on (not 0: one receiver per network)
   * @param knownSource which sources are endpoints the caller manages
   * @param listener where accepted messages go
   * @param pollMs how long one {@code poll} blocks, so that {@link #close()} is noticed
   */
  public MctpAemReceiver(SocketOps ops, MctpClock clock, int network, SourceFilter knownSource,
      UnsolicitedListener listener, int pollMs) {
    this.ops = Objects.requireNonNull(ops, "ops");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (network < 1) {
      throw new IllegalArgumentException("network: " + network + " (expected: >= 1; one receiver per network)");
    }
    if (pollMs < 1) {
      throw new IllegalArgumentException("pollMs: " + pollMs + " (expected: >= 1)");
    }
    this.network = network;
    this.knownSource = Objects.requireNonNull(knownSource, "knownSource");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.pollMs = pollMs;
    for (int i = 0; i < dropped.length; i++) {
      dropped[i] = new AtomicLong();
    }
  }

  /**
   * Opens and binds the socket: {@code bind({net, MCTP_ADDR_ANY, type 4, MCTP_TAG_OWNER})}.
   *
   * @throws ErrnoException EAFNOSUPPORT (no AF_MCTP), EACCES (no CAP_NET_BIND_SERVICE),
   *     EADDRINUSE (another process receives NVMe-MI requests on this network)
   */
  public void open() throws ErrnoException {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("receiver for net " + network + " is closed");
      }
      if (fd >= 0) {
        return;
      }
      int s = ops.socket();
      try {
        ops.bind(s, new MctpAddress(network, MctpConstants.MCTP_ADDR_ANY, NVME_MI, MctpConstants.MCTP_TAG_OWNER));
      } catch (ErrnoException e) {
        closeQuietly(s);
        throw e;
      }
      fd = s;
    }
  }

  /** {@link #open()} then the reader thread. */
  public void start() throws ErrnoException {
    open();
    synchronized (lock) {
      if (thread != null) {
        return;
      }
      thread = new Thread(this::loop, "mctp-aem-" + network);
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void loop() {
    while (step()) {
      // one read (or one counted failure and its wait) per turn
    }
  }

  /**
   * One turn of the reader: waits up to {@code pollMs} for a message and handles it. A poll or
   * recvfrom failure is counted ({@link #readErrors()}), logged, and followed by a wait of
   * {@code pollMs} on the clock before the next turn.
   *
   * @return false once the receiver is closed (the reader stops)
   */
  public boolean step() {
    if (closed) {
      return false;
    }
    try {
      readOnce(pollMs);
    } catch (IllegalStateException e) {
      if (closed) {
        return false; // closed between the check and the read
      }
      throw e;
    } catch (ErrnoException e) {
      if (closed) {
        return false;
      }
      readErrors.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, "AEM socket of net " + network + ": " + e.getMessage()
          + "; continuing in " + pollMs + " ms");
      try {
        clock.sleep(pollMs);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !closed;
  }

  /**
   * Waits up to {@code timeoutMs} for one message and handles it.
   *
   * @return true when a message was read (accepted or dropped), false on timeout
   * @throws ErrnoException a poll or recvfrom failure other than EINTR / EAGAIN
   */
  public boolean readOnce(int timeoutMs) throws ErrnoException {
    int s;
    synchronized (lock) {
      s = fd;
    }
    if (s < 0) {
      throw new IllegalStateException("receiver for net " + network + " is not open");
    }
    int revents;
    try {
      revents = ops.poll(s, timeoutMs);
    } catch (ErrnoException e) {
      if (e.errno() == Errno.EINTR) {
        return false;
      }
      throw e;
    }
    if ((revents & MctpConstants.POLLIN) == 0) {
      return false;
    }
    SocketOps.Received r;
    try {
      r = ops.recvFrom(s, buf, MctpConstants.MSG_DONTWAIT | MctpConstants.MSG_TRUNC);
    } catch (ErrnoException e) {
      if (e.errno() == Errno.EAGAIN || e.errno() == Errno.EINTR) {
        return false;
      }
      throw e;
    }
    handle(r);
    return true;
  }

  private void handle(SocketOps.Received r) {
    MctpAddress from = r.from();
    if (!from.tagOwner()) {
      drop(Drop.NOT_TAG_OWNER, from, r.length());
      return;
    }
    if ((from.type() & 0x7F) != NVME_MI || (from.type() & 0x80) == 0) {
      drop(Drop.WRONG_TYPE, from, r.length());
      return;
    }
    // the socket payload is the message without its type byte (mctp.md §1.1): header 3 + MIC 4
    if (r.length() < MiHeader.LENGTH - 1 + 4) {
      drop(Drop.TOO_SHORT, from, r.length());
      return;
    }
    if (r.length() + 1 > MiFrame.MAX_MESSAGE) {
      drop(Drop.TOO_LONG, from, r.length());
      return;
    }
    int net = from.network() != 0 ? from.network() : network;
    if (!knownSource.known(net, from.eid())) {
      drop(Drop.UNKNOWN_SOURCE, from, r.length());
      return;
    }
    // re-add the type byte so the codec sees the whole NVMe-MI message (as the command path does)
    byte[] msg = new byte[r.length() + 1];
    msg[0] = (byte) from.type();
    System.arraycopy(buf, 0, msg, 1, r.length());
    received.incrementAndGet();
    try {
      listener.onUnsolicited(net, from.eid(), msg);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "AEM listener failed for net " + net + " eid " + from.eid()
          + "; continuing", e);
    }
  }

  private void drop(Drop why, MctpAddress from, int length) {
    dropped[why.ordinal()].incrementAndGet();
    LOG.log(System.Logger.Level.DEBUG, () -> "dropping unsolicited message (" + why + ") from net "
        + from.network() + " eid " + from.eid() + " type 0x" + Integer.toHexString(from.type()) + " tag 0x"
        + Integer.toHexString(from.tag()) + ", " + length + " bytes");
  }

  /** Messages handed to the listener. */
  public long received() {
    return received.get();
  }

  /** Messages dropped for {@code why}. */
  public long dropped(Drop why) {
    return dropped[why.ordinal()].get();
  }

  /** Messages dropped for any reason. */
  public long droppedTotal() {
    long n = 0;
    for (AtomicLong d : dropped) {
      n += d.get();
    }
    return n;
  }

  /** poll / recvfrom failures the reader thread survived. */
  public long readErrors() {
    return readErrors.get();
  }

  /** The network this receiver listens on. */
  public int network() {
    return network;
  }

  /** Stops the reader (within one poll timeout) and closes the socket. Idempotent. */
  @Override
  public void close() {
    int s;
    Thread t;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      s = fd;
      fd = -1;
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(pollMs * 2L + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (s >= 0) {
      closeQuietly(s);
    }
  }

  private void closeQuietly(int s) {
    try {
      ops.close(s);
    } catch (ErrnoException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing AEM socket " + s + ": " + e.getMessage());
    }
  }
}
