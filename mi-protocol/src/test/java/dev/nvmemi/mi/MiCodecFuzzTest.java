package dev.nvmemi.mi;

import static dev.nvmemi.mi.FuzzTargets.asIsAndResealed;
import static dev.nvmemi.mi.FuzzTargets.onlyProtocolErrors;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nvmemi.mi.admin.AdminCommand;
import dev.nvmemi.mi.admin.AdminOptions;
import dev.nvmemi.mi.admin.FeatureId;
import dev.nvmemi.mi.admin.GetFeatures;
import dev.nvmemi.mi.admin.GetLogPage;
import dev.nvmemi.mi.admin.Identify;
import dev.nvmemi.mi.admin.SetFeatures;
import dev.nvmemi.mi.command.ConfigGetAsyncEvent;
import dev.nvmemi.mi.command.ConfigGetHealthStatusChange;
import dev.nvmemi.mi.command.ConfigGetMctpTransmissionUnit;
import dev.nvmemi.mi.command.ConfigGetSmbusFrequency;
import dev.nvmemi.mi.command.ConfigGetVendor;
import dev.nvmemi.mi.command.ConfigSetAsyncEvent;
import dev.nvmemi.mi.command.ConfigSetHealthStatusChange;
import dev.nvmemi.mi.command.ConfigSetMctpTransmissionUnit;
import dev.nvmemi.mi.command.ConfigSetSmbusFrequency;
import dev.nvmemi.mi.command.ConfigSetVendor;
import dev.nvmemi.mi.command.ControllerHealthStatusPoll;
import dev.nvmemi.mi.command.MebRead;
import dev.nvmemi.mi.command.MebWrite;
import dev.nvmemi.mi.command.RawMiCommand;
import dev.nvmemi.mi.command.ReadDataStructure;
import dev.nvmemi.mi.command.Reset;
import dev.nvmemi.mi.command.SesReceive;
import dev.nvmemi.mi.command.SesSend;
import dev.nvmemi.mi.command.Shutdown;
import dev.nvmemi.mi.command.SubsystemHealthStatusPoll;
import dev.nvmemi.mi.command.VpdRead;
import dev.nvmemi.mi.command.VpdWrite;
import dev.nvmemi.mi.control.Abort;
import dev.nvmemi.mi.control.GetState;
import dev.nvmemi.mi.control.Pause;
import dev.nvmemi.mi.control.RawControlPrimitive;
import dev.nvmemi.mi.control.Replay;
import dev.nvmemi.mi.control.Resume;
import dev.nvmemi.mi.event.AeEnable;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AemSession;
import dev.nvmemi.mi.internal.Mic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets (Jazzer) for the codec facade: any bytes given to {@link MiCodec}'s request,
 * response and unsolicited decoders leave them only as a decoded record or a
 * {@link MiProtocolException}. Each build runs them over the committed corpus in
 * {@code MiCodecFuzzTestInputs/<method>/} (the shared vectors and every finding); FUZZING.md says
 * how to fuzz them.
 *
 * <p>Thread: the JUnit test thread (libFuzzer's when fuzzing).
 */
@Timeout(value = FuzzTargets.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MiCodecFuzzTest {
  private static final MiHeader MI0 = MiHeader.request(Nmimt.MI_COMMAND, 0);
  private static final MiHeader CP0 = MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 0);

  /**
   * One request of every response-decoding path (each DTYP, configuration identifier, command,
   * primitive, typed admin command): the context of a response whose request bytes do not decode.
   */
  static final List<MiRequest> CONTEXTS = contexts();

  private static List<MiRequest> contexts() {
    List<MiRequest> l = new ArrayList<>();
    for (int dtyp = 0; dtyp <= 6; dtyp++) {
      l.add(new ReadDataStructure(MI0, dtyp, 0, 0, 0));
    }
    l.add(new SubsystemHealthStatusPoll(MI0, false));
    l.add(ControllerHealthStatusPoll.all(MI0, 0, 1));
    l.add(ControllerHealthStatusPoll.all(MI0, 0, 256));
    l.add(new ConfigGetSmbusFrequency(MI0, 1));
    l.add(new ConfigGetHealthStatusChange(MI0));
    l.add(new ConfigGetMctpTransmissionUnit(MI0, 1));
    l.add(new ConfigGetAsyncEvent(MI0));
    l.add(new ConfigGetVendor(MI0, 0xC0, 0));
    l.add(new ConfigSetSmbusFrequency(MI0, 1, 2));
    l.add(new ConfigSetHealthStatusChange(MI0, 0x11));
    l.add(new ConfigSetMctpTransmissionUnit(MI0, 1, 64));
    l.add(ConfigSetAsyncEvent.acknowledgement(MI0));
    l.add(new ConfigSetVendor(MI0, 0xC1, 0, new byte[0]));
    l.add(new VpdRead(MI0, 0, 16));
    l.add(VpdWrite.of(MI0, 0, new byte[4]));
    l.add(new Reset(MI0, 0));
    l.add(new SesReceive(MI0, 0, 0));
    l.add(new SesSend(MI0, 0, 0, new byte[0]));
    l.add(new MebRead(MI0, 0, 8));
    l.add(MebWrite.of(MI0, 0, new byte[2]));
    l.add(new Shutdown(MI0, 0));
    l.add(new RawMiCommand(MI0, 0x0D, 0, 0, new byte[0]));
    l.add(new Pause(CP0, 0));
    l.add(new Resume(CP0, 0));
    l.add(new Abort(CP0, 7));
    l.add(new GetState(CP0, 7, true));
    l.add(new Replay(CP0, 0, 1));
    l.add(new RawControlPrimitive(CP0, 0xF0, 0, 0));
    l.add(Identify.probe(0, 0));
    l.add(Identify.controller(0, 0));
    l.add(Identify.of(0, 0, Identify.CNS_CONTROLLER_LIST, 0, 0, 0, 0, 0, AdminOptions.DEFAULTS));
    l.add(Identify.of(0, 0, Identify.CNS_ACTIVE_NAMESPACE_LIST, 0, 0, 0, 0, 0, AdminOptions.DEFAULTS));
    l.add(GetLogPage.smartHealth(0, 0));
    l.add(GetLogPage.of(0, 0, GetLogPage.NSID_ALL, GetLogPage.LID_ERROR_INFORMATION, 0, false, 0, 0, 0, false, 0,
        4096, AdminOptions.DEFAULTS));
    l.add(GetFeatures.temperatureThreshold(0, 0, 0, 0, 0));
    l.add(GetFeatures.of(0, 0, FeatureId.TIMESTAMP, 0, 0, 0, 0,
        AdminOptions.DEFAULTS.withFeaturesDataLength(AdminOptions.FeaturesDataLength.LIBNVME_ZERO)));
    l.add(GetFeatures.of(0, 0, FeatureId.NUMBER_OF_QUEUES, 0, 0, 0, 0, AdminOptions.DEFAULTS));
    l.add(SetFeatures.of(0, 0, FeatureId.NUMBER_OF_QUEUES, false, 0, 0x00030003, 0, 0, 0, 0, new byte[0],
        AdminOptions.DEFAULTS));
    l.add(AdminCommand.of(0, 0, 0xC2));
    l.add(GetLogPage.ocp(0, 0, GetLogPage.LID_OCP_SMART_EXTENDED, 0));
    l.add(GetLogPage.ocp(0, 0, GetLogPage.LID_OCP_LATENCY_MONITOR, 0));
    l.add(Identify.uuidList(0, 0));
    return List.copyOf(l);
  }

  /**
   * Request decoding, as an endpoint sees requests (§11.1 steps 1–3, then each family's rules); a
   * request that decodes re-encodes to bytes that decode to the same record.
   */
  @FuzzTest
  void decodeRequest(byte[] msg) {
    asIsAndResealed(msg, m -> onlyProtocolErrors(() -> {
      MiRequest r = MiCodec.decodeRequest(m);
      assertThat(MiCodec.decodeRequest(r.encode())).isEqualTo(r);
    }));
  }

  /**
   * Response decoding in the context of a request: the input is a request and a response
   * ({@link FuzzTargets#split}); when the request bytes do not decode, one of {@link #CONTEXTS}
   * (chosen by their hash) stands in.
   */
  @FuzzTest
  void decodeResponse(byte[] input) {
    byte[][] parts = FuzzTargets.split(input);
    MiRequest request = contextFor(parts[0]);
    asIsAndResealed(parts[1], m -> onlyProtocolErrors(() -> MiCodec.decodeResponse(m, request)));
  }

  private static MiRequest contextFor(byte[] requestBytes) {
    byte[] sealed = requestBytes.clone();
    if (sealed.length >= Mic.LENGTH) {
      Mic.seal(sealed);
    }
    try {
      return MiCodec.decodeRequest(sealed);
    } catch (MiProtocolException e) {
      return CONTEXTS.get(Math.floorMod(Arrays.hashCode(requestBytes), CONTEXTS.size()));
    }
  }

  /** Endpoint-originated messages: the stateless AEM decoder and a session with AE 05h and 06h enabled. */
  @FuzzTest
  void decodeUnsolicited(byte[] msg) {
    AemSession session = new AemSession();
    session.apply(AeEnableList.of(List.of(AeEnable.of(5, true), AeEnable.of(6, true))));
    asIsAndResealed(msg, m -> {
      onlyProtocolErrors(() -> MiCodec.decodeUnsolicited(m));
      onlyProtocolErrors(() -> session.acceptMessage(m));
    });
  }
}
