package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.testsupport.Required;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} on a real pseudo-terminal: python3's {@code pty.openpty()} makes the pair (Java
 * cannot without native code), the simulator runs as its own JVM with the pty master as fd 0 — as a
 * harness in a VM starts it in front of the kernel's {@code mctp-serial} — and the script speaks
 * DSP0253 on the raw slave: Get Endpoint ID to the null EID, then an NVMe-MI health poll to EID 9.
 * python3 comes from {@code scripts/test.d/45-sim.sh}.
 */
final class SimulatePtyTest {

  private static final String SCRIPT = """
      import os, pty, select, subprocess, sys, time, tty
      def fcs16(data):
          fcs = 0xFFFF
          for b in data:
              fcs ^= b
              for _ in range(8):
                  fcs = (fcs >> 1) ^ 0x8408 if fcs & 1 else fcs >> 1
          return fcs
      def frame(pkt):
          body = bytearray()
          for b in pkt:
              body += bytes([0x7d, b ^ 0x20]) if b in (0x7e, 0x7d) else bytes([b])
          f = fcs16(bytes([1, len(pkt)]) + pkt)
          return bytes([0x7e, 1, len(pkt)]) + bytes(body) + bytes([f >> 8, f & 0xff, 0x7e])
      def read_frames(fd, n, timeout, until=None):
          out, deadline = b'', time.time() + timeout
          while time.time() < deadline and (out.count(b'\\x7e') < 2 * n if until is None else until not in out):
              r, _, _ = select.select([fd], [], [], 0.2)
              if r:
                  out += os.read(fd, 4096)
          return out
      master, slave = pty.openpty()
      tty.setraw(slave)
      sim = subprocess.Popen([sys.argv[1], '-cp', sys.argv[2], 'dev.nvmemi.agent.cli.AgentMain', 'simulate',
                              '--serial-fd', '0', '--eid', '9'], stdin=master, stderr=open(sys.argv[3], 'w'))
      os.close(master)
      # Get Endpoint ID, EID 8 -> null EID, TO, tag 0 (the kernel's kunit sample frame); retry until the JVM is up
      answer = b''
      for _ in range(60):
          os.write(slave, bytes.fromhex('7e0107010008c80080022bc17e'))
          answer = read_frames(slave, 1, 0.5)
          if answer:
              break
      print('control ' + answer.hex())
      # NVM Subsystem Health Status Poll to EID 9, tag 5 (MIC d2d47736 from vectors.json #8)
      poll = bytes.fromhex('84080000010000000000000000000000d2d47736')
      os.write(slave, frame(bytes([1, 9, 8, 0xc8 | 5]) + poll))
      # answers to retried Get EIDs may still be queued: read until the tag-5 answer from EID 9
      print('poll ' + read_frames(slave, 1, 10, until=bytes.fromhex('010809c5')).hex())
      sim.terminate()
      sim.wait(10)
      """;

  @Test
  void answersOnARealPtyMasterGivenAsFdZero(@TempDir Path dir) throws IOException, InterruptedException {
    Path script = dir.resolve("simulate_on_pty.py");
    Files.writeString(script, SCRIPT);
    Path err = dir.resolve("sim.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Required.command("python3", "python3");
    Process p = new ProcessBuilder(List.of("python3", script.toString(), java, System.getProperty("java.class.path"),
        err.toString())).redirectErrorStream(true).start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("python3 harness finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String log = Files.exists(err) ? Files.readString(err) : "";
    assertThat(p.exitValue()).as(out + log).isZero();
    // Get EID answer from EID 9: SOM|EOM, TO=0, tag 0; cc 0, EID 9, dynamic simple endpoint
    assertThat(out).as(log).contains("control 7e010b010809c00000020009000092b17e");
    // the health poll answer: 01 08 09 c5 (tag 5, TO=0) then 84 88 00 00 00 ...
    assertThat(out).containsPattern("poll (7e010b010809c00000020009000092b17e)*7e0118010809c5848800000000");
    assertThat(log).contains("simulate: eid 9 serial");
  }
}
