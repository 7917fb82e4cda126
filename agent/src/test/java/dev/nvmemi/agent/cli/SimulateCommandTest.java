package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.internal.Mic;
import dev.nvmemi.simulator.serial.MctpFragmenter;
import dev.nvmemi.simulator.serial.MctpPacket;
import dev.nvmemi.simulator.serial.SerialFrameDecoder;
import dev.nvmemi.simulator.serial.SerialFraming;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code simulate}: option checks, and serving MCTP control and NVMe-MI on a byte stream. */
final class SimulateCommandTest {

  private record Run(int status, String err) {}

  private static Run run(SimulateCommand.Opener opener, String... args) {
    SimulateCommand cmd = new SimulateCommand();
    if (opener != null) {
      cmd.opener = opener;
    }
    CommandLine cl = new CommandLine(cmd);
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int status = cl.execute(args);
    return new Run(status, err.toString());
  }

  @Test
  void isRegisteredAsASubcommand() {
    assertThat(new CommandLine(AgentMain.class).getSubcommands()).containsKey("simulate");
  }

  @Test
  void needsExactlyOneStream() {
    Run none = run(null);
    assertThat(none.status()).isEqualTo(AgentMain.EXIT_USAGE);
    assertThat(none.err()).contains("exactly one of --serial PATH or --serial-fd N");
    assertThat(run(null, "--serial", "/dev/null", "--serial-fd", "0").status()).isEqualTo(AgentMain.EXIT_USAGE);
  }

  @Test
  void rejectsAnInvalidEid() {
    Run r = run(null, "--serial-fd", "0", "--eid", "5");
    assertThat(r.status()).isEqualTo(AgentMain.EXIT_USAGE);
    assertThat(r.err()).contains("eid: 5 (expected: 0 for unassigned, or distinct values within 8 ~ 254)");
  }

