package dev.nvmemi.transport.mctp.it;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The far end of an {@link MctpSerialLink}: reads DSP0253 frames from the pty master, reassembles
 * MCTP messages addressed to its EIDs, and answers each through a scriptable {@link Handler}, with
 * delays, several answers (More Processing Required) or none (a silent endpoint). Answers longer than
 * the serial MTU are fragmented into 64-byte packets, as the kernel expects.
 *
 * <p>Threads: one daemon reader thread; answers are written from a single scheduler thread.
 */
final class SerialPeer implements AutoCloseable {
  static final int MTU_PAYLOAD = 64;

  /** A received request: source EID, destination EID, tag, and the message with its type byte. */
  record Request(int from, int to, int tag, byte[] message) {}

  /** An answer sent {@code delayMs} after the request arrived (message with its type byte). */
  record Answer(long delayMs, byte[] message) {}

  @FunctionalInterface
  interface Handler {
    List<Answer> answer(Request request);
  }

  private final MctpSerialLink link;
  private final Set<Integer> eids;
  private volatile Handler handler;
  private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "serial-peer-writer");
    t.setDaemon(true);
    return t;
  });
  private final Thread reader;
  final List<Request> received = new CopyOnWriteArrayList<>();
  private final List<ScheduledFuture<?>> pending = new java.util.ArrayList<>();
  private volatile boolean closed;

  SerialPeer(MctpSerialLink link, Set<Integer> eids, Handler handler) {
    this.link = link;
    this.eids = Set.copyOf(eids);
    this.handler = handler;
    this.reader = new Thread(this::readLoop, "serial-peer-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a new script: answers still pending from the previous one are cancelled, and the call
   * returns once any answer already being written has left, so that a late answer of one test can
   * never reach the next test's socket (which may hold the same tag value).
   */
  void handler(Handler h) {
    this.handler = h;
    synchronized (pending) {
      pending.forEach(f -> f.cancel(false));
      pending.clear();
    }
    try {
      writer.submit(() -> { }).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("serial peer writer did not drain", e);
    }
  }

  private void readLoop() {
    SerialFraming framing = new SerialFraming();
    Map<Integer, ByteArrayOutputStream> partial = new HashMap<>();
    byte[] buf = new byte[4096];
    while (!closed) {
      int n;
      try {
        n = GuestLibC.INSTANCE.read(link.master, buf, new NativeLong(buf.length)).intValue();
      } catch (LastErrorException e) {
        if (closed) {
          return;
        }
        if (e.getErrorCode() == 4 || e.getErrorCode() == 11) {
          continue;
        }
        return; // EIO: the slave side went away
      }
      if (n <= 0) {
        return;
      }
      for (byte[] p : framing.feed(buf, n)) {
        if (p.length < 4) {
          continue;
        }
        int dest = p[1] & 0xFF;
        int src = p[2] & 0xFF;
        int flags = p[3] & 0xFF;
        boolean som = (flags & 0x80) != 0;
        boolean eom = (flags & 0x40) != 0;
        int tag = flags & 7;
        int key = src << 8 | tag;
        if (som) {
          partial.put(key, new ByteArrayOutputStream());
        }
        ByteArrayOutputStream msg = partial.get(key);
        if (msg == null) {
          continue;
        }
        msg.write(p, 4, p.length - 4);
        if (eom) {
          partial.remove(key);
          if ((flags & 0x08) != 0 && eids.contains(dest)) {
            Request r = new Request(src, dest, tag, msg.toByteArray());
            received.add(r);
            for (Answer a : handler.answer(r)) {
              ScheduledFuture<?> f = writer.schedule(() -> send(r, a.message()), a.delayMs(), TimeUnit.MILLISECONDS);
              synchronized (pending) {
                pending.removeIf(java.util.concurrent.Future::isDone);
                pending.add(f);
              }
            }
          }
        }
      }
    }
  }

  /** Sends {@code message} (type byte first) to the requester as a response on the request's tag. */
  private void send(Request to, byte[] message) {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    int seq = 0;
    for (int off = 0; off < message.length; off += MTU_PAYLOAD) {
      int end = Math.min(message.length, off + MTU_PAYLOAD);
      byte[] pkt = new byte[4 + end - off];
      pkt[0] = 0x01;
      pkt[1] = (byte) to.from();
      pkt[2] = (byte) to.to();
      pkt[3] = (byte) ((off == 0 ? 0x80 : 0) | (end == message.length ? 0x40 : 0) | seq << 4 | to.tag());
      System.arraycopy(message, off, pkt, 4, end - off);
      wire.writeBytes(SerialFraming.encode(pkt));
      seq = (seq + 1) & 3;
    }
    byte[] bytes = wire.toByteArray();
    int done = 0;
    while (done < bytes.length && !closed) {
      byte[] rest = java.util.Arrays.copyOfRange(bytes, done, bytes.length);
      done += GuestLibC.INSTANCE.write(link.master, rest, new NativeLong(rest.length)).intValue();
    }
  }

  @Override
  public void close() {
    closed = true;
    writer.shutdownNow();
  }
}
