package dev.nvmemi.agent.cli;

import dev.nvmemi.simulator.EndpointInfo;
import dev.nvmemi.simulator.SimulatedEndpoint;
import dev.nvmemi.simulator.ScenarioControl;
import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.TruthLog;
import dev.nvmemi.simulator.responder.MctpControlResponder;
import dev.nvmemi.simulator.scenario.Scenario;
import dev.nvmemi.simulator.scenario.ScenarioException;
import dev.nvmemi.simulator.scenario.ScenarioReader;
import dev.nvmemi.simulator.serial.MctpFragmenter;
import dev.nvmemi.simulator.serial.MctpSerialServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nvme-mi-agent simulate}: serves simulated NVMe-MI drives over MCTP-over-serial (DSP0253)
 * on a byte stream, so that a real kernel's {@code mctp-serial} line discipline (on the other end
 * of a pty, or a real UART) and {@code mctpd} see real drives: MCTP control (Get/Set EID, UUID,
 * versions, message types 0 and 4) and the whole NVMe-MI responder with the scenario's faults.
 *
 * <p>{@code --serial PATH} opens a device node (a UART, a pty) read/write. {@code --serial-fd N}
 * uses an already-open descriptor: 0, 1 and 2 directly; any other N through
 * {@code /proc/self/fd/N}, except a pty master, which reopening would replace by a new pty (pass it
 * as fd 0, or run the JVM with {@code --add-opens java.base/java.io=ALL-UNNAMED}). Log lines go to
 * stderr; {@code --debug} logs every exchange in hex. {@code --control PATH} changes the drives
 * while they are served (one scenario per line, from when it is read: {@link ScenarioControl});
 * {@code --truth-log PATH} writes their ground truth once a second ({@link TruthLog}), so an agent
 * in another process can be checked against it.
 *
 * <p>Start-up order: the options are checked, the stream is opened and MCTP control is served at
 * once (a bus owner such as mctpd probes a new link within a few hundred milliseconds); only then
 * are the drives built; NVMe-MI requests that come before that are answered then. {@code --eid 0} starts a drive unassigned: it answers Get Endpoint ID with EID 0 until
 * a bus owner's Set Endpoint ID, then serves NVMe-MI at the assigned EID.
 *
 * <p>Threads: the main thread waits; the simulator's {@code mctp-serial-rx} reader and
 * {@code sim-clock} timer threads do the work (see {@link MctpSerialServer}). Returns 0 when the
 * stream ends, 1 on an I/O error opening it, 2 on bad options.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Serve simulated NVMe-MI drives over MCTP-over-serial (DSP0253) on a pty or device.",
        "Answers MCTP control (Get/Set EID, UUID, versions, message types 0 and 4) and NVMe-MI."})
public final class SimulateCommand implements Callable<Integer> {

  /** Opens the byte stream; tests replace it. */
  interface Opener {
    Streams open(SimulateCommand command) throws IOException;
  }

  /** An input and output stream pair and a name for logs. */
  record Streams(InputStream in, OutputStream out, String name) {}

  @Spec CommandSpec spec;

  @Option(names = "--serial", paramLabel = "PATH",
      description = "Device node or pty to serve on (opened read/write).")
  Path serial;

  @Option(names = "--serial-fd", paramLabel = "N", description = "Already-open file descriptor to serve on.")
  Integer serialFd;

  @Option(names = "--eid", paramLabel = "EID", split = ",",
      description = {"EID of a simulated drive (repeat or comma-separate for several; default: 9).",
          "0 = not yet assigned: the drive waits for a bus owner's Set Endpoint ID (mctpd SetupEndpoint)."})
  List<Integer> eids;

  @Option(names = "--scenario", paramLabel = "F", description = "Scenario file (JSON, see simulator/README.md).")
  Path scenario;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed for drive identities, health and faults (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--mtu", paramLabel = "BYTES", defaultValue = "68",
      description = "Link MTU: MCTP packet size with its 4-byte header (default: ${DEFAULT-VALUE}, as mctp-serial).")
  int mtu;

  @Option(names = "--control", paramLabel = "PATH",
      description = {"Control stream (a FIFO or file): one scenario per line (JSON, the scenario file format),",
          "its events counting from when the line is read (see simulator/README.md)."})
  Path control;

  @Option(names = "--truth-log", paramLabel = "PATH",
      description = "Write every drive's ground truth (raw registers, answering, present) as JSON lines, once a second.")
  Path truthLog;

  @Option(names = "--debug", description = "Log every exchange (hex) and scenario event at debug level.")
  boolean debug;

