package dev.nvmemi.agent.wire;

import dev.nvmemi.simulator.EndpointInfo;
import dev.nvmemi.simulator.SimulatedEndpoint;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.MctpAddress;
import dev.nvmemi.transport.mctp.jna.MctpConstants;
import dev.nvmemi.transport.mctp.jna.SocketOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The AF_MCTP syscall seam ({@link SocketOps}) over simulated drives, in real time: the production
 * transport and its I/O threads run unchanged against it, without a kernel. A request sent to
 * (network, EID) is answered by that drive of the {@link SimulatedFleet}s (its scenario's faults
 * included: unresponsive, slow, More Processing Required, removed), after the wire time of request
 * and response ({@code wireNanosPerByte}); the answer is delivered on the sending socket with the
 * request's tag, as the kernel does. Tags are allocated per peer (8 each), held by their socket and
 * released by drop or close, like the kernel's.
 *
 * <p>It also counts what the tests and the isolation benchmark check: exchanges in flight per bus
 * (sent, final answer not yet read), open sockets and tags in use. Faults of the network itself can
 * be switched on: a send failing with an errno (no route), a poll failing (a socket error).
 *
 * <p>Thread-safe: called from the transport's I/O threads; each socket has its own monitor, which
 * {@link #poll} waits on (in real time, never past its timeout).
 */
public final class SimulatedSocketOps implements SocketOps {
  private final Map<Long, SimulatedEndpoint> endpoints = new HashMap<>();
  private final long wireNanosPerByte;
  private final Map<Integer, Socket> sockets = new ConcurrentHashMap<>();
  private final AtomicInteger nextFd = new AtomicInteger(1000);
  private final Map<Long, Integer[]> tags = new HashMap<>(); // (net, eid) -> owner fd per tag value
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> wireNanos = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> sentByCommand = new ConcurrentHashMap<>();
  private final AtomicLong interimsRead = new AtomicLong();
  private final Map<String, AtomicLong> answeredNanos = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> sendNanos = new ConcurrentHashMap<>();
  private record Unreachable(Predicate<MctpAddress> which, int errno) {}

  private final List<Unreachable> unreachable = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Predicate<String> brokenBus = b -> false;

  private record Delivery(long dueNanos, byte[] message, MctpAddress from, boolean fin) {}

  private static final class Socket {
    final PriorityQueue<Delivery> inbox = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    String bus;
    boolean outstanding;
    long sentNanos;
  }

  /**
   * Drives of {@code fleets} (on a real-time clock) reachable at their (network, EID).
   *
   * @param wireNanosPerByte bus time per byte of request and response (90 000 ≈ 100 kHz SMBus)
   */
  public SimulatedSocketOps(List<SimulatedFleet> fleets, long wireNanosPerByte) {
    for (SimulatedFleet f : fleets) {
      for (SimulatedEndpoint e : f.allEndpoints()) {
        endpoints.put(key(e.info().network(), e.info().eid()), e);
      }
    }
    this.wireNanosPerByte = wireNanosPerByte;
  }

  private static long key(int network, int eid) {
    return ((long) network << 8) | eid;
  }

  /**
   * Sends to the addresses {@code which} selects fail with {@code errno} (a route that went away);
   * added to the earlier rules, the first that matches decides.
   */
  public void unreachable(Predicate<MctpAddress> which, int errno) {
    unreachable.add(new Unreachable(which, errno));
  }

  /** Polls of sockets talking to a bus {@code which} selects fail with EIO (a broken link). */
  public void brokenBus(Predicate<String> which) {
    this.brokenBus = which;
  }

  /** The most exchanges ever in flight at once on {@code bus}. */
  public int maxInFlight(String bus) {
    AtomicInteger m = maxInFlight.get(bus);
    return m == null ? 0 : m.get();
  }

  /**
   * Wire time of {@code bus} so far: every request sent and every answer the drives put on it
   * (interim and final), at {@code wireNanosPerByte}; the time drives spend processing is not in it.
   */
  public long wireNanos(String bus) {
    AtomicLong n = wireNanos.get(bus);
    return n == null ? 0 : n.get();
  }

  /**
   * {@link System#nanoTime} of every {@code sendto} to a drive of {@code bus}, in order, those that
   * failed (an unreachable route) included.
   */
  public List<Long> sendTimes(String bus) {
    List<Long> t = sendNanos.get(bus);
    if (t == null) {
      return List.of();
    }
    synchronized (t) {
      return List.copyOf(t);
    }
  }

  /**
   * Total time from each request's {@code sendto} to the transport's read of its final answer, over
   * the answered exchanges of {@code bus}: what the seam saw of them (wire time, drive processing and
   * MPR waits, the I/O thread's wake-up).
   */
  public long answeredNanos(String bus) {
    AtomicLong n = answeredNanos.get(bus);
    return n == null ? 0 : n.get();
  }

  /**
   * Requests sent to the drives of {@code bus} so far with message type {@code nmimt} (1: NVMe-MI
   * command, 2: NVMe Admin command) and {@code opcode} (e.g. 1, 01h: NVM Subsystem Health Status
   * Poll; 2, 02h: Get Log Page).
   */
  public long requests(String bus, int nmimt, int opcode) {
    AtomicLong n = sentByCommand.get(commandKey(bus, nmimt, opcode));
    return n == null ? 0 : n.get();
  }

  private static String commandKey(String bus, int nmimt, int opcode) {
    return bus + "/" + nmimt + "/" + opcode;
  }

  /** Requests sent to the drives of {@code bus} so far. */
  public long requests(String bus) {
    AtomicLong n = sent.get(bus);
    return n == null ? 0 : n.get();
  }

  /** More Processing Required interim responses the transport has read, over every bus. */
  public long interimsRead() {
    return interimsRead.get();
  }

  /** Sockets open now. */
  public int openSockets() {
    return sockets.size();
  }

  /** Preallocated tags held now, over every peer. */
  public synchronized int tagsInUse() {
    int n = 0;
    for (Integer[] owners : tags.values()) {
      for (Integer o : owners) {
        n += o == null ? 0 : 1;
      }
    }
    return n;
  }

  private Socket socket(int fd, String call) throws ErrnoException {
    Socket s = sockets.get(fd);
    if (s == null) {
      throw new ErrnoException(call, Errno.EBADF);
    }
    return s;
  }

  @Override
  public int socket() {
    int fd = nextFd.incrementAndGet();
    sockets.put(fd, new Socket());
    return fd;
  }

  /** Unsolicited messages are not simulated here: a bind is accepted and nothing ever arrives on it. */
  @Override
  public void bind(int fd, MctpAddress local) throws ErrnoException {
    socket(fd, "bind");
  }

  @Override
  public int sendTo(int fd, byte[] buf, int len, MctpAddress dest) throws ErrnoException {
    Socket s = socket(fd, "sendto");
    SimulatedEndpoint ep = endpoints.get(key(dest.network() == 0 ? 1 : dest.network(), dest.eid()));
    if (ep != null) {
      List<Long> times = sendNanos.computeIfAbsent(ep.info().bus(), b -> new ArrayList<>());
      synchronized (times) {
        times.add(System.nanoTime());
      }
    }
    for (Unreachable u : unreachable) {
      if (u.which().test(dest)) {
        throw new ErrnoException("sendto", u.errno());
      }
    }
    if (ep == null) {
      throw new ErrnoException("sendto", Errno.EHOSTUNREACH);
    }
    byte[] request = new byte[len + 1];
    request[0] = (byte) dest.type();
    System.arraycopy(buf, 0, request, 1, len);
    SimulatedEndpoint.Reply reply = ep.process(request);
    if (reply.removed()) {
      throw new ErrnoException("sendto", Errno.EHOSTUNREACH);
    }
    String bus = ep.info().bus();
    synchronized (s) {
      if (s.outstanding) {
        end(s);
      }
      s.bus = bus;
      s.outstanding = true;
      s.sentNanos = System.nanoTime();
      int now = inFlight.computeIfAbsent(bus, b -> new AtomicInteger()).incrementAndGet();
      maxInFlight.computeIfAbsent(bus, b -> new AtomicInteger()).accumulateAndGet(now, Math::max);
      sent.computeIfAbsent(bus, b -> new AtomicLong()).incrementAndGet();
      if (request.length > 4) {
        sentByCommand.computeIfAbsent(commandKey(bus, (request[1] >>> 3) & 0xF, request[4] & 0xFF),
            k -> new AtomicLong()).incrementAndGet();
      }
      long wireBytes = len + 1L;
      if (reply.response() != null) {
        wireBytes += reply.response().length + (reply.interim() == null ? 0 : reply.interim().length);
      }
      wireNanos.computeIfAbsent(bus, b -> new AtomicLong()).addAndGet(wireBytes * wireNanosPerByte);
      if (reply.response() != null) {
        long t = System.nanoTime() + (len + 1L) * wireNanosPerByte;
        MctpAddress from = new MctpAddress(dest.network(), dest.eid(), dest.type(), dest.tag() & MctpConstants.MCTP_TAG_MASK);
        long responseWire = reply.response().length * wireNanosPerByte;
        if (reply.interim() != null) {
          t += reply.interim().length * wireNanosPerByte;
          s.inbox.add(new Delivery(t, reply.interim(), from, false));
          // the drive's MPRT is when its final answer is there, transfer included
          t += Math.max(0, reply.mprDelayNanos() - responseWire);
        }
        t += reply.extraDelayNanos() + responseWire;
        s.inbox.add(new Delivery(t, reply.response(), from, true));
        s.notifyAll();
      }
    }
    return len;
  }

  private void end(Socket s) {
    s.outstanding = false;
    inFlight.get(s.bus).decrementAndGet();
  }

  @Override
  public int poll(int fd, int timeoutMs) throws ErrnoException {
    Socket s = socket(fd, "poll");
    synchronized (s) {
      if (s.bus != null && brokenBus.test(s.bus)) {
        throw new ErrnoException("poll", Errno.EIO);
      }
      long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
      while (true) {
        long now = System.nanoTime();
        Delivery head = s.inbox.peek();
        if (head != null && head.dueNanos <= now) {
          return MctpConstants.POLLIN;
        }
        long until = head == null ? deadline : Math.min(deadline, head.dueNanos);
        if (now >= deadline) {
          return 0;
        }
        long waitNanos = until - now;
        try {
          s.wait(Math.max(1, (waitNanos + 999_999) / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ErrnoException("poll", Errno.EINTR);
        }
        if (!sockets.containsKey(fd)) {
          throw new ErrnoException("poll", Errno.EBADF);
        }
      }
    }
  }

  @Override
  public Received recvFrom(int fd, byte[] buf, int flags) throws ErrnoException {
    Socket s = socket(fd, "recvfrom");
    synchronized (s) {
      Delivery d = s.inbox.peek();
      if (d == null || d.dueNanos > System.nanoTime()) {
        throw new ErrnoException("recvfrom", Errno.EAGAIN);
      }
      s.inbox.poll();
      if (!d.fin) {
        interimsRead.incrementAndGet();
      }
      if (d.fin && s.outstanding) {
        answeredNanos.computeIfAbsent(s.bus, b -> new AtomicLong()).addAndGet(System.nanoTime() - s.sentNanos);
        end(s);
      }
      int n = d.message.length - 1;
      System.arraycopy(d.message, 1, buf, 0, Math.min(n, buf.length));
      MctpAddress from = new MctpAddress(d.from.network(), d.from.eid(), d.message[0] & 0xFF, d.from.tag());
      return new Received(n, from);
    }
  }

  @Override
  public synchronized int allocTag(int fd, int network, int peer, boolean netAware) throws ErrnoException {
    socket(fd, "ioctl");
    Integer[] owners = tags.computeIfAbsent(key(network, peer), k -> new Integer[8]);
    for (int t = 0; t < 8; t++) {
      if (owners[t] == null) {
        owners[t] = fd;
        return t | MctpConstants.MCTP_TAG_OWNER | MctpConstants.MCTP_TAG_PREALLOC;
      }
    }
    throw new ErrnoException("ioctl", Errno.EBUSY);
  }

  @Override
  public synchronized void dropTag(int fd, int network, int peer, int tag, boolean netAware) throws ErrnoException {
    socket(fd, "ioctl");
    Integer[] owners = tags.get(key(network, peer));
    int t = tag & MctpConstants.MCTP_TAG_MASK;
    if (owners == null || owners[t] == null || owners[t] != fd) {
      throw new ErrnoException("ioctl", Errno.EINVAL);
    }
    owners[t] = null;
  }

  @Override
  public void close(int fd) throws ErrnoException {
    Socket s = sockets.remove(fd);
    if (s == null) {
      throw new ErrnoException("close", Errno.EBADF);
    }
    synchronized (s) {
      if (s.outstanding) {
        end(s);
      }
      s.inbox.clear();
      s.notifyAll();
    }
    synchronized (this) {
      for (Integer[] owners : tags.values()) {
        for (int t = 0; t < 8; t++) {
          if (owners[t] != null && owners[t] == fd) {
            owners[t] = null;
          }
        }
      }
    }
  }

  /** The bus of the drive at (network, eid), if there is one. */
  public Optional<String> busOf(int network, int eid) {
    return Optional.ofNullable(endpoints.get(key(network, eid))).map(e -> e.info().bus());
  }

  /** Every simulated drive's address and bus. */
  public List<EndpointInfo> drives() {
    List<EndpointInfo> out = new ArrayList<>();
    endpoints.values().forEach(e -> out.add(e.info()));
    return out;
  }

  /** Buses that had an exchange. */
  public Set<String> buses() {
    return maxInFlight.keySet();
  }
}
