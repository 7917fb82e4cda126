package dev.nvmemi.mi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.Vectors.Vector;
import dev.nvmemi.mi.command.AsyncEventConfig;
import dev.nvmemi.mi.command.CcsFlag;
import dev.nvmemi.mi.command.CommandEntry;
import dev.nvmemi.mi.command.ConfigGetAsyncEvent;
import dev.nvmemi.mi.command.ConfigGetMctpTransmissionUnit;
import dev.nvmemi.mi.command.ConfigGetSmbusFrequency;
import dev.nvmemi.mi.command.ConfigSetAsyncEvent;
import dev.nvmemi.mi.command.ConfigSetHealthStatusChange;
import dev.nvmemi.mi.command.ConfigSetSmbusFrequency;
import dev.nvmemi.mi.command.ConfigurationGetResponse;
import dev.nvmemi.mi.command.ConfigurationSetResponse;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.ControllerHealthStatusPoll;
import dev.nvmemi.mi.command.ControllerHealthStatusPollResponse;
import dev.nvmemi.mi.command.ControllerInfo;
import dev.nvmemi.mi.command.ControllerList;
import dev.nvmemi.mi.command.MctpTransmissionUnitConfig;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import dev.nvmemi.mi.command.OptionalCommandList;
import dev.nvmemi.mi.command.PciePortData;
import dev.nvmemi.mi.command.PortInfo;
import dev.nvmemi.mi.command.PortType;
import dev.nvmemi.mi.command.RawMiCommand;
import dev.nvmemi.mi.command.ReadDataStructure;
import dev.nvmemi.mi.command.ReadDataStructureResponse;
import dev.nvmemi.mi.command.SmartWarning;
import dev.nvmemi.mi.command.SmbusFrequencyConfig;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatusPoll;
import dev.nvmemi.mi.command.SubsystemHealthStatusPollResponse;
import dev.nvmemi.mi.control.GetState;
import dev.nvmemi.mi.control.GetStateResponse;
import dev.nvmemi.mi.control.ManagementEndpointState;
import dev.nvmemi.mi.event.AeEnable;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AeOccurrence;
import dev.nvmemi.mi.event.AeOccurrenceList;
import dev.nvmemi.mi.event.AeScope;
import dev.nvmemi.mi.event.AsyncEventMessage;
import dev.nvmemi.mi.internal.Mic;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every non-admin vector of the spec's {@code vectors.json}: requests built with the typed records
 * encode to exactly {@code request_hex} (and decode back to the same record); responses decode, in
 * the context of their request, to the {@code expected} fields; malformed responses fail with the
 * stated error kind. The admin vectors belong to the admin tunnel's tests.
 */
