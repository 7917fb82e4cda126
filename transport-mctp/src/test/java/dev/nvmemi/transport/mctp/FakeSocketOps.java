package dev.nvmemi.transport.mctp;

import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.MctpAddress;
import dev.nvmemi.transport.mctp.jna.MctpConstants;
import dev.nvmemi.transport.mctp.jna.SocketOps;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A scripted AF_MCTP kernel for unit tests: records every call, answers sends through a responder
 * that schedules replies on the {@link FakeClock}, and injects errno failures from per-call queues.
 * Thread-safe (synchronized), so the Vert.x worker threads may use it.
 */
class FakeSocketOps implements SocketOps {

  /** A reply the responder schedules {@code delayMs} after the send, on the same socket. */
  record Reply(long delayMs, byte[] payload, MctpAddress from) {}

  /** One recorded send. */
  record Sent(int fd, byte[] payload, MctpAddress dest) {}

  private record Pending(long atNanos, byte[] payload, MctpAddress from) {}

  final FakeClock clock;
  final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final Deque<Integer> socketErrors = new ArrayDeque<>();
  final Deque<Object> sendScript = new ArrayDeque<>(); // Integer errno or Short bytes-accepted
  final Deque<Integer> pollErrors = new ArrayDeque<>();
  final Deque<Integer> recvErrors = new ArrayDeque<>();
  final Deque<Integer> allocErrors = new ArrayDeque<>();
  final Deque<Integer> bindErrors = new ArrayDeque<>();
  final Map<Integer, MctpAddress> bound = new HashMap<>();
  final Set<Integer> openFds = new HashSet<>();
  final List<Integer> closedFds = new ArrayList<>();
  final List<Integer> droppedTags = new ArrayList<>();
  final Map<Integer, Integer> tagsInUse = new HashMap<>(); // tag -> fd
  private final Map<Integer, List<Pending>> inbox = new HashMap<>();
  private int nextFd = 100;
  BiFunction<Sent, Integer, List<Reply>> responder = (s, n) -> List.of();
  /** Whether the net-aware ioctl exists (else EINVAL, like a 6.1 kernel). */
  boolean allocTag2Supported = true;
  boolean allocTagSupported = true;

  FakeSocketOps(FakeClock clock) {
    this.clock = clock;
  }

  /** Reply address for a response from {@code eid} to a request sent with {@code dest}. */
  static MctpAddress replyFrom(MctpAddress dest) {
    return new MctpAddress(1, dest.eid(), dest.type(), dest.tag() & MctpConstants.MCTP_TAG_MASK);
  }

  @Override
  public synchronized int socket() throws ErrnoException {
    calls.add("socket");
    Integer e = socketErrors.poll();
    if (e != null) {
      throw new ErrnoException("socket(AF_MCTP)", e);
    }
    int fd = openRealOrFake();
    openFds.add(fd);
    return fd;
  }

  /** Overridden by the fd-leak test to hand out real descriptors. */
  int openRealOrFake() throws ErrnoException {
    return nextFd++;
  }

  /** Overridden by the fd-leak test to close real descriptors. */
  void closeRealOrFake(int fd) throws ErrnoException {
  }

  @Override
  public int sendTo(int fd, byte[] buf, int len, MctpAddress dest) throws ErrnoException {
    List<Reply> replies;
    Sent s;
    int n;
    synchronized (this) {
      calls.add("sendto");
      checkOpen(fd, "sendto");
      Object scripted = sendScript.poll();
      if (scripted instanceof Integer errno) {
        throw new ErrnoException("sendto", errno);
      }
      n = scripted instanceof Short accepted ? accepted : len;
      s = new Sent(fd, Arrays.copyOf(buf, len), dest);
      sent.add(s);
    }
    replies = responder.apply(s, sent.size());
    synchronized (this) {
      for (Reply r : replies) {
        deliver(fd, r.delayMs(), r.payload(), r.from());
      }
      notifyAll();
    }
    return n;
  }

