package dev.nvmemi.mi;

import dev.nvmemi.mi.admin.AdminRequest;
import dev.nvmemi.mi.admin.AdminResponse;
import dev.nvmemi.mi.admin.GetLogPage;
import dev.nvmemi.mi.admin.Identify;
import dev.nvmemi.mi.admin.AdminOptions;
import dev.nvmemi.mi.command.SubsystemHealthStatusPoll;
import dev.nvmemi.mi.control.GetState;
import dev.nvmemi.mi.event.AsyncEventMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the seed corpus of the codec's fuzz targets into Jazzer's test-resource layout
 * ({@code <package>/<TestClass>Inputs/<method>/<seed>}): every message of the shared vectors, every
 * hand-written fixture, one encoded request of each response-decoding context, and a few encoder
 * outputs of {@link Gen} at fixed seeds. Seeds are named after their source ({@code vector-…},
 * {@code fixture-…}, {@code context-…}, {@code gen-…}); a finding Jazzer saved ({@code crash-…},
 * {@code timeout-…}) is never touched. Run after adding a vector or a fixture:
 * <pre>java -cp &lt;mi-protocol test class path&gt; dev.nvmemi.mi.FuzzSeeds mi-protocol/src/test/resources</pre>
 * {@code FuzzCorpusTest} checks that every vector message is in the corpus.
 *
 * <p>Thread: main; a command-line tool.
 */