class VectorsTest {
  private static final MiHeader MI0 = MiHeader.request(Nmimt.MI_COMMAND, 0);
  private static final MiHeader CP0 = MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 0);

  /** The names this class covers; a vector added to the file without a test fails the build. */
  private static final Set<String> COVERED = Set.of("mic_header_only_example", "mi_read_ds_subsys_info",
      "mi_read_ds_port_info_pcie", "mi_read_ds_ctrl_list", "mi_read_ds_ctrl_info", "mi_read_ds_opt_cmd_list",
      "mi_subsys_health_poll", "mi_subsys_health_poll_clear_status", "mi_ctrl_health_poll_all",
      "mi_config_get_smbus_freq", "mi_config_set_smbus_freq_400k", "mi_config_get_mctp_mtu",
      "mi_config_set_health_status_change", "mi_config_get_async_event", "mi_config_set_async_event_enable",
      "aem_unsolicited", "aem_ack", "mi_error_invalid_opcode", "control_get_state", "bad_mic",
      "short_message", "wrong_ror", "wrong_mctp_type", "nmimt_mismatch", "subsys_info_length_mismatch");

  /**
   * The vectors name two error kinds differently from {@link MiErrorKind} (whose names the issue
   * fixes): the spec's ROR_NOT_RESPONSE is NOT_A_RESPONSE, DATA_LENGTH_MISMATCH is LENGTH_MISMATCH.
   */
  static final Map<String, MiErrorKind> VECTOR_ERROR_NAMES = Map.of(
      "MIC_MISMATCH", MiErrorKind.MIC_MISMATCH, "TOO_SHORT", MiErrorKind.TOO_SHORT,
      "ROR_NOT_RESPONSE", MiErrorKind.NOT_A_RESPONSE, "BAD_MESSAGE_TYPE", MiErrorKind.BAD_MESSAGE_TYPE,
      "NMIMT_MISMATCH", MiErrorKind.NMIMT_MISMATCH, "DATA_LENGTH_MISMATCH", MiErrorKind.LENGTH_MISMATCH);

  private static void assertRequest(Vector v, MiRequest expected) {
    assertThat(Fixtures.hex(expected.encode())).isEqualTo(Fixtures.hex(v.request()));
    assertThat(MiCodec.decodeRequest(v.request())).isEqualTo(expected);
  }

  private static int hexInt(Vector v, String field) {
    return Integer.decode(v.expected().get(field).asText());
  }

  @Test
  void everyNonAdminVectorIsCovered() {
    Set<String> nonAdmin = Vectors.all().keySet().stream().filter(n -> !n.startsWith("admin_"))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(nonAdmin).isEqualTo(new TreeSet<>(COVERED));
  }

  @Test
  void micOfBareHeaderMatchesWorkedExample() {
    Vector v = Vectors.get("mic_header_only_example");
    assertThat(Mic.compute(v.request(), 0, 4)).isEqualTo((int) Long.parseLong("59b48dce", 16));
    assertThat(Mic.verify(v.request())).isTrue();
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(Mic.compute(check, 0, check.length)).isEqualTo((int) Long.decode(v.expected().get("crc32c_check_123456789").asText()).longValue());
    assertThat(MiFrame.encode(MI0, new byte[0])).isEqualTo(v.request());
  }

  @Test
  void readsNvmSubsystemInformation() {
    Vector v = Vectors.get("mi_read_ds_subsys_info");
    ReadDataStructure req = ReadDataStructure.subsystemInfo(MI0);
    assertRequest(v, req);
    ReadDataStructureResponse r = (ReadDataStructureResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(r.header().response()).isTrue();
    assertThat(r.status()).isEqualTo(MiStatus.SUCCESS);
    assertThat(r.rdl()).isEqualTo(32);
    NvmSubsystemInfo info = (NvmSubsystemInfo) r.data();
    assertThat(info.nump()).isEqualTo(1);
    assertThat(info.numberOfPorts()).isEqualTo(2);
    assertThat(info.mjr()).isEqualTo(1);
    assertThat(info.mnr()).isEqualTo(2);
    assertThat(info.nnsc()).isZero();
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void readsPciePortInformation() {
    Vector v = Vectors.get("mi_read_ds_port_info_pcie");
    ReadDataStructure req = ReadDataStructure.portInfo(MI0, 0);
    assertRequest(v, req);
    ReadDataStructureResponse r = (ReadDataStructureResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(r.rdl()).isEqualTo(32);
    PortInfo p = (PortInfo) r.data();
    assertThat(p.prttyp()).isEqualTo(1);
    assertThat(p.portType()).isEqualTo(PortType.PCIE);
    assertThat(p.prtcap()).isZero();
    assertThat(p.mmtus()).isEqualTo(64);
    assertThat(p.mebs()).isZero();
    PciePortData pcie = (PciePortData) p.portData();
    assertThat(pcie.pciemps()).isEqualTo(0);
    assertThat(pcie.maxPayloadSizeBytes()).isEqualTo(128);
    assertThat(pcie.pcieslsv()).isEqualTo(hexInt(v, "pcie.slsv"));
    assertThat(pcie.pciecls()).isEqualTo(1);
    assertThat(pcie.currentLinkSpeedGts()).isEqualTo(2.5);
    assertThat(pcie.pciemlw()).isEqualTo(2);
    assertThat(pcie.pcienlw()).isEqualTo(1);
    assertThat(pcie.pciepn()).isZero();
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void readsControllerList() {
    Vector v = Vectors.get("mi_read_ds_ctrl_list");
    ReadDataStructure req = ReadDataStructure.controllerList(MI0, 0, MiCodecOptions.DEFAULTS);
    assertRequest(v, req);
    ReadDataStructureResponse r = (ReadDataStructureResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(r.rdl()).isEqualTo(6);
    ControllerList l = (ControllerList) r.data();
    assertThat(l.numids()).isEqualTo(2);
    assertThat(l.ids()).containsExactly(1, 4);
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void readsControllerInformation() {
    Vector v = Vectors.get("mi_read_ds_ctrl_info");
    ReadDataStructure req = ReadDataStructure.controllerInfo(MI0, 1);
    assertRequest(v, req);
    ReadDataStructureResponse r = (ReadDataStructureResponse) MiCodec.decodeResponse(v.response(), req);
    ControllerInfo c = (ControllerInfo) r.data();
    assertThat(c.portid()).isZero();
    assertThat(c.pcieRoutingIdValid()).isTrue();
    assertThat(c.pri()).isEqualTo(hexInt(v, "pri"));
    assertThat(c.pciBus()).isEqualTo(hexInt(v, "pci.bus"));
    assertThat(c.pciDevice()).isZero();
    assertThat(c.pciFunction()).isZero();
    assertThat(c.pcivid()).isEqualTo(hexInt(v, "pcivid"));
    assertThat(c.pcidid()).isEqualTo(hexInt(v, "pcidid"));
    assertThat(c.pcisvid()).isEqualTo(hexInt(v, "pcisvid"));
    assertThat(c.pcisdid()).isEqualTo(hexInt(v, "pcisdid"));
    assertThat(c.pciesn()).isZero();
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void readsOptionallySupportedCommandList() {
    Vector v = Vectors.get("mi_read_ds_opt_cmd_list");
    ReadDataStructure req = ReadDataStructure.optionalCommands(MI0, 0);
    assertRequest(v, req);
    ReadDataStructureResponse r = (ReadDataStructureResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(r.rdl()).isEqualTo(6);
    OptionalCommandList l = (OptionalCommandList) r.data();
    assertThat(l.numcmd()).isEqualTo(2);
    assertThat(l.cmds()).containsExactly(new CommandEntry(0x08, 0x05), new CommandEntry(0x10, 0x81));
    assertThat(l.cmds().get(0).nmimt()).isEqualTo(1);
    assertThat(l.cmds().get(1).nmimt()).isEqualTo(2);
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void pollsSubsystemHealthWithoutWarnings() {
    Vector v = Vectors.get("mi_subsys_health_poll");
    SubsystemHealthStatusPoll req = new SubsystemHealthStatusPoll(MI0, false);
    assertRequest(v, req);
    SubsystemHealthStatus h = ((SubsystemHealthStatusPollResponse) MiCodec.decodeResponse(v.response(), req)).nshds();
    assertThat(h.driveFunctional()).isTrue();
    assertThat(h.nssFlags()).containsExactlyInAnyOrder(dev.nvmemi.mi.command.NssFlag.DF,
        dev.nvmemi.mi.command.NssFlag.RNR, dev.nvmemi.mi.command.NssFlag.P0LA);
    assertThat(h.sw()).isEqualTo(0x3f);
    assertThat(h.warningsActive()).isEmpty();
    assertThat(h.ctempCelsius()).isEqualTo(30);
    assertThat(h.pdlu()).isEqualTo(5);
    assertThat(h.ccs()).isZero();
  }

  @Test
  void pollsSubsystemHealthWithClearStatusAndTemperatureWarning() {
    Vector v = Vectors.get("mi_subsys_health_poll_clear_status");
    SubsystemHealthStatusPoll req = new SubsystemHealthStatusPoll(MI0, true);
    assertRequest(v, req);
    SubsystemHealthStatusPollResponse r = (SubsystemHealthStatusPollResponse) MiCodec.decodeResponse(v.response(), req);
    SubsystemHealthStatus h = r.nshds();
    assertThat(h.sw()).isEqualTo(0x3d);
    assertThat(h.warningsActive()).containsExactly(SmartWarning.TAUT);
    assertThat(h.ctempCelsius()).isEqualTo(-10);
    assertThat(h.pdlu()).isEqualTo(38);
    assertThat(h.ccs()).isEqualTo(0x21);
    assertThat(h.ccsFlags()).containsExactlyInAnyOrder(CcsFlag.RDY, CcsFlag.CECO);
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void pollsControllerHealthOfAllControllers() {
    Vector v = Vectors.get("mi_ctrl_health_poll_all");
    ControllerHealthStatusPoll req = new ControllerHealthStatusPoll(MI0, 0, 2, false, false, false, true,
        false, false, false, false, false, false);
    assertRequest(v, req);
    assertThat(req.maxEntries()).isEqualTo(3);
    ControllerHealthStatusPollResponse r = (ControllerHealthStatusPollResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(r.rent()).isEqualTo(1);
    ControllerHealthStatus c = r.chds().get(0);
    assertThat(c.ctlid()).isZero();
    assertThat(c.csts()).isZero();
    assertThat(c.ctemp()).isEqualTo(293);
    assertThat(c.ctempCelsius()).isEqualTo(20);
    assertThat(c.pdlu()).isEqualTo(38);
    assertThat(c.spare()).isEqualTo(100);
    assertThat(c.cwarn()).isZero();
    assertThat(c.chsc()).isZero();
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void getsSmbusFrequency() {
    Vector v = Vectors.get("mi_config_get_smbus_freq");
    ConfigGetSmbusFrequency req = new ConfigGetSmbusFrequency(MI0, 1);
    assertRequest(v, req);
    ConfigurationGetResponse r = (ConfigurationGetResponse) MiCodec.decodeResponse(v.response(), req);
    SmbusFrequencyConfig f = (SmbusFrequencyConfig) r.value();
    assertThat(f.sfreq()).isEqualTo(1);
    assertThat(f.frequencyText()).isEqualTo(v.expected().get("sfreq_text").asText());
    assertThat(f.frequencyHz()).isEqualTo(100_000);
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void setsSmbusFrequencyTo400k() {
    Vector v = Vectors.get("mi_config_set_smbus_freq_400k");
    ConfigSetSmbusFrequency req = new ConfigSetSmbusFrequency(MI0, 1, 2);
    assertRequest(v, req);
    ConfigurationSetResponse r = (ConfigurationSetResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(r.status()).isEqualTo(MiStatus.SUCCESS);
    assertThat(r.aeol()).isNull();
  }

  @Test
  void getsMctpTransmissionUnitSize() {
    Vector v = Vectors.get("mi_config_get_mctp_mtu");
    ConfigGetMctpTransmissionUnit req = new ConfigGetMctpTransmissionUnit(MI0, 1);
    assertRequest(v, req);
    ConfigurationGetResponse r = (ConfigurationGetResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(((MctpTransmissionUnitConfig) r.value()).mtus()).isEqualTo(64);
  }

  @Test
  void setsHealthStatusChangeWithTheContiguousMask() {
    Vector v = Vectors.get("mi_config_set_health_status_change");
    ConfigSetHealthStatusChange req = ConfigSetHealthStatusChange.clearing(MI0, Set.of(CcsFlag.RDY, CcsFlag.CECO),
        MiCodecOptions.HscMaskLayout.CONTIGUOUS);
    assertThat(req.nmd1()).isEqualTo(hexInt(v, "req.nmd1"));
    assertRequest(v, req);
    assertThat(req.clearsCcs()).containsExactlyInAnyOrder(CcsFlag.RDY, CcsFlag.CECO);
    ConfigurationSetResponse r = (ConfigurationSetResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(r.status().code()).isZero();
  }

  @Test
  void getsAsyncEventSupportedList() {
    Vector v = Vectors.get("mi_config_get_async_event");
    ConfigGetAsyncEvent req = new ConfigGetAsyncEvent(MI0);
    assertRequest(v, req);
    ConfigurationGetResponse r = (ConfigurationGetResponse) MiCodec.decodeResponse(v.response(), req);
    AsyncEventConfig c = (AsyncEventConfig) r.value();
    assertThat(c.aesl().numaes()).isEqualTo(2);
    assertThat(c.aesl().aeslver()).isZero();
    assertThat(c.aesl().aestl()).isEqualTo(11);
    assertThat(c.aesl().aeslhl()).isEqualTo(5);
    assertThat(c.aesl().items().get(0).aeid()).isEqualTo(5);
    assertThat(c.aesl().items().get(0).enabled()).isTrue();
    assertThat(c.aesl().items().get(1).aeid()).isEqualTo(6);
    assertThat(c.aesl().items().get(1).enabled()).isFalse();
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void enablesCompositeTemperatureEventAndReadsOccurrences() {
    Vector v = Vectors.get("mi_config_set_async_event_enable");
    ConfigSetAsyncEvent req = new ConfigSetAsyncEvent(MI0, false, false, false, 1, 10,
        AeEnableList.of(List.of(AeEnable.of(6, true))));
    assertRequest(v, req);
    assertThat(req.aeel().aeetl()).isEqualTo(8);
    ConfigurationSetResponse r = (ConfigurationSetResponse) MiCodec.decodeResponse(v.response(), req);
    AeOccurrenceList l = r.aeol();
    assertThat(l.numaeo()).isEqualTo(1);
    assertThat(l.aeoltl()).isEqualTo(17);
    assertThat(l.aeolhl()).isEqualTo(7);
    assertThat(l.aemgn()).isEqualTo(1);
    AeOccurrence o = l.occurrences().get(0);
    assertThat(o.aeoi()).isEqualTo(6);
    assertThat(o.aeocidi()).isZero();
    assertThat(o.scope()).isEqualTo(AeScope.CONTROLLER);
    assertThat(Fixtures.hex(o.aeosi())).isEqualTo("2d");
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void decodesUnsolicitedAsyncEventMessage() {
    Vector v = Vectors.get("aem_unsolicited");
    AsyncEventMessage m = (AsyncEventMessage) MiCodec.decodeUnsolicited(v.response());
    assertThat(v.response()[1] & 0xFF).isEqualTo(hexInt(v, "nmp"));
    assertThat(m.header().nmimt().code()).isEqualTo(5);
    assertThat(m.aeol().numaeo()).isEqualTo(2);
    assertThat(m.aeol().aeoltl()).isEqualTo(27);
    assertThat(m.aeol().aemgn()).isEqualTo(2);
    AeOccurrence o0 = m.aeol().occurrences().get(0);
    AeOccurrence o1 = m.aeol().occurrences().get(1);
    assertThat(o0.aeoi()).isEqualTo(6);
    assertThat(o0.scope()).isEqualTo(AeScope.CONTROLLER);
    assertThat(o0.aeocidi()).isZero();
    assertThat(Fixtures.hex(o0.aeosi())).isEqualTo("50");
    assertThat(o1.aeoi()).isEqualTo(5);
    assertThat(o1.scope()).isEqualTo(AeScope.CONTROLLER);
    assertThat(Fixtures.hex(o1.aeosi())).isEqualTo("02");
    assertThat(m.encode()).isEqualTo(v.response());
  }

  @Test
  void acknowledgesAsyncEventMessage() {
    Vector v = Vectors.get("aem_ack");
    ConfigSetAsyncEvent req = ConfigSetAsyncEvent.acknowledgement(MI0);
    assertRequest(v, req);
    assertThat(req.requestData()).hasSize(5);
    assertThat(req.acknowledgement()).isTrue();
    ConfigurationSetResponse r = (ConfigurationSetResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(r.aeol().numaeo()).isZero();
    assertThat(r.aeol().aeoltl()).isEqualTo(7);
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void reservedOpcodeIsAnsweredWithInvalidCommandOpcode() {
    Vector v = Vectors.get("mi_error_invalid_opcode");
    RawMiCommand req = new RawMiCommand(MI0, 0x0d, 0, 0, new byte[0]);
    assertRequest(v, req);
    MiErrorResponse r = (MiErrorResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(r.status().code()).isEqualTo(3);
    assertThat(r.statusText()).isEqualTo(v.expected().get("status_text").asText());
    assertThat(r.errorLocation()).isNull();
    assertThat(r.encode()).isEqualTo(v.response());
  }

  @Test
  void getsManagementEndpointState() {
    Vector v = Vectors.get("control_get_state");
    GetState req = new GetState(CP0, 7, true);
    assertRequest(v, req);
    assertThat(req.cpsp()).isEqualTo(1);
    GetStateResponse r = (GetStateResponse) MiCodec.decodeResponse(v.response(), req);
    assertThat(r.status().code()).isZero();
    assertThat(r.tag()).isEqualTo(7);
    assertThat(r.cpsr()).isZero();
    assertThat(r.state().slotState()).isEqualTo(ManagementEndpointState.SlotState.IDLE);
    assertThat(r.state().flags()).isEmpty();
    assertThat(r.encode()).isEqualTo(v.response());
  }

  private static void assertMalformed(String name) {
    Vector v = Vectors.get(name);
    MiRequest req = MiCodec.decodeRequest(v.request());
    MiErrorKind kind = VECTOR_ERROR_NAMES.get(v.expected().get("error").asText());
    assertThat(kind).as("error kind named by the vector").isNotNull();
    assertThatThrownBy(() -> MiCodec.decodeResponse(v.response(), req))
        .isInstanceOfSatisfying(MiProtocolException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Test
  void rejectsCorruptedMic() {
    assertMalformed("bad_mic");
  }

  @Test
  void rejectsNineByteMessageAsTooShort() {
    assertMalformed("short_message");
    assertThat(Vectors.get("short_message").expected().get("min_len").asInt()).isEqualTo(MiFrame.MIN_RESPONSE);
  }

  @Test
  void rejectsResponseWithRorClear() {
    assertMalformed("wrong_ror");
  }

  @Test
  void rejectsWrongMctpMessageType() {
    assertMalformed("wrong_mctp_type");
  }

  @Test
  void rejectsNmimtDifferentFromRequest() {
    assertMalformed("nmimt_mismatch");
  }

  @Test
  void nmimtMismatchIsAcceptedWhenNotStrict() {
    Vector v = Vectors.get("nmimt_mismatch");
    MiRequest req = MiCodec.decodeRequest(v.request());
    MiResponse r = MiCodec.decodeResponse(v.response(), req, MiCodecOptions.DEFAULTS.withStrictNmimt(false));
    assertThat(((ReadDataStructureResponse) r).data()).isInstanceOf(NvmSubsystemInfo.class);
  }

  @Test
  void rejectsSubsystemInfoShorterThanRdl() {
    assertMalformed("subsys_info_length_mismatch");
  }

  @Test
  void vectorHexIsWellFormed() {
    assertThat(HexFormat.of().formatHex(Vectors.get("aem_ack").request())).startsWith("8408");
  }
}
