package dev.nvmemi.simulator.serial;

import dev.nvmemi.simulator.SimClock;
import dev.nvmemi.simulator.SimulatedEndpoint;
import dev.nvmemi.simulator.responder.MctpControlResponder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves simulated endpoints on an MCTP-over-serial byte stream (DSP0253), so the simulator can
 * sit behind a real kernel's {@code mctp-serial} line discipline (mctp-vm.md): frames are decoded
 * and checked ({@link SerialFrameDecoder}), packets reassembled ({@link MctpReassembler}),
 * requests (TO=1) dispatched by destination EID to the endpoint's MCTP control responder (type 0)
 * or NVMe-MI responder (type 4), and answers fragmented at the link MTU with the request's tag and
 * TO=0. Asynchronous Event Messages are sent to the AEM destination, the peer that last enabled or
 * disabled events with a Configuration Set CID 04h, with a tag the endpoint owns (TO=1). Each exchange is logged at {@link Level#FINE}.
 *
 * <p>MCTP control can be served before the endpoints exist: built with the drives' control
 * responders only, the server answers Get/Set Endpoint ID and the rest of MCTP control as soon as
 * it starts, holds NVMe-MI requests (up to 64) and answers them, and all later ones, once
 * {@link #attach(List, SimClock)} hands over the endpoints built from those same responders. That
 * is how a bus owner's first probe gets its answer while the simulator is still starting.
 *
 * <p>Addressing: a request goes to the endpoint whose current EID is its destination. A request to
 * the null EID (physical addressing, before an EID is assigned) goes to the first endpoint that has
 * no EID yet, or to the only endpoint of a single-endpoint link; so several unassigned endpoints
 * behind one link are assigned one after the other by Get Endpoint ID / Set Endpoint ID sent to
 * the null EID.
 *
 * <p>Threads: one reader thread ({@code mctp-serial-rx}) decodes and answers immediate responses;
 * delayed answers (slow fault, More Processing Required) and the 100 ms AEM check run on the
 * {@link SimClock}'s thread. Writes are serialised on one lock, one whole message at a time.
 */
public final class MctpSerialServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(MctpSerialServer.class.getName());
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
  private static final long AEM_CHECK_NANOS = 100_000_000L;
  private static final int MAX_MESSAGE = 64 * 1024;

  private final InputStream in;
  private final OutputStream out;
  private final List<MctpControlResponder> controls;
  private volatile List<SimulatedEndpoint> endpoints;
  private volatile SimClock clock;
  private final int mtu;
  private final Object writeLock = new Object();
  private final SerialFrameDecoder decoder;
  private final MctpReassembler reassembler = new MctpReassembler(MAX_MESSAGE);
  private final int[] peers;
  private final int[] nextOwnTag;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong responses = new AtomicLong();
  private final AtomicLong ignored = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong heldBeforeReady = new AtomicLong();
  private final AtomicLong droppedBeforeReady = new AtomicLong();
  /** NVMe-MI requests that came before the endpoints: answered, in order, when they are attached. */
  private final List<Held> held = new java.util.ArrayList<>();
  private static final int MAX_HELD = 64;
  private volatile boolean closed;
  private volatile SimClock.Cancellable aemTick = SimClock.Cancellable.NONE;
  private Thread reader;
  private boolean started;

  /**
   * @param in bytes from the peer (a pty master, a device, a pipe)
   * @param out bytes to the peer
   * @param endpoints the endpoints to serve, addressed by their current EID
   * @param clock the clock for delayed answers and AEM timing
   * @param mtu the link MTU (packet size with header); {@code mctp-serial} uses 68
   */
  public MctpSerialServer(InputStream in, OutputStream out, List<SimulatedEndpoint> endpoints, SimClock clock,
      int mtu) {
    this(in, out, controlsOf(endpoints), mtu);
    attach(endpoints, clock);
  }

  /**
   * A server that answers MCTP control only until {@link #attach(List, SimClock)} gives it the
   * endpoints.
   *
   * @param in bytes from the peer (a pty master, a device, a pipe)
   * @param out bytes to the peer
   * @param controls the MCTP control responders of the endpoints to come, in order
   * @param mtu the link MTU (packet size with header); {@code mctp-serial} uses 68
   */
  public MctpSerialServer(InputStream in, OutputStream out, List<MctpControlResponder> controls, int mtu) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.controls = List.copyOf(controls);
    if (this.controls.isEmpty()) {
      throw new IllegalArgumentException("no endpoints to serve (expected: at least one)");
    }
    if (mtu < 5 || mtu > 255) {
      throw new IllegalArgumentException("mtu: " + mtu + " (expected: 5 ~ 255)");
    }
    this.mtu = mtu;
    this.decoder = new SerialFrameDecoder(255, this::onPacket);
    this.peers = new int[this.controls.size()];
    this.nextOwnTag = new int[this.controls.size()];
  }

  private static List<MctpControlResponder> controlsOf(List<SimulatedEndpoint> endpoints) {
    List<MctpControlResponder> list = new java.util.ArrayList<>(endpoints.size());
    for (SimulatedEndpoint e : endpoints) {
      list.add(e.controlResponder());
    }
    return list;
  }

  /**
   * Hands over the endpoints (built with this server's control responders, in the same order):
   * from now on NVMe-MI is served too, delayed answers and AEMs run on {@code clock}.
   *
   * @throws IllegalArgumentException when the endpoints do not use this server's control responders
   * @throws IllegalStateException when endpoints were attached already
   */
  public synchronized void attach(List<SimulatedEndpoint> list, SimClock clock) {
    Objects.requireNonNull(clock, "clock");
    if (endpoints != null) {
      throw new IllegalStateException("endpoints already attached");
    }
    List<SimulatedEndpoint> copy = List.copyOf(list);
    if (copy.size() != controls.size()) {
      throw new IllegalArgumentException("endpoints: " + copy.size() + " (expected: " + controls.size()
          + ", one per control responder)");
    }
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).controlResponder() != controls.get(i)) {
        throw new IllegalArgumentException("endpoint " + i + " does not use this server's control responder "
            + "(expected: the fleet built from the same SimulatedFleet.Builder.controlResponders())");
      }
    }
    this.clock = clock;
    synchronized (held) {
      for (Held h : held) {
        try {
          answer(h.message(), copy.get(h.index()));
        } catch (RuntimeException e) {
          failures.incrementAndGet();
          LOG.log(Level.WARNING, "failed to answer a held message to EID " + h.message().destination()
              + "; continuing", e);
        }
      }
      held.clear();
      this.endpoints = copy;
    }
    if (started) {
      scheduleAemCheck();
    }
  }

  /** Starts the reader thread (and the AEM check once endpoints are attached). */
  public synchronized void start() {
    if (reader != null) {
      throw new IllegalStateException("already started");
    }
    reader = new Thread(this::readLoop, "mctp-serial-rx");
    reader.setDaemon(true);
    reader.start();
    started = true;
    if (endpoints != null) {
      scheduleAemCheck();
    }
  }

  /** Waits until the reader stops (end of stream, I/O error or {@link #close()}). */
  public void awaitTermination() throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = reader;
    }
    if (t != null) {
      t.join();
    }
  }

  private void readLoop() {
    byte[] buf = new byte[4096];
    try {
      while (!closed) {
        int n = in.read(buf);
        if (n < 0) {
          LOG.info("serial stream ended; stopping");
          break;
        }
        feed(buf, 0, n);
      }
    } catch (IOException e) {
      if (!closed) {
        LOG.log(Level.WARNING, "serial stream failed; stopping", e);
      }
    } finally {
      closed = true;
      aemTick.cancel();
    }
  }

  /** Feeds received bytes (the reader thread does this; tests may call it directly instead of {@link #start()}). */
  public void feed(byte[] data, int off, int n) {
    decoder.feed(data, off, n);
  }

  private void onPacket(byte[] raw) {
    MctpPacket p;
    try {
      p = MctpPacket.decode(raw);
    } catch (IllegalArgumentException e) {
      ignored.incrementAndGet();
      LOG.fine(() -> "dropping packet: " + e.getMessage());
      return;
    }
    MctpReassembler.Message m = reassembler.accept(p);
    if (m != null) {
      try {
        onMessage(m);
      } catch (RuntimeException e) {
        // One bad message must not stop the link: count it, say why, keep serving.
        failures.incrementAndGet();
        LOG.log(Level.WARNING, "failed to answer a message from EID " + m.source() + " to EID " + m.destination()
            + "; continuing", e);
      }
    }
  }

  private int indexFor(int eid) {
    if (eid != 0) {
      for (int i = 0; i < controls.size(); i++) {
        if (controls.get(i).eid() == eid) {
          return i;
        }
      }
      return -1;
    }
    // Physical addressing (null EID): the first endpoint still waiting for an EID, in order, so a
    // bus owner assigns them one after the other; on a single-endpoint link, that endpoint.
    for (int i = 0; i < controls.size(); i++) {
      if (controls.get(i).eid() == 0) {
        return i;
      }
    }
    return controls.size() == 1 ? 0 : -1;
  }

  private void onMessage(MctpReassembler.Message m) {
    int index = indexFor(m.destination());
    if (index < 0 || !m.tagOwner() || m.body().length == 0) {
      ignored.incrementAndGet();
      if (LOG.isLoggable(Level.FINE)) {
        LOG.fine(String.format("ignoring message %d->%d tag %d%s: %s", m.source(), m.destination(), m.tag(),
            m.tagOwner() ? " TO" : "", HEX.formatHex(m.body())));
      }
      return;
    }
    requests.incrementAndGet();
    List<SimulatedEndpoint> eps = endpoints;
    SimulatedEndpoint ep = eps == null ? null : eps.get(index);
    int type = m.body()[0] & 0x7F;
    // The AEM destination is one per endpoint: whoever last enabled or disabled events (a
    // Configuration Set CID 04h with a non-empty list). Another manager doing so takes the AEMs
    // away from the first one, as on a real endpoint.
    if (type == 0x04 && dev.nvmemi.simulator.responder.MiResponder.isAemEnable(m.body())) {
      synchronized (peers) {
        peers[index] = m.source();
      }
    }
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine(String.format("rx eid %d <- %d tag %d type %d: %s", m.destination(), m.source(), m.tag(), type,
          HEX.formatHex(m.body())));
    }
    if (type == 0x00) {
      // Before the endpoints are attached the bare control responder answers (no scenario yet).
      MctpControlResponder control = controls.get(index);
      int before = control.eid();
      byte[] r = ep != null ? ep.processControl(m.body()) : control.respond(m.body());
      int after = control.eid();
      if (after != before) {
        LOG.info(() -> "drive " + index + ": EID " + (before == 0 ? "unassigned" : before) + " -> "
            + (after == 0 ? "unassigned" : after) + " (Set Endpoint ID from EID " + m.source() + ")");
      }
      if (r != null) {
        // Answer from the EID the request was sent to, so that the requester's tag key (peer =
        // that EID) matches even after Set Endpoint ID; a request to the null EID made a key for
        // any peer, so the (possibly new) current EID is right there.
        send(m.destination() != 0 ? m.destination() : control.eid(), m.source(), m.tag(), r);
      }
      return;
    }
    if (type != 0x04) {
      ignored.incrementAndGet();
      return;
    }
    if (ep == null) {
      synchronized (held) {
        eps = endpoints;
        if (eps == null) {
          // Still starting: answered once the drives are built, like a slow drive (a requester
          // that gives up earlier retries); beyond MAX_HELD, dropped like a busy one.
          if (held.size() < MAX_HELD) {
            held.add(new Held(m, index));
            heldBeforeReady.incrementAndGet();
          } else {
            droppedBeforeReady.incrementAndGet();
            LOG.fine(() -> "NVMe-MI request to eid " + m.destination() + " before the drives are built, "
                + MAX_HELD + " held already; dropped");
          }
          return;
        }
      }
      ep = eps.get(index);
    }
    answer(m, ep);
  }

  private record Held(MctpReassembler.Message message, int index) {}

  /** Answers one NVMe-MI request (type 4) of a served endpoint. */
  private void answer(MctpReassembler.Message m, SimulatedEndpoint ep) {
    SimulatedEndpoint.Reply reply = ep.process(m.body());
    if (reply.removed() || reply.response() == null) {
      LOG.fine(() -> "no answer from eid " + m.destination() + (reply.removed() ? " (removed)" : ""));
      return;
    }
    int src = ep.currentEid();
    var replay = ep.takeReplay();
    long delay = reply.extraDelayNanos();
    if (reply.interim() != null) {
      sendLater(delay, src, m.source(), m.tag(), reply.interim());
      delay += reply.mprDelayNanos();
    }
    sendLater(delay, src, m.source(), m.tag(), reply.response());
    if (replay != null) {
      // Replay: the slot's last response again, from packet RRO on, on the primitive's tag.
      sendMessage(src, m.source(), false, m.tag(), replay.message(), replay.packetOffset());
    }
  }

  private void sendLater(long delayNanos, int src, int dest, int tag, byte[] msg) {
    if (delayNanos <= 0) {
      send(src, dest, tag, msg);
    } else {
      clock.schedule(delayNanos, () -> send(src, dest, tag, msg));
    }
  }

  private void send(int src, int dest, int tag, byte[] msg) {
    sendMessage(src, dest, false, tag, msg);
  }

  private void sendMessage(int src, int dest, boolean tagOwner, int tag, byte[] msg) {
    sendMessage(src, dest, tagOwner, tag, msg, 0);
  }

  private void sendMessage(int src, int dest, boolean tagOwner, int tag, byte[] msg, int firstPacket) {
    if (closed) {
      return;
    }
    List<MctpPacket> all = MctpFragmenter.fragment(msg, dest, src, tagOwner, tag, mtu, 0);
    List<MctpPacket> packets = all.subList(Math.min(firstPacket, all.size()), all.size());
    try {
      synchronized (writeLock) {
        for (MctpPacket p : packets) {
          out.write(SerialFraming.encode(p.encode()));
        }
        out.flush();
      }
      responses.incrementAndGet();
      if (LOG.isLoggable(Level.FINE)) {
        LOG.fine(String.format("tx eid %d -> %d tag %d%s: %s", src, dest, tag, tagOwner ? " TO" : "",
            HEX.formatHex(msg)));
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot write to the serial stream", e);
    }
  }

  private void scheduleAemCheck() {
    if (closed) {
      return;
    }
    aemTick = clock.schedule(AEM_CHECK_NANOS, () -> {
      try {
        checkAems();
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        LOG.log(Level.WARNING, "AEM check failed; continuing", e);
      }
      scheduleAemCheck();
    });
  }

  /** Sends every AEM that is due now (the 100 ms check calls this; nothing before endpoints are attached). */
  public void checkAems() {
    List<SimulatedEndpoint> endpoints = this.endpoints;
    if (endpoints == null) {
      return;
    }
    for (int i = 0; i < endpoints.size(); i++) {
      int peer;
      synchronized (peers) {
        peer = peers[i];
      }
      if (peer == 0) {
        continue;
      }
      SimulatedEndpoint ep = endpoints.get(i);
      byte[] aem = ep.dueAem();
      if (aem != null) {
        int tag;
        synchronized (peers) {
          tag = nextOwnTag[i];
          nextOwnTag[i] = (tag + 1) & 7;
        }
        sendMessage(ep.currentEid(), peer, true, tag, aem);
      }
    }
  }

  /** Requests received for a served endpoint. */
  public long requests() {
    return requests.get();
  }

  /** Messages sent (responses and AEMs). */
  public long messagesSent() {
    return responses.get();
  }

  /** Messages ignored (unknown EID, not a request, unsupported type, bad packet). */
  public long ignored() {
    return ignored.get();
  }

  /** NVMe-MI requests that came before the endpoints were attached and were answered then. */
  public long heldBeforeReady() {
    return heldBeforeReady.get();
  }

  /** NVMe-MI requests dropped because more than 64 came before the endpoints were attached. */
  public long droppedBeforeReady() {
    return droppedBeforeReady.get();
  }

  /** Messages whose handling failed unexpectedly (logged at WARNING). */
  public long failures() {
    return failures.get();
  }

  /** Frames dropped for a bad FCS. */
  public long fcsErrors() {
    return decoder.fcsErrors();
  }

  /** Stops serving and closes both streams. Idempotent. */
  @Override
  public void close() {
    closed = true;
    aemTick.cancel();
    try {
      in.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing the input stream", e);
    }
    try {
      out.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing the output stream", e);
    }
  }
}
