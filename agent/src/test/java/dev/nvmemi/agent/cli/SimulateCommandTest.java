package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.agent.AgentMain;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    assertThat(r.err()).contains("eid: 5 (expected: distinct values within 8 ~ 254)");
  }

  @Test
  void rejectsABadScenarioWithFileLineAndColumn(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"name\": \"x\", \"events\": [{\"at\": \"1s\", \"action\": \"melt\"}]}");
    Run r = run(null, "--serial-fd", "0", "--scenario", f.toString());
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

  @Test
  void servesControlAndNvmeMiUntilTheStreamEnds(@TempDir Path dir) throws Exception {
    PipedOutputStream host = new PipedOutputStream();
    PipedInputStream simIn = new PipedInputStream(host, 1 << 16);
    PipedInputStream hostIn = new PipedInputStream(1 << 16);
    PipedOutputStream simOut = new PipedOutputStream(hostIn);
    Path scenario = Path.of("../simulator/scenarios/overheat.json");
    CompletableFuture<Run> done = CompletableFuture.supplyAsync(() -> run(
        c -> new SimulateCommand.Streams(simIn, simOut, "test pipe"),
        "--serial-fd", "3", "--eid", "9", "--scenario", scenario.toString()));
    // Get Endpoint ID to the null EID (the kernel kunit sample), then a health poll to EID 9
    host.write(HexFormat.of().parseHex("7e010701 0008c800 80022bc1 7e".replace(" ", "")));
    byte[] poll = new byte[20];
    poll[0] = (byte) 0x84;
    poll[1] = 0x08;
    poll[4] = 0x01;
    Mic.seal(poll);
    host.write(frame(9, 3, poll));
    host.flush();
    List<MctpPacket> got = new ArrayList<>();
    SerialFrameDecoder d = new SerialFrameDecoder(68, raw -> got.add(MctpPacket.decode(raw)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    byte[] one = new byte[1];
    while (got.size() < 2 && System.nanoTime() < deadline) {
      if (hostIn.read(one) == 1) {
        d.feed(one[0] & 0xFF);
      }
    }
    assertThat(got).hasSize(2);
    assertThat(HexFormat.of().formatHex(got.get(0).payload())).isEqualTo("00000200090000");
    assertThat(got.get(1).tag()).isEqualTo(3);
    assertThat(got.get(1).source()).isEqualTo(9);
    assertThat(Mic.verify(got.get(1).payload())).isTrue();
    host.close();
    Run r = done.get(20, TimeUnit.SECONDS);
    assertThat(r.status()).isZero();
    assertThat(r.err()).contains("eid 9 serial").contains("scenario overheat").contains("closed after 2 requests");
  }
}