  @Test
  void rejectsABadScenarioWithFileLineAndColumn(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"name\": \"x\", \"events\": [{\"at\": \"1s\", \"action\": \"melt\"}]}");
    Run r = run(c -> {
      throw new AssertionError("the stream is opened only after the scenario was read");
    }, "--serial-fd", "0", "--scenario", f.toString());
    assertThat(r.status()).isEqualTo(AgentMain.EXIT_USAGE);
    assertThat(r.err()).contains(f.toString()).contains("unknown action \"melt\" at line 1, column 49");
  }

  @Test
  void reportsADeviceThatCannotBeOpened(@TempDir Path dir) {
    Run r = run(null, "--serial", dir.resolve("missing/tty").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("cannot open " + dir.resolve("missing/tty"));
  }

  @Test
  void reportsAnUnknownDescriptor() {
    Run r = run(null, "--serial-fd", "987");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("no open file descriptor 987");
  }

  private static byte[] frame(int dest, int tag, byte[] message) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (MctpPacket p : MctpFragmenter.fragment(message, dest, 8, true, tag, 68, 0)) {
      out.writeBytes(SerialFraming.encode(p.encode()));
    }
    return out.toByteArray();
  }

  /**
   * A host end of the simulator's byte stream: the test thread writes frames; a reader thread of its
   * own blocks on what comes back, decodes it and hands each packet over a queue, which the test
   * thread waits on.
   */
  private static final class Host implements AutoCloseable {
    final PipedOutputStream toSim = new PipedOutputStream();
    final PipedInputStream simIn;
    final PipedInputStream fromSim = new PipedInputStream(1 << 16);
    final PipedOutputStream simOut;
    final BlockingQueue<MctpPacket> got = new LinkedBlockingQueue<>();
    final SerialFrameDecoder decoder = new SerialFrameDecoder(68, raw -> got.add(MctpPacket.decode(raw)));
    volatile RuntimeException undecodable;

    Host() throws IOException {
      simIn = new PipedInputStream(toSim, 1 << 16);
      simOut = new PipedOutputStream(fromSim);
      Thread reader = new Thread(this::read, "host-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /** The reader thread: until the simulator's end closes (or its thread ends: a broken pipe). */
    private void read() {
      try {
        for (int b = fromSim.read(); b >= 0; b = fromSim.read()) {
          decoder.feed(b);
        }
      } catch (IOException ended) {
        // the simulator's writing thread is gone
      } catch (RuntimeException e) {
        undecodable = e;
      }
    }

    SimulateCommand.Opener opener() {
      return c -> new SimulateCommand.Streams(simIn, simOut, "test pipe");
    }

    void send(int dest, int tag, byte[] message) throws IOException {
      toSim.write(frame(dest, tag, message));
      toSim.flush();
    }

    /** The next answer (a whole single-packet message), or null after {@code millis}. */
    MctpPacket next(long millis) throws InterruptedException {
      MctpPacket p = got.poll(millis, TimeUnit.MILLISECONDS);
      if (p == null && undecodable != null) {
        throw new AssertionError("the simulator's answer does not decode", undecodable);
      }
      return p;
    }

    /**
     * Sends the health poll to {@code eid} until it is answered (NVMe-MI is served once the drives
     * are built, after MCTP control), as a requester retries; returns the answer.
     */
    MctpPacket pollUntilAnswered(int eid) throws IOException, InterruptedException {
      byte[] poll = new byte[20];
      poll[0] = (byte) 0x84;
      poll[1] = 0x08;
      poll[4] = 0x01;
      Mic.seal(poll);
      for (int attempt = 0; attempt < 200; attempt++) {
        send(eid, attempt & 7, poll);
        MctpPacket p = next(100);
        if (p != null) {
          return p;
        }
      }
      throw new AssertionError("no answer to a health poll to EID " + eid);
    }

    @Override
    public void close() throws IOException {
      toSim.close();
    }
  }

  @Test
  void servesControlAndNvmeMiUntilTheStreamEnds() throws Exception {
    Path scenario = Path.of("../simulator/scenarios/overheat.json");
    Host host = new Host();
    CompletableFuture<Run> done = CompletableFuture.supplyAsync(() -> run(host.opener(),
        "--serial-fd", "3", "--eid", "9", "--scenario", scenario.toString()));
    // Get Endpoint ID to the null EID (the kernel kunit sample), then a health poll to EID 9
    host.toSim.write(HexFormat.of().parseHex("7e010701 0008c800 80022bc1 7e".replace(" ", "")));
    host.toSim.flush();
    MctpPacket eid = host.next(20_000);
    assertThat(eid).isNotNull();
    assertThat(HexFormat.of().formatHex(eid.payload())).isEqualTo("00000200090000");
    MctpPacket answer = host.pollUntilAnswered(9);
    assertThat(answer.source()).isEqualTo(9);
    assertThat(answer.payload()[1] & 0xFF).isEqualTo(0x88);
    assertThat(Mic.verify(answer.payload())).isTrue();
    host.close();
    Run r = done.get(20, TimeUnit.SECONDS);
    assertThat(r.status()).isZero();
    assertThat(r.err()).contains("eid 9 serial").contains("scenario overheat").containsPattern("closed after \\d+ requests");
  }

  @Test
  void eidZeroWaitsForABusOwnersSetEndpointIdThenServesNvmeMiThere() throws Exception {
    Host host = new Host();
    CompletableFuture<Run> done = CompletableFuture.supplyAsync(() -> run(host.opener(),
        "--serial-fd", "3", "--eid", "0"));
    // mctpd's SetupEndpoint: Get Endpoint ID to the null EID, then Set Endpoint ID (op 0, EID 0x1D)
    host.send(0, 0, HexFormat.of().parseHex("008002"));
    MctpPacket get = host.next(20_000);
    assertThat(get).isNotNull();
    assertThat(HexFormat.of().formatHex(get.payload())).as("unassigned").isEqualTo("00000200000000");
    host.send(0, 1, HexFormat.of().parseHex("008101001d"));
    MctpPacket set = host.next(20_000);
    assertThat(set).isNotNull();
    assertThat(HexFormat.of().formatHex(set.payload())).as("accepted, EID 1D, no pool").isEqualTo("00010100001d00");
    MctpPacket answer = host.pollUntilAnswered(0x1D);
    assertThat(answer.source()).isEqualTo(0x1D);
    assertThat(answer.payload()[4]).as("status success").isZero();
    host.close();
    Run r = done.get(20, TimeUnit.SECONDS);
    assertThat(r.status()).isZero();
    // the drive line shows the EID when the drives were built: before or after Set Endpoint ID
    assertThat(r.err()).contains("simulate: serving MCTP control on test pipe for 1 drive(s)")
        .containsPattern("simulate: eid (unassigned \\(drive 0, waiting for Set Endpoint ID\\)|29) serial");
  }

  @Test
  void aTruthLogThatCannotBeWrittenEndsTheRunWithItsPath(@TempDir Path dir) throws Exception {
    Host host = new Host();
    Path log = dir.resolve("missing/truth.jsonl");
    Run r = run(host.opener(), "--serial-fd", "3", "--truth-log", log.toString(), "--control", dir.toString());
    host.close();
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("cannot write the truth log " + log);
  }
}