public final class FuzzSeeds {
  private static final MiHeader CP0 = MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 0);
  private static final MiHeader MI0 = MiHeader.request(Nmimt.MI_COMMAND, 0);

  private final Path resources;

  private FuzzSeeds(Path resources) {
    this.resources = resources;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: FuzzSeeds <mi-protocol/src/test/resources>");
    }
    new FuzzSeeds(Path.of(args[0])).writeAll();
  }

  /** The corpus directory of {@code method} of fuzz test class {@code testClass} under {@code resources}. */
  public static Path inputs(Path resources, String testClass, String method) {
    int dot = testClass.lastIndexOf('.');
    return resources.resolve(testClass.substring(0, dot).replace('.', '/'))
        .resolve(testClass.substring(dot + 1) + "Inputs").resolve(method);
  }

  private void write(String testClass, String method, String name, byte[] data) throws IOException {
    Path dir = inputs(resources, testClass, method);
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), data);
  }

  private void writeAll() throws IOException {
    String codec = "dev.nvmemi.mi.MiCodecFuzzTest";
    for (Map.Entry<String, Vectors.Vector> e : Vectors.all().entrySet()) {
      Vectors.Vector v = e.getValue();
      if (v.request() != null) {
        write(codec, "decodeRequest", "vector-" + e.getKey(), v.request());
      }
      if (v.request() != null && v.response() != null) {
        write(codec, "decodeResponse", "vector-" + e.getKey(), FuzzTargets.join(v.request(), v.response()));
      }
      if (v.request() == null && v.response() != null) {
        write(codec, "decodeUnsolicited", "vector-" + e.getKey(), v.response());
      }
    }
    List<MiRequest> contexts = MiCodecFuzzTest.CONTEXTS;
    for (int i = 0; i < contexts.size(); i++) {
      write(codec, "decodeRequest", String.format("context-%02d", i), contexts.get(i).encode());
    }
    write(codec, "decodeResponse", "fixture-control-get-state-response",
        FuzzTargets.join(new GetState(CP0, 7, false).encode(), Fixtures.load("control/get-state-response.hex")));
    write(codec, "decodeResponse", "fixture-message-invalid-parameter", FuzzTargets.join(
        new SubsystemHealthStatusPoll(MI0, false).encode(), Fixtures.load("message/invalid-parameter.hex")));
    AdminRequest identify = Identify.controller(0, 0);
    write(codec, "decodeResponse", "fixture-admin-identify-controller", FuzzTargets.join(identify.encode(),
        success(identify, admin("identify-controller.hex"))));
    AdminRequest smart = GetLogPage.smartHealth(0, 0);
    write(codec, "decodeResponse", "fixture-admin-smart-log", FuzzTargets.join(smart.encode(),
        success(smart, admin("smart-log.hex"))));
    AdminRequest errors = GetLogPage.of(0, 0, GetLogPage.NSID_ALL, GetLogPage.LID_ERROR_INFORMATION, 0, true, 0, 0, 0,
        false, 0, 128, AdminOptions.DEFAULTS);
    write(codec, "decodeResponse", "gen-error-log", FuzzTargets.join(errors.encode(), success(errors, errorLog())));
    write(codec, "decodeUnsolicited", "fixture-aem-two-occurrences", Fixtures.load("aem/two-occurrences.hex"));
    for (int i = 0; i < 4; i++) {
      write(codec, "decodeUnsolicited", "gen-aem-" + i,
          AsyncEventMessage.of(Gen.occurrenceList(Gen.caseRandom(7, i))).encode());
    }

    String structures = "dev.nvmemi.mi.command.MiStructuresFuzzTest";
    for (String f : List.of("nshds/temperature-warning.hex", "nshds/sensor-failure.hex", "chds/controller-0.hex",
        "chds/shutdown-complete.hex", "nvm-subsystem-info/two-ports-mi-1-2.hex", "port-info/pcie.hex",
        "port-info/two-wire.hex", "controller-list/two-controllers.hex", "controller-info/pcie-routing.hex",
        "command-list/optional-two.hex")) {
      write(structures, "structures", fixtureName(f), Fixtures.load(f));
    }

    String aem = "dev.nvmemi.mi.event.AemListsFuzzTest";
    for (String f : List.of("ae-supported-list/two-events.hex", "ae-enable-list/enable-temperature.hex",
        "ae-occurrence-list/one-temperature.hex")) {
      write(aem, "lists", fixtureName(f), Fixtures.load(f));
    }
    for (int i = 0; i < 3; i++) {
      write(aem, "lists", "gen-occurrence-list-" + i, Gen.occurrenceList(Gen.caseRandom(8, i)).encode());
      write(aem, "lists", "gen-enable-list-" + i, Gen.enableList(Gen.caseRandom(9, i)).encode());
      write(aem, "lists", "gen-supported-list-" + i, Gen.supportedList(Gen.caseRandom(10, i)).encode());
    }

    String adminStructures = "dev.nvmemi.mi.admin.AdminStructuresFuzzTest";
    write(adminStructures, "identifyController", "fixture-admin-identify-controller", admin("identify-controller.hex"));
    byte[] partial = Vectors.get("admin_identify_ctrl_partial72").response();
    write(adminStructures, "identifyController", "vector-admin_identify_ctrl_partial72",
        Arrays.copyOfRange(partial, AdminResponse.HEADER_LENGTH, partial.length - 4));
    write(adminStructures, "smartLog", "fixture-admin-smart-log", admin("smart-log.hex"));
    byte[] smartVector = Vectors.get("admin_get_log_smart").response();
    write(adminStructures, "smartLog", "vector-admin_get_log_smart",
        Arrays.copyOfRange(smartVector, AdminResponse.HEADER_LENGTH, smartVector.length - 4));
    write(adminStructures, "errorLog", "gen-two-entries", errorLog());
    Random r = new Random(12);
    for (int fid : new int[] {0x01, 0x02, 0x04, 0x05, 0x06, 0x07, 0x0E}) {
      byte[] in = new byte[6 + (fid == 0x0E ? 8 : 0)];
      r.nextBytes(in);
      in[0] = (byte) fid;
      in[1] = 0;
      write(adminStructures, "features", String.format("gen-fid-%02x", fid), in);
    }
    byte[] controllers = new byte[4096];
    controllers[0] = 2;
    controllers[2] = 1;
    controllers[4] = 2;
    write(adminStructures, "identifierLists", "gen-controller-list-two", controllers);
    byte[] namespaces = new byte[4096];
    namespaces[0] = 1;
    namespaces[4] = 2;
    write(adminStructures, "identifierLists", "gen-namespace-list-two", namespaces);
    write(adminStructures, "identifierLists", "gen-timestamp", HexFormat.of().parseHex("e8030000000003" + "00"));

    String ocp = "dev.nvmemi.mi.admin.OcpLogsFuzzTest";
    for (String f : List.of("c0-a-lpv4.hex", "c0-b-lpv6.hex")) {
      write(ocp, "smartExtendedLog", "fixture-ocp-" + f.replace(".hex", ""), admin("../ocp/" + f));
      AdminRequest c0 = GetLogPage.ocp(0, 0, GetLogPage.LID_OCP_SMART_EXTENDED, 0);
      write(codec, "decodeResponse", "fixture-ocp-" + f.replace(".hex", ""),
          FuzzTargets.join(c0.encode(), success(c0, admin("../ocp/" + f))));
    }
    write(ocp, "latencyMonitorLog", "fixture-ocp-c3-lpv5", admin("../ocp/c3-lpv5.hex"));
    AdminRequest c3 = GetLogPage.ocp(0, 0, GetLogPage.LID_OCP_LATENCY_MONITOR, 0);
    write(codec, "decodeResponse", "fixture-ocp-c3-lpv5",
        FuzzTargets.join(c3.encode(), success(c3, admin("../ocp/c3-lpv5.hex"))));
    write(ocp, "uuidList", "fixture-ocp-uuid-list", admin("../ocp/uuid-list.hex"));
  }

  private static String fixtureName(String path) {
    return "fixture-" + path.replace(".hex", "").replace('/', '-');
  }

  /** Two used Error Information log entries (error counts 2 and 1, SQ 0, status Invalid Field). */
  private static byte[] errorLog() {
    byte[] b = new byte[128];
    b[0] = 2;
    b[12] = 0x04;
    b[13] = 0x40;
    b[64] = 1;
    b[64 + 12] = 0x04;
    b[64 + 13] = 0x40;
    return b;
  }

  private static byte[] success(AdminRequest request, byte[] data) {
    return AdminResponse.of(request, 0, NvmeStatus.fromStatusField(0), data, null).encode();
  }

  /** An admin fixture: commented hex with {@code XX*N} repetition. */
  private static byte[] admin(String name) {
    try (InputStream in = FuzzSeeds.class.getResourceAsStream("/fixtures/admin/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture admin/" + name);
      }
      StringBuilder hex = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        int hash = line.indexOf('#');
        for (String token : (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+")) {
          int star = token.indexOf('*');
          hex.append(star < 0 ? token : token.substring(0, star).repeat(Integer.parseInt(token.substring(star + 1))));
        }
      }
      return HexFormat.of().parseHex(hex.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
