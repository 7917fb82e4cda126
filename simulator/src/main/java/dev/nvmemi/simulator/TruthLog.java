package dev.nvmemi.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The simulated drives' ground truth as JSON lines, one line per drive at a fixed period, so an
 * agent under test (in another process, another machine's kernel) can be compared with what its
 * drives really were: whether the endpoint answered and was present, the raw registers that decide
 * health (critical warning, NSS, PDLU, every controller's CSTS), the composite temperature byte
 * and the available spare. A line:
 * <pre>{"epochMillis":1764770000123,"simNanos":5000000000,"eid":12,"serial":"S...","answers":true,
 * "present":true,"criticalWarning":0,"nss":32,"pdlu":3,"ctemp":41,"availableSpare":100,"csts":[1]}</pre>
 * The registers are raw: what they mean (which is the agent's job to derive) is left to the reader.
 * A write failure is logged once and ends the log; the simulation goes on.
 *
 * <p>Threads: writes on the fleet clock's thread ({@code sim-clock}); {@link #close} from any.
 */
public final class TruthLog implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TruthLog.class.getName());

  private final SimulatedFleet fleet;
  private final Writer out;
  private final long periodNanos;
  private final LongSupplier epochMillis;
  private final Object lock = new Object();
  private SimClock.Cancellable next = SimClock.Cancellable.NONE;
  private boolean closed;

  private TruthLog(SimulatedFleet fleet, Writer out, Duration period, LongSupplier epochMillis) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.out = Objects.requireNonNull(out, "out");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("truth log period: " + period + " (expected: > 0)");
    }
    this.periodNanos = period.toNanos();
    this.epochMillis = Objects.requireNonNull(epochMillis, "epochMillis");
  }

  /** Writes {@code fleet}'s truth to {@code file} (created or truncated) now and every {@code period}. */
  public static TruthLog start(Path file, SimulatedFleet fleet, Duration period) throws IOException {
    BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    return start(fleet, w, period, System::currentTimeMillis);
  }

  static TruthLog start(SimulatedFleet fleet, Writer out, Duration period, LongSupplier epochMillis) {
    TruthLog t = new TruthLog(fleet, out, period, epochMillis);
    t.schedule(0);
    return t;
  }

  private void schedule(long delay) {
    synchronized (lock) {
      if (!closed) {
        next = fleet.clock().schedule(delay, this::write);
      }
    }
  }

  private void write() {
    long millis = epochMillis.getAsLong();
    long nanos = fleet.clock().nanos();
    StringBuilder sb = new StringBuilder();
    for (SimulatedEndpoint ep : fleet.allEndpoints()) {
      sb.append(line(ep, millis, nanos)).append('\n');
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        out.write(sb.toString());
        out.flush();
      } catch (IOException e) {
        LOG.warning("truth log: cannot write (" + e.getMessage() + "); the truth log ends here");
        closed = true;
        return;
      }
    }
    schedule(periodNanos);
  }

  /** One drive's truth line (without the newline). */
  static String line(SimulatedEndpoint ep, long epochMillis, long simNanos) {
    boolean answers = ep.answers();
    boolean present = ep.isPresent();
    int eid = ep.currentEid();
    return ep.inspect(d -> {
      StringBuilder csts = new StringBuilder();
      for (int c = 0; c < d.controllerCount(); c++) {
        csts.append(c == 0 ? "" : ",").append(d.csts(c));
      }
      return "{\"epochMillis\":" + epochMillis + ",\"simNanos\":" + simNanos + ",\"eid\":" + eid
          + ",\"serial\":\"" + d.identity().serial().replace("\\", "\\\\").replace("\"", "\\\"") + "\""
          + ",\"answers\":" + answers + ",\"present\":" + present + ",\"criticalWarning\":" + d.criticalWarning()
          + ",\"nss\":" + d.nss() + ",\"pdlu\":" + d.pdlu() + ",\"ctemp\":" + d.ctempByte()
          + ",\"availableSpare\":" + d.availableSpare() + ",\"csts\":[" + csts + "]}";
    });
  }

  /** Stops writing and closes the file. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      next.cancel();
      try {
        out.close();
      } catch (IOException e) {
        LOG.warning("truth log: cannot close (" + e.getMessage() + ")");
      }
    }
  }
}
