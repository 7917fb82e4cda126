package dev.nvmemi.simulator;

import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.ScenarioException;
import dev.nvmemi.simulator.scenario.ScenarioReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Changes a running fleet's drives from outside: reads a control stream (a FIFO or a file), one
 * scenario per line in the scenario file's JSON format, and applies each line's events from the
 * moment the line is read ({@link SimulatedFleet#schedule}), so another process (a test harness,
 * an operator's demonstration) can step the drives through states at times it chooses. Blank
 * lines and lines starting with {@code #} are skipped; a bad line is logged with its number and
 * counted, and reading goes on. The stream ends at end of file (a FIFO: when its last writer
 * closes it).
 *
 * <p>Threads: one daemon thread, {@code sim-control}, reads the stream (opening a FIFO blocks it
 * until a writer comes); everything else is thread-safe.
 */
public final class ScenarioControl implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ScenarioControl.class.getName());

  private final SimulatedFleet fleet;
  private final String source;
  private final AtomicInteger applied = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private final Thread thread;

  private ScenarioControl(SimulatedFleet fleet, String source, Opener opener) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.source = source;
    this.thread = new Thread(() -> read(opener), "sim-control");
    this.thread.setDaemon(true);
  }

  /** Opens the stream on the reading thread (a FIFO's open blocks until a writer comes). */
  @FunctionalInterface
  interface Opener {
    Reader open() throws IOException;
  }

  /** Starts reading {@code path} for {@code fleet}. */
  public static ScenarioControl start(Path path, SimulatedFleet fleet) {
    return start(fleet, path.toString(), () -> Files.newBufferedReader(path, StandardCharsets.UTF_8));
  }

  static ScenarioControl start(SimulatedFleet fleet, String source, Opener opener) {
    ScenarioControl c = new ScenarioControl(fleet, source, opener);
    c.thread.start();
    return c;
  }

  private void read(Opener opener) {
    try (BufferedReader in = new BufferedReader(opener.open())) {
      int number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        try {
          Scenario s = ScenarioReader.parse(text);
          fleet.schedule(s);
          applied.incrementAndGet();
          LOG.info("control " + source + " line " + number + ": scenario \"" + s.name() + "\" ("
              + s.events().size() + " event(s)) from now on");
        } catch (ScenarioException e) {
          rejected.incrementAndGet();
          LOG.warning("control " + source + " line " + number + ": " + e.getMessage() + "; line ignored");
        }
      }
      LOG.info("control " + source + ": end of stream after " + number + " line(s)");
    } catch (IOException e) {
      LOG.log(Level.WARNING, "control " + source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Lines applied so far. */
  public int applied() {
    return applied.get();
  }

  /** Lines rejected so far (each logged with its number and the reason). */
  public int rejected() {
    return rejected.get();
  }

  /** Waits up to {@code millis} for the end of the stream; true when it has ended. */
  public boolean awaitEnd(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }

  /** Stops waiting for more lines (the daemon thread may stay blocked in a read until the stream ends). */
  @Override
  public void close() {
    thread.interrupt();
  }
}