  Opener opener = SimulateCommand::openStreams;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if ((serial == null) == (serialFd == null)) {
      return usage(err, "give exactly one of --serial PATH or --serial-fd N");
    }
    if (serialFd != null && serialFd < 0) {
      return usage(err, "--serial-fd " + serialFd + " (expected: >= 0)");
    }
    if (mtu < 5 || mtu > 255) {
      return usage(err, "--mtu " + mtu + " (expected: 5 ~ 255; mctp-serial uses " + MctpFragmenter.SERIAL_MTU + ")");
    }
    int[] eidList = eids == null || eids.isEmpty() ? new int[] {9} : eids.stream().mapToInt(Integer::intValue).toArray();
    SimulatedFleet.Builder builder;
    List<MctpControlResponder> controls;
    Scenario sc;
    try {
      // A bad scenario is a usage error, found before the link is touched; building the drives
      // (the slow part) waits until MCTP control is served.
      sc = scenario != null ? ScenarioReader.read(scenario) : Scenario.NONE;
      builder = SimulatedFleet.builder().eids(eidList).seed(seed).scenario(sc);
      controls = builder.controlResponders();
    } catch (ScenarioException | IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    if (debug) {
      enableDebugLogging();
    }
    Streams streams;
    try {
      streams = opener.open(this);
    } catch (IOException | RuntimeException e) {
      err.println("simulate: cannot open " + describeTarget() + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    try (MctpSerialServer server = new MctpSerialServer(streams.in(), streams.out(), controls, mtu)) {
      // MCTP control first: the link is open, a bus owner may be probing it already.
      server.start();
      err.println("simulate: serving MCTP control on " + streams.name() + " for " + controls.size()
          + " drive(s); building the drives");
      err.flush();
      try (SimulatedFleet fleet = builder.build()) {
        for (SimulatedEndpoint ep : fleet.allEndpoints()) {
          EndpointInfo i = ep.info();
          String eid = i.unassigned() ? "eid unassigned (drive " + i.index() + ", waiting for Set Endpoint ID)"
              : "eid " + i.eid();
          err.println("simulate: " + eid + " serial " + ep.serial() + " on " + streams.name()
              + " (scenario " + sc.name() + ", seed " + seed + ")");
        }
        err.flush();
        // From here on NVMe-MI too (requests that came meanwhile are answered now).
        server.attach(fleet.allEndpoints(), fleet.clock());
        try (TruthLog truth = truthLog != null ? TruthLog.start(truthLog, fleet, Duration.ofSeconds(1)) : null;
            ScenarioControl ctl = control != null ? ScenarioControl.start(control, fleet) : null) {
          server.awaitTermination();
        }
        err.println("simulate: " + streams.name() + " closed after " + server.requests() + " requests");
        err.flush();
        return 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (IOException e) {
      err.println("simulate: cannot write the truth log " + truthLog + ": " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  private static int usage(PrintWriter err, String message) {
    err.println("simulate: " + message);
    err.flush();
    return AgentMain.EXIT_USAGE;
  }

  private String describeTarget() {
    return serial != null ? serial.toString() : "fd " + serialFd;
  }

  /** The simulator's logger, held so that its level is not lost when JUL drops an unreferenced logger. */
  private static final Logger SIMULATOR_LOG = Logger.getLogger("dev.nvmemi.simulator");

  /** Debug records of the simulator reach the agent's one log handler (its lines, not JUL's two-line default). */
  private static void enableDebugLogging() {
    SIMULATOR_LOG.setLevel(Level.FINE);
  }

  private static Streams openStreams(SimulateCommand c) throws IOException {
    if (c.serial != null) {
      RandomAccessFile raf = new RandomAccessFile(c.serial.toFile(), "rw");
      FileDescriptor fd = raf.getFD();
      return new Streams(new FileInputStream(fd), new FileOutputStream(fd), c.serial.toString());
    }
    int n = c.serialFd;
    FileDescriptor std = n == 0 ? FileDescriptor.in : n == 1 ? FileDescriptor.out : n == 2 ? FileDescriptor.err : null;
    if (std != null) {
      return new Streams(new FileInputStream(std), new FileOutputStream(std), "fd " + n);
    }
    Path link = Path.of("/proc/self/fd/" + n);
    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("no open file descriptor " + n + " (expected: a descriptor inherited from the caller)");
    }
    String target = Files.readSymbolicLink(link).toString();
    if (target.equals("/dev/ptmx") || target.equals("/dev/pts/ptmx")) {
      FileDescriptor fd = wrap(n);
      return new Streams(new FileInputStream(fd), new FileOutputStream(fd), "fd " + n + " (pty master)");
    }
    return new Streams(new FileInputStream(link.toFile()), new FileOutputStream(link.toFile()),
        "fd " + n + " (" + target + ")");
  }

  /** Wraps a raw descriptor number; needs {@code --add-opens java.base/java.io=ALL-UNNAMED}. */
  private static FileDescriptor wrap(int n) throws IOException {
    try {
      FileDescriptor fd = new FileDescriptor();
      Field f = FileDescriptor.class.getDeclaredField("fd");
      f.setAccessible(true);
      f.setInt(fd, n);
      return fd;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("fd " + n + " is a pty master: reopening /proc/self/fd/" + n + " would create a new pty"
          + " (expected: pass it as fd 0, or run the JVM with --add-opens java.base/java.io=ALL-UNNAMED)", e);
    }
  }
}