  /**
   * Waits (on this fake's monitor, woken by every send and close; re-checked at least every 50 ms
   * for state kept by the code under test) until {@code condition} holds; fails naming {@code what}
   * after 20 s. An explicit condition wait for the I/O threads, never a fixed sleep.
   */
  synchronized void awaitUntil(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("timed out waiting until " + what);
      }
      wait(Math.max(1, Math.min(50, left / 1_000_000L)));
    }
  }

  /** Queues a message on {@code fd}, readable {@code delayMs} from now. */
  synchronized void deliver(int fd, long delayMs, byte[] payload, MctpAddress from) {
    inbox.computeIfAbsent(fd, k -> new ArrayList<>())
        .add(new Pending(clock.nanoTime() + delayMs * 1_000_000L, payload, from));
    inbox.get(fd).sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
  }

  @Override
  public synchronized int poll(int fd, int timeoutMs) throws ErrnoException {
    calls.add("poll");
    checkOpen(fd, "poll");
    Integer e = pollErrors.poll();
    if (e != null) {
      throw new ErrnoException("poll", e);
    }
    List<Pending> q = inbox.getOrDefault(fd, List.of());
    long limit = clock.nanoTime() + timeoutMs * 1_000_000L;
    if (!q.isEmpty() && q.get(0).atNanos() <= limit) {
      clock.advanceTo(q.get(0).atNanos());
      return MctpConstants.POLLIN;
    }
    clock.advanceTo(limit);
    return 0;
  }

  @Override
  public synchronized Received recvFrom(int fd, byte[] buf, int flags) throws ErrnoException {
    calls.add("recvfrom");
    checkOpen(fd, "recvfrom");
    Integer e = recvErrors.poll();
    if (e != null) {
      throw new ErrnoException("recvfrom", e);
    }
    List<Pending> q = inbox.getOrDefault(fd, List.of());
    if (q.isEmpty() || q.get(0).atNanos() > clock.nanoTime()) {
      throw new ErrnoException("recvfrom", Errno.EAGAIN);
    }
    Pending p = q.remove(0);
    System.arraycopy(p.payload(), 0, buf, 0, Math.min(buf.length, p.payload().length));
    return new Received(p.payload().length, p.from());
  }

  /** Messages still waiting, unread, on {@code fd}. */
  synchronized int unread(int fd) {
    return inbox.getOrDefault(fd, List.of()).size();
  }

  @Override
  public synchronized int allocTag(int fd, int network, int peer, boolean netAware) throws ErrnoException {
    calls.add(netAware ? "alloctag2" : "alloctag");
    checkOpen(fd, "ioctl");
    if ((netAware && !allocTag2Supported) || (!netAware && !allocTagSupported)) {
      throw new ErrnoException("ioctl", Errno.EINVAL);
    }
    Integer e = allocErrors.poll();
    if (e != null) {
      throw new ErrnoException("ioctl", e);
    }
    for (int t = 0; t < 8; t++) {
      if (tagsInUse.putIfAbsent(t, fd) == null) {
        return t | MctpConstants.MCTP_TAG_OWNER | MctpConstants.MCTP_TAG_PREALLOC;
      }
    }
    throw new ErrnoException("ioctl", Errno.EBUSY);
  }

  @Override
  public synchronized void dropTag(int fd, int network, int peer, int tag, boolean netAware) throws ErrnoException {
    calls.add("droptag");
    checkOpen(fd, "ioctl");
    if (tagsInUse.remove(tag & MctpConstants.MCTP_TAG_MASK) == null) {
      throw new ErrnoException("ioctl", Errno.EINVAL);
    }
    droppedTags.add(tag);
  }

  @Override
  public synchronized void bind(int fd, MctpAddress local) throws ErrnoException {
    calls.add("bind");
    checkOpen(fd, "bind");
    Integer e = bindErrors.poll();
    if (e != null) {
      throw new ErrnoException("bind", e);
    }
    if (bound.putIfAbsent(fd, local) != null) {
      throw new ErrnoException("bind", Errno.EADDRINUSE);
    }
  }

  @Override
  public synchronized void close(int fd) throws ErrnoException {
    calls.add("close");
    if (!openFds.remove(fd)) {
      throw new ErrnoException("close", Errno.EBADF);
    }
    closedFds.add(fd);
    tagsInUse.values().removeIf(owner -> owner == fd);
    inbox.remove(fd);
    closeRealOrFake(fd);
    notifyAll();
  }

  private void checkOpen(int fd, String call) throws ErrnoException {
    if (!openFds.contains(fd)) {
      throw new ErrnoException(call, Errno.EBADF);
    }
  }
}
