package dev.nvmemi.simulator.serial;

import dev.nvmemi.simulator.SimClock;
import dev.nvmemi.simulator.SimulatedEndpoint;
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
  private final List<SimulatedEndpoint> endpoints;
  private final SimClock clock;
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
  private volatile boolean closed;
  private volatile SimClock.Cancellable aemTick = SimClock.Cancellable.NONE;
  private Thread reader;

  /**
   * @param in bytes from the peer (a pty master, a device, a pipe)
   * @param out bytes to the peer
   * @param endpoints the endpoints to serve, addressed by their current EID
   * @param clock the clock for delayed answers and AEM timing
   * @param mtu the link MTU (packet size with header); {@code mctp-serial} uses 68
   */
  public MctpSerialServer(InputStream in, OutputStream out, List<SimulatedEndpoint> endpoints, SimClock clock,
      int mtu) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.endpoints = List.copyOf(endpoints);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (this.endpoints.isEmpty()) {
      throw new IllegalArgumentException("no endpoints to serve (expected: at least one)");
    }
    if (mtu < 5 || mtu > 255) {
      throw new IllegalArgumentException("mtu: " + mtu + " (expected: 5 ~ 255)");
    }
    this.mtu = mtu;
    this.decoder = new SerialFrameDecoder(255, this::onPacket);
    this.peers = new int[this.endpoints.size()];
    this.nextOwnTag = new int[this.endpoints.size()];
  }

  /** Starts the reader thread and the AEM check. */
  public synchronized void start() {
    if (reader != null) {
      throw new IllegalStateException("already started");
    }
    reader = new Thread(this::readLoop, "mctp-serial-rx");
    reader.setDaemon(true);
    reader.start();
    scheduleAemCheck();
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
    for (int i = 0; i < endpoints.size(); i++) {
      if (endpoints.get(i).currentEid() == eid) {
        return i;
      }
    }
    // Physical addressing (null EID) before an EID is assigned: the link is point-to-point.
    return eid == 0 && endpoints.size() == 1 ? 0 : -1;
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
    SimulatedEndpoint ep = endpoints.get(index);
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
      byte[] r = ep.processControl(m.body());
      if (r != null) {
        // Answer from the EID the request was sent to, so that the requester's tag key (peer =
        // that EID) matches even after Set Endpoint ID; a request to the null EID made a key for
        // any peer, so the (possibly new) current EID is right there.
        send(m.destination() != 0 ? m.destination() : ep.currentEid(), m.source(), m.tag(), r);
      }
      return;
    }
    if (type != 0x04) {
      ignored.incrementAndGet();
      return;
    }
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

  /** Sends every AEM that is due now (the 100 ms check calls this). */
  public void checkAems() {
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
