package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiCodec;
import dev.nvmemi.mi.MiErrorKind;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.command.ConfigGetReserved;
import dev.nvmemi.mi.command.ReadDataStructure;
import dev.nvmemi.simulator.SimulatedFleet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code decode} over every known-answer vector of the spec sheet (a copy of
 * {@code shared/spec/vectors.json} in the test resources): the JSON names the spec's fields and
 * carries the vector's expected values; every malformed vector gives its error kind and exit 2.
 */
final class DecodeCommandTest {
  private static Map<String, JsonObject> vectors;

  @BeforeAll
  static void loadVectors() throws IOException {
    try (InputStream in = DecodeCommandTest.class.getResourceAsStream("/vectors.json")) {
      JsonArray arr = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      vectors = new LinkedHashMap<>();
      for (int i = 0; i < arr.size(); i++) {
        JsonObject v = arr.getJsonObject(i);
        vectors.put(v.getString("name"), v);
      }
    }
  }

  /** Runs the command; returns exit status and output. */
  private record Run(int status, String out) {
    JsonObject json() {
      return new JsonObject(out);
    }
  }

  private static Run decode(String... args) {
    StringWriter sw = new StringWriter();
    CommandLine cl = new CommandLine(new DecodeCommand());
    cl.setOut(new PrintWriter(sw));
    int status = cl.execute(args);
    return new Run(status, sw.toString());
  }

  private static Run decodeVector(String name) {
    JsonObject v = vectors.get(name);
    List<String> args = new ArrayList<>(List.of("--compact"));
    if (v.getString("request_hex") != null) {
      args.add("--request");
      args.add(v.getString("request_hex"));
    }
    if (v.getString("response_hex") != null) {
      args.add("--response");
      args.add(v.getString("response_hex"));
    }
    return decode(args.toArray(String[]::new));
  }

  /** Reads a dotted path; numeric segments index arrays. */
  private static Object at(JsonObject doc, String path) {
    Object cur = doc;
    for (String seg : path.split("\\.")) {
      if (cur instanceof JsonObject o) {
        assertThat(o.containsKey(seg)).as("%s has %s (in %s)", path, seg, o).isTrue();
        cur = o.getValue(seg);
      } else if (cur instanceof JsonArray a) {
        cur = a.getValue(Integer.parseInt(seg));
      } else {
        throw new AssertionError("cannot descend into " + cur + " for " + path);
      }
    }
    return cur;
  }

  private static Object hex(String h) {
    return Long.parseLong(h.substring(2), 16);
  }

  /** Vector name → (JSON path → the vector's expected value, in our field names). */
  static Stream<Arguments> expectations() {
    Map<String, Map<String, Object>> e = new LinkedHashMap<>();
    e.put("mi_read_ds_subsys_info", Map.of("request.nmimt", 1, "request.opcode", 0, "request.dtyp", 0,
        "response.ror", 1, "response.status", 0, "response.rdl", 32, "response.data.nump", 1,
        "response.data.numberOfPorts", 2, "response.data.mjr", 1, "response.data.mnr", 2));
    e.put("mi_read_ds_port_info_pcie", Map.of("request.dtyp", 1, "request.portid", 0, "response.rdl", 32,
        "response.data.prttyp", 1, "response.data.mmtus", 64, "response.data.mebs", 0,
        "response.data.portData.pcieslsv", hex("0x3f"), "response.data.portData.pciecls", 1,
        "response.data.portData.pciemlw", 2, "response.data.portData.pcienlw", 1));
    e.put("mi_read_ds_ctrl_list", Map.of("request.dtyp", 2, "request.ctrlid", 0, "response.rdl", 6,
        "response.data.numids", 2, "response.data.ids.0", 1, "response.data.ids.1", 4));
    e.put("mi_read_ds_ctrl_info", Map.of("request.dtyp", 3, "request.ctrlid", 1, "response.data.portid", 0,
        "response.data.pri", hex("0x3b00"), "response.data.pciBus", hex("0x3b"), "response.data.pcivid", hex("0x144d"),
        "response.data.pcidid", hex("0xa80a"), "response.data.pcisvid", hex("0x144d"),
        "response.data.pcisdid", hex("0xa801"), "response.data.pciesn", 0));
    e.put("mi_read_ds_opt_cmd_list", Map.of("request.dtyp", 4, "response.rdl", 6, "response.data.numcmd", 2,
        "response.data.cmds.0.nmimt", 1, "response.data.cmds.0.opc", 5, "response.data.cmds.1.nmimt", 2,
        "response.data.cmds.1.opc", hex("0x81")));
    e.put("mi_subsys_health_poll", Map.of("request.opcode", 1, "request.cs", false, "response.status", 0,
        "response.nshds.sw", hex("0x3f"), "response.nshds.warningsActive", new JsonArray(),
        "response.nshds.ctempCelsius", 30, "response.nshds.pdlu", 5, "response.nshds.ccs", 0));
    e.put("mi_subsys_health_poll_clear_status", Map.of("request.cs", true, "response.nshds.sw", hex("0x3d"),
        "response.nshds.warningsActive", new JsonArray().add("TAUT"), "response.nshds.ctempCelsius", -10,
        "response.nshds.pdlu", 38, "response.nshds.ccs", hex("0x21"),
        "response.nshds.ccsFlags", new JsonArray().add("RDY").add("CECO")));
    e.put("mi_ctrl_health_poll_all", Map.of("request.all", true, "request.maxrent", 2, "request.sctlid", 0,
        "response.rent", 1, "response.chds.0.ctlid", 0, "response.chds.0.ctemp", 293,
        "response.chds.0.ctempCelsius", 20, "response.chds.0.pdlu", 38, "response.chds.0.spare", 100,
        "response.chds.0.chsc", 0));
    e.put("mi_config_get_smbus_freq", Map.of("request.opcode", 4, "request.cid", 1, "request.portid", 1,
        "response.status", 0, "response.value.sfreq", 1, "response.value.frequencyText", "100kHz"));
    e.put("mi_config_set_smbus_freq_400k", Map.of("request.opcode", 3, "request.cid", 1, "request.sfreq", 2,
        "request.portid", 1, "response.status", 0));
    e.put("mi_config_get_mctp_mtu", Map.of("request.cid", 3, "request.portid", 1, "response.value.mtus", 64));
    e.put("mi_config_set_health_status_change", Map.of("request.cid", 2, "request.nmd1", hex("0x11"),
        "request.clearsCcs", new JsonArray().add("RDY").add("CECO"), "response.status", 0));
    e.put("mi_config_get_async_event", Map.of("request.cid", 4, "response.value.aesl.numaes", 2,
        "response.value.aesl.aestl", 11, "response.value.aesl.aeslhl", 5,
        "response.value.aesl.items.0.aeid", 5, "response.value.aesl.items.0.enabled", true,
        "response.value.aesl.items.1.aeid", 6, "response.value.aesl.items.1.enabled", false));
    e.put("mi_config_set_async_event_enable", Map.of("request.cid", 4, "request.aerd", 10, "request.aemd", 1,
        "request.aeel.numaee", 1, "request.aeel.aeetl", 8, "request.aeel.items.0.aeid", 6,
        "response.aeol.numaeo", 1, "response.aeol.aeoltl", 17, "response.aeol.aemgn", 1,
        "response.aeol.occurrences.0.aeoi", 6));
    e.put("aem_unsolicited", Map.of("response.nmimt", 5, "response.aeol.numaeo", 2, "response.aeol.aeoltl", 27,
        "response.aeol.aemgn", 2, "response.aeol.occurrences.0.aeoi", 6, "response.aeol.occurrences.0.aeosi", "50",
        "response.aeol.occurrences.1.aeoi", 5, "response.aeol.occurrences.1.aeosi", "02"));
    e.put("aem_ack", Map.of("request.cid", 4, "request.aeel.numaee", 0, "request.acknowledgement", true,
        "response.status", 0, "response.aeol.numaeo", 0, "response.aeol.aeoltl", 7));
    e.put("admin_identify_ctrl_partial72", Map.of("request.nmimt", 2, "request.opcode", 6, "request.cflgs", 1,
        "request.dlen", 72, "request.cns", 1, "response.cqeDw3", 0, "response.dataLen", 72,
        "response.payload.vid", hex("0x144d"), "response.payload.sn", "S4EWNX0R123456",
        "response.payload.mn", "EXAMPLE NVME SSD 1TB"));
    e.put("admin_get_log_smart", Map.ofEntries(Map.entry("request.opcode", 2), Map.entry("request.nsid", hex("0xffffffff")),
        Map.entry("request.dlen", 512), Map.entry("request.lid", 2), Map.entry("request.numd", 128),
        Map.entry("response.payload.critWarn", 0), Map.entry("response.payload.ctemp", 311),
        Map.entry("response.payload.ctempCelsius", 38), Map.entry("response.payload.avsp", 100),
        Map.entry("response.payload.avspt", 10), Map.entry("response.payload.pused", 3),
        Map.entry("response.payload.dur", 1234567), Map.entry("response.payload.dataReadBytes", 632098304000L),
        Map.entry("response.payload.duw", 2345678), Map.entry("response.payload.pwrc", 57),
        Map.entry("response.payload.poh", 12345), Map.entry("response.payload.unsafeShutdowns", 7),
        Map.entry("response.payload.neile", 3), Map.entry("response.payload.tsen.0", 313)));
    e.put("admin_get_features_temp_threshold", Map.of("request.opcode", hex("0x0a"), "request.fid", 4,
        "request.sel", 0, "response.cqeDw0", hex("0x15f"), "response.payload.tmpth", 351,
        "response.payload.tmpthCelsius", 78));
    e.put("admin_nvme_error_invalid_field", Map.of("response.status", 0, "response.cqeDw3", hex("0x80040000"),
        "response.nvmeStatusField", hex("0x4002"), "response.nvmeStatus.sc", 2, "response.nvmeStatus.sct", 0,
        "response.nvmeStatus.dnr", true));
    e.put("admin_mpr_then_final", Map.of("response.status", 1, "response.mprt", 10, "response.mprtMillis", 1000));
    e.put("mi_error_invalid_opcode", Map.of("response.status", 3, "response.statusName", "Invalid Command Opcode"));
    e.put("control_get_state", Map.of("request.nmimt", 0, "request.opcode", 3, "request.tag", 7,
        "request.cpsp", 1, "response.status", 0, "response.tag", 7, "response.cpsr", 0,
        "response.state.slotState", "IDLE"));
    return e.entrySet().stream().map(x -> Arguments.of(x.getKey(), x.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void decodesVectorToItsExpectedFields(String name, Map<String, Object> expected) {
    Run run = decodeVector(name);
    assertThat(run.status()).as(run.out()).isZero();
    JsonObject doc = run.json();
    expected.forEach((path, value) -> {
      Object actual = at(doc, path);
      if (value instanceof Number n && actual instanceof Number a) {
        assertThat(a.longValue()).as(path).isEqualTo(n.longValue());
      } else {
        assertThat(actual).as(path).isEqualTo(value);
      }
    });
  }

  @Test
  void everyVectorWithAMessageIsCovered() {
    List<String> covered = expectations().map(a -> (String) a.get()[0]).toList();
    List<String> malformed = malformed().map(a -> (String) a.get()[0]).toList();
    List<String> all = new ArrayList<>(vectors.keySet());
    all.remove("mic_header_only_example");
    assertThat(new ArrayList<>(all)).containsExactlyInAnyOrderElementsOf(
        Stream.concat(covered.stream(), malformed.stream()).toList());
  }

  /** The vector's verdict → our {@code error.kind}. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("bad_mic", "MIC_MISMATCH"),
        Arguments.of("short_message", "TOO_SHORT"),
        Arguments.of("wrong_ror", "NOT_A_RESPONSE"),
        Arguments.of("wrong_mctp_type", "BAD_MESSAGE_TYPE"),
        Arguments.of("nmimt_mismatch", "NMIMT_MISMATCH"),
        Arguments.of("subsys_info_length_mismatch", "LENGTH_MISMATCH"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("malformed")
  void rejectsMalformedVectorWithItsKindAndExitStatus2(String name, String kind) {
    Run run = decodeVector(name);
    assertThat(run.status()).isEqualTo(AgentMain.EXIT_USAGE);
    assertThat(run.json().getJsonObject("error").getString("kind")).isEqualTo(kind);
    assertThat(run.json().getJsonObject("error").getString("message")).isNotBlank();
  }

  @Test
  void headerOnlyMicExampleIsNotACommand() {
    Run run = decodeVector("mic_header_only_example");
    assertThat(run.status()).isEqualTo(AgentMain.EXIT_USAGE);
    assertThat(run.json().getJsonObject("error").getString("kind")).isEqualTo("LENGTH_MISMATCH");
  }

  @Test
  void acceptsSpacesAndColonsInHex() {
    Run run = decode("--compact", "--request", "84 08 00 00 01:00:00:00 00 00 00 00 00 00 00 00 d2 d4 77 36");
    assertThat(run.status()).isZero();
    assertThat(at(run.json(), "request.command")).isEqualTo("NVM Subsystem Health Status Poll");
  }

  @Test
  void rejectsNonHexInputAsBadHex() {
    Run run = decode("--compact", "--request", "84 08 zz");
    assertThat(run.status()).isEqualTo(AgentMain.EXIT_USAGE);
    assertThat(run.json().getJsonObject("error").getString("kind")).isEqualTo("BAD_HEX");
  }

  @Test
  void rejectsOddNumberOfHexDigitsAsBadHex() {
    Run run = decode("--compact", "--response", "848");
    assertThat(run.json().getJsonObject("error").getString("kind")).isEqualTo("BAD_HEX");
  }

  @Test
  void requiresAMessage() {
    Run run = decode("--compact");
    assertThat(run.status()).isEqualTo(AgentMain.EXIT_USAGE);
    assertThat(run.json().getJsonObject("error").getString("kind")).isEqualTo("BAD_INPUT");
  }

  @Test
  void fileModePrintsOneDocumentPerPairAndFailsIfAnyLineFails(@TempDir Path dir) throws IOException {
    JsonObject ok = vectors.get("mi_subsys_health_poll");
    JsonObject bad = vectors.get("bad_mic");
    Path f = dir.resolve("pairs.txt");
    Files.writeString(f, "# health poll, then a bad MIC\n"
        + ok.getString("request_hex") + " ; " + ok.getString("response_hex") + "\n\n"
        + bad.getString("request_hex") + " ; " + bad.getString("response_hex") + "  # corrupted\n");
    Run run = decode("--file", f.toString());
    assertThat(run.status()).isEqualTo(AgentMain.EXIT_USAGE);
    String[] lines = run.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(new JsonObject(lines[0]).getInteger("line")).isEqualTo(2);
    assertThat(at(new JsonObject(lines[0]), "response.nshds.ctempCelsius")).isEqualTo(30);
    assertThat(at(new JsonObject(lines[1]), "error.kind")).isEqualTo("MIC_MISMATCH");
  }

  @Test
  void unreadableFileIsBadInput(@TempDir Path dir) {
    Run run = decode("--file", dir.resolve("missing.txt").toString());
    assertThat(run.status()).isEqualTo(AgentMain.EXIT_USAGE);
    assertThat(run.json().getJsonObject("error").getString("kind")).isEqualTo("BAD_INPUT");
  }

  @Test
  void isReachableFromTheMainCommandWithItsExitStatus() {
    JsonObject bad = vectors.get("short_message");
    assertThat(AgentMain.execute("decode", "--compact", "--request", bad.getString("request_hex")))
        .isZero();
    assertThat(AgentMain.execute("decode", "--compact", "--request", bad.getString("request_hex"),
        "--response", bad.getString("response_hex"))).isEqualTo(AgentMain.EXIT_USAGE);
  }

  // ------------------------------------------------ decode as a diagnostic tool (#11 part 4)

  @Test
  void showsARequestWithAReservedDataStructureTypeNamedReservedWithTheEndpointsInvalidParameterAnswer() {
    Run run = decode("--compact", "--request", fixture("rds-reserved-dtyp-request.hex"),
        "--response", fixture("rds-reserved-dtyp-invalid-parameter.hex"));
    assertThat(run.status()).isZero();
    JsonObject doc = run.json();
    assertThat(doc.containsKey("error")).as(doc.encode()).isFalse();
    assertThat(at(doc, "request.command")).isEqualTo("Read NVMe-MI Data Structure");
    assertThat(at(doc, "request.dtyp")).isEqualTo(6);
    assertThat(at(doc, "request.dtypName")).isEqualTo("reserved(0x06)");
    assertThat(at(doc, "request.dataStructureType")).isNull();
    assertThat(at(doc, "response.status")).isEqualTo(4);
    assertThat(at(doc, "response.statusName")).isEqualTo("Invalid Parameter");
    assertThat(at(doc, "response.errorLocation.byteOffset")).isEqualTo(11);
    assertThat(at(doc, "response.errorLocation.bitPosition")).isEqualTo(0);
  }

  @Test
  void theInvalidParameterFixtureIsWhatASpecFaithfulEndpointAnswers() {
    byte[] request = DecodeCommand.parseHex(fixture("rds-reserved-dtyp-request.hex"));
    try (SimulatedFleet fleet = SimulatedFleet.builder().build()) {
      assertThat(HexFormat.of().formatHex(fleet.allEndpoints().get(0).process(request).response()))
          .isEqualTo(fixture("rds-reserved-dtyp-invalid-parameter.hex"));
    }
  }

  @Test
  void aSuccessAnswerToAReservedDataStructureTypeIsStillRejectedWithTheRequestShown() {
    Run run = decode("--compact", "--request", fixture("rds-reserved-dtyp-request.hex"),
        "--response", fixture("rds-success-without-structure.hex"));
    assertThat(run.status()).isEqualTo(AgentMain.EXIT_USAGE);
    JsonObject doc = run.json();
    assertThat(at(doc, "request.dtypName")).isEqualTo("reserved(0x06)");
    assertThat(at(doc, "error.kind")).isEqualTo("INVALID_FIELD");
    assertThat((String) at(doc, "error.message")).contains("reserved data structure type DTYP 0x06");
  }

  @Test
  void theClientPathStillRejectsAMalformedAnswer() {
    // what the agent decodes: the answer in the context of its own (well-formed) request
    ReadDataStructure subsystemInfo = ReadDataStructure.subsystemInfo(MiHeader.request(Nmimt.MI_COMMAND, 0));
    byte[] answer = DecodeCommand.parseHex(fixture("rds-success-without-structure.hex"));
    assertThatThrownBy(() -> MiCodec.decodeResponse(answer, subsystemInfo))
        .isInstanceOfSatisfying(MiProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(MiErrorKind.LENGTH_MISMATCH));
  }

  @Test
  void showsAConfigurationGetWithAReservedIdentifierNamedReserved() {
    byte[] request = MiCodec.encode(new ConfigGetReserved(MiHeader.request(Nmimt.MI_COMMAND, 0), 0x05, 0));
    byte[] answer;
    try (SimulatedFleet fleet = SimulatedFleet.builder().build()) {
      answer = fleet.allEndpoints().get(0).process(request).response();
    }
    Run run = decode("--compact", "--request", HexFormat.of().formatHex(request),
        "--response", HexFormat.of().formatHex(answer));
    assertThat(run.status()).as(run.out()).isZero();
    JsonObject doc = run.json();
    assertThat(at(doc, "request.message")).isEqualTo("ConfigGetReserved");
    assertThat(at(doc, "request.cidName")).isEqualTo("reserved(0x05)");
    assertThat(at(doc, "response.statusName")).isEqualTo("Invalid Parameter");
    assertThat(at(doc, "response.errorLocation.byteOffset")).isEqualTo(8);
  }

  // ------------------------------------------------ NVMe-MI 2.1 / TP6039 names (--mi-revision)

  /** A hand-annotated message fixture: {@code #} comments stripped, hex parsed. */
  private static String fixture(String name) {
    try (InputStream in = DecodeCommandTest.class.getResourceAsStream("/fixtures/decode/" + name)) {
      StringBuilder hex = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int hash = line.indexOf('#');
        hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
      }
      return hex.toString();
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("fixture " + name + " cannot be read", e);
    }
  }

  private static String request(String vector) {
    return vectors.get(vector).getString("request_hex");
  }

  @Test
  void revision21NamesTheCompositeControllerStatusCcsfWithTcidaf() {
    Run run = decode("--compact", "--mi-revision", "2.1", "--request", request("mi_subsys_health_poll"),
        "--response", fixture("nshsp-response-ccsf.hex"));
    assertThat(run.status()).isZero();
    JsonObject nshds = run.json().getJsonObject("response").getJsonObject("nshds");
    assertThat(nshds.getInteger("ccsf")).isEqualTo(0x2000);
    assertThat(nshds.getJsonArray("ccsfFlags")).containsExactly("TCIDAF");
    assertThat(nshds.containsKey("ccs")).isFalse();
    assertThat(nshds.containsKey("ccsFlags")).isFalse();
  }

  @Test
  void earlierRevisionsKeepTheCcsNameAndTcida() {
    for (String rev : new String[] {null, "2.0", "1.2"}) {
      Run run = rev == null
          ? decode("--compact", "--request", request("mi_subsys_health_poll"), "--response", fixture("nshsp-response-ccsf.hex"))
          : decode("--compact", "--mi-revision", rev, "--request", request("mi_subsys_health_poll"),
              "--response", fixture("nshsp-response-ccsf.hex"));
      JsonObject nshds = run.json().getJsonObject("response").getJsonObject("nshds");
      assertThat(nshds.getInteger("ccs")).as("revision %s", rev).isEqualTo(0x2000);
      assertThat(nshds.getJsonArray("ccsFlags")).as("revision %s", rev).containsExactly("TCIDA");
      assertThat(nshds.containsKey("ccsf")).isFalse();
    }
  }

  @Test
  void revision21NamesTheChangedFlagsAtOffset9Chscf() {
    Run run = decode("--compact", "--mi-revision", "2.1", "--request", request("mi_ctrl_health_poll_all"),
        "--response", fixture("chsp-response-chscf.hex"));
    assertThat(run.status()).isZero();
    JsonObject chds = run.json().getJsonObject("response").getJsonArray("chds").getJsonObject(0);
    assertThat(chds.getInteger("chscf")).isEqualTo(0x2200);
    assertThat(chds.getJsonArray("chscfFlags")).containsExactlyInAnyOrder("CTEMP", "TCIDAF");
    assertThat(chds.getInteger("ctempCelsius")).isEqualTo(90);
    Run old = decode("--compact", "--request", request("mi_ctrl_health_poll_all"),
        "--response", fixture("chsp-response-chscf.hex"));
    JsonObject oldChds = old.json().getJsonObject("response").getJsonArray("chds").getJsonObject(0);
    assertThat(oldChds.getInteger("chsc")).isEqualTo(0x2200);
    assertThat(oldChds.getJsonArray("chscFlags")).containsExactlyInAnyOrder("CTEMP", "TCIDA");
  }

  @Test
  void ignoreShutdownIsNamedUnderRevision21Only() {
    Run run = decode("--compact", "--mi-revision", "2.1", "--request", fixture("identify-request-ish.hex"));
    assertThat(run.status()).isZero();
    assertThat(at(run.json(), "request.message")).isEqualTo("Identify");
    assertThat(at(run.json(), "request.cflgs")).isEqualTo(5);
    assertThat(at(run.json(), "request.ish")).isEqualTo(true);
    Run old = decode("--compact", "--request", fixture("identify-request-ish.hex"));
    assertThat(old.json().getJsonObject("request").containsKey("ish")).isFalse();
    assertThat(at(old.json(), "request.cflgs")).isEqualTo(5);
  }

  @Test
  void fileModeReadsLaterLinesUnderTheRevisionTheEndpointReports(@TempDir Path dir) throws IOException {
    // Read NVMe-MI Data Structure / NVM Subsystem Information answered with MJR 2, MNR 1
    String subsysInfo = "84 88 00 00 00 20 00 00 01 02 01 00" + " 00".repeat(28) + " b0 9a ff e5";
    String poll = request("mi_subsys_health_poll") + " ; " + fixture("nshsp-response-ccsf.hex");
    Path f = dir.resolve("session.txt");
    Files.writeString(f, poll + "\n" + request("mi_read_ds_subsys_info") + " ; " + subsysInfo + "\n" + poll + "\n");
    Run run = decode("--file", f.toString());
    assertThat(run.status()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(at(new JsonObject(lines[0]), "response.nshds.ccs")).isEqualTo(0x2000);
    assertThat(at(new JsonObject(lines[1]), "response.data.mjr")).isEqualTo(2);
    assertThat(at(new JsonObject(lines[2]), "response.nshds.ccsf")).isEqualTo(0x2000);
  }

  @Test
  void unknownRevisionIsBadInput() {
    Run run = decode("--compact", "--mi-revision", "9.9", "--request", request("mi_subsys_health_poll"));
    assertThat(run.status()).isEqualTo(AgentMain.EXIT_USAGE);
    assertThat(at(run.json(), "error.kind")).isEqualTo("BAD_INPUT");
    assertThat((String) at(run.json(), "error.message")).contains("9.9");
  }
}
