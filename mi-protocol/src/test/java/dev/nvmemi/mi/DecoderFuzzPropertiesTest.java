package dev.nvmemi.mi;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.ControllerHealthStatusPoll;
import dev.nvmemi.mi.command.DataStructure;
import dev.nvmemi.mi.command.DataStructureType;
import dev.nvmemi.mi.command.MebRead;
import dev.nvmemi.mi.command.MebWrite;
import dev.nvmemi.mi.command.RawMiCommand;
import dev.nvmemi.mi.command.ReadDataStructure;
import dev.nvmemi.mi.command.Reset;
import dev.nvmemi.mi.command.SesReceive;
import dev.nvmemi.mi.command.SesSend;
import dev.nvmemi.mi.command.Shutdown;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatusPoll;
import dev.nvmemi.mi.command.VpdRead;
import dev.nvmemi.mi.command.VpdWrite;
import dev.nvmemi.mi.control.Abort;
import dev.nvmemi.mi.control.GetState;
import dev.nvmemi.mi.control.Pause;
import dev.nvmemi.mi.control.RawControlPrimitive;
import dev.nvmemi.mi.control.Replay;
import dev.nvmemi.mi.control.Resume;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AeOccurrenceList;
import dev.nvmemi.mi.event.AeSupportedList;
import dev.nvmemi.mi.event.AemSession;
import dev.nvmemi.mi.internal.Mic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated frames — bit flips, truncation, extension, byte overwrites, with the MIC
 * recomputed most of the time so that validation goes past the integrity check — never escape any
 * decoder as anything but {@link MiProtocolException}.
 */
class DecoderFuzzPropertiesTest {
  private static final MiHeader MI0 = MiHeader.request(Nmimt.MI_COMMAND, 0);
  private static final MiHeader MI0R = MI0.toResponse();
  private static final MiHeader CP0 = MiHeader.request(Nmimt.CONTROL_PRIMITIVE, 0);

  /** One request of every response-decoding path (each DTYP, CID, command, primitive). */
  private static final List<MiRequest> CONTEXTS = contexts();

  private static final List<byte[]> MESSAGE_SEEDS = messageSeeds();
  private static final List<byte[]> PAYLOAD_SEEDS = payloadSeeds();

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
    return l;
  }

  private static List<byte[]> messageSeeds() {
    List<byte[]> l = new ArrayList<>();
    for (Vectors.Vector v : Vectors.all().values()) {
      if (v.request() != null) {
        l.add(v.request());
      }
      if (v.response() != null) {
        l.add(v.response());
      }
    }
    for (MiRequest r : CONTEXTS) {
      l.add(r.encode());
    }
    for (String f : List.of("aem/two-occurrences.hex", "control/get-state-response.hex", "message/invalid-parameter.hex")) {
      l.add(Fixtures.load(f));
    }
    l.add(MiFrame.encode(MI0R, concat(new byte[] {0, 0, 0, 2}, ControllerHealthStatus.decode(
        Fixtures.load("chds/shutdown-complete.hex")).encode(), Fixtures.load("chds/controller-0.hex"))));
    return l;
  }

  private static List<byte[]> payloadSeeds() {
    List<byte[]> l = new ArrayList<>();
    for (String f : List.of("nshds/temperature-warning.hex", "nshds/sensor-failure.hex", "chds/controller-0.hex",
        "nvm-subsystem-info/two-ports-mi-1-2.hex", "port-info/pcie.hex", "port-info/two-wire.hex",
        "controller-list/two-controllers.hex", "controller-info/pcie-routing.hex", "command-list/optional-two.hex",
        "ae-supported-list/two-events.hex", "ae-enable-list/enable-temperature.hex",
        "ae-occurrence-list/one-temperature.hex")) {
      l.add(Fixtures.load(f));
    }
    return l;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  /**
   * A seed with 1–4 mutations: flip a bit, overwrite a byte, truncate, extend with random bytes,
   * or resize (up to past the 4224-byte limit); then, three times in four, the MIC recomputed.
   */
  private static byte[] mutate(byte[] seed, Random r, boolean reseal) {
    byte[] b = seed.clone();
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n; k++) {
      switch (r.nextInt(5)) {
        case 0:
          if (b.length > 0) {
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
          }
          break;
        case 1:
          if (b.length > 0) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
          }
          break;
        case 2:
          b = Arrays.copyOf(b, r.nextInt(b.length + 1));
          break;
        case 3: {
          byte[] extra = new byte[1 + r.nextInt(48)];
          r.nextBytes(extra);
          b = concat(b, extra);
          break;
        }
        default:
          b = Arrays.copyOf(b, 1 + r.nextInt(4300));
          break;
      }
    }
    if (reseal && r.nextInt(4) != 0 && b.length >= Mic.LENGTH) {
      Mic.seal(b);
    }
    return b;
  }

  private static byte[] randomBytes(Random r, int max) {
    byte[] b = new byte[r.nextInt(max + 1)];
    r.nextBytes(b);
    return b;
  }

  /** A sealed message with a plausible header and random body. */
  private static byte[] plausible(Random r) {
    int[] b1 = {0x00, 0x08, 0x09, 0x10, 0x28, 0x80, 0x88, 0x89, 0x90};
    byte[] m = concat(new byte[] {(byte) 0x84, (byte) b1[r.nextInt(b1.length)], 0, 0}, randomBytes(r, 120), new byte[4]);
    Mic.seal(m);
    return m;
  }

  @Provide
  Arbitrary<byte[]> frames() {
    return Arbitraries.randomValue(r -> {
      int pick = r.nextInt(10);
      if (pick == 0) {
        return randomBytes(r, 300);
      }
      if (pick <= 2) {
        return plausible(r);
      }
      return mutate(MESSAGE_SEEDS.get(r.nextInt(MESSAGE_SEEDS.size())), r, true);
    });
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    return Arbitraries.randomValue(r -> r.nextInt(5) == 0 ? randomBytes(r, 120)
        : mutate(PAYLOAD_SEEDS.get(r.nextInt(PAYLOAD_SEEDS.size())), r, false));
  }

  @Provide
  Arbitrary<MiRequest> contextsArb() {
    return Arbitraries.of(CONTEXTS).dontShrink();
  }

  private static void onlyProtocolErrors(Runnable decode) {
    try {
      decode.run();
    } catch (MiProtocolException expected) {
      assertThat(expected.kind()).isNotNull();
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 10_000)
  void requestDecoderThrowsOnlyProtocolExceptions(@ForAll("frames") byte[] msg) {
    onlyProtocolErrors(() -> MiCodec.decodeRequest(msg));
  }

  @Property(tries = 10_000)
  void responseDecoderThrowsOnlyProtocolExceptions(@ForAll("frames") byte[] msg, @ForAll("contextsArb") MiRequest request) {
    onlyProtocolErrors(() -> MiCodec.decodeResponse(msg, request));
  }

  @Property(tries = 10_000)
  void unsolicitedDecoderThrowsOnlyProtocolExceptions(@ForAll("frames") byte[] msg) {
    onlyProtocolErrors(() -> MiCodec.decodeUnsolicited(msg));
    AemSession s = new AemSession();
    s.apply(AeEnableList.of(List.of(dev.nvmemi.mi.event.AeEnable.of(5, true), dev.nvmemi.mi.event.AeEnable.of(6, true))));
    onlyProtocolErrors(() -> s.acceptMessage(msg));
  }

  private static final List<Consumer<byte[]>> STRUCTURE_DECODERS = structureDecoders();

  private static List<Consumer<byte[]>> structureDecoders() {
    List<Consumer<byte[]>> l = new ArrayList<>();
    for (DataStructureType t : DataStructureType.values()) {
      l.add(d -> DataStructure.decode(t, d));
    }
    l.add(SubsystemHealthStatus::decode);
    l.add(ControllerHealthStatus::decode);
    l.add(AeEnableList::decode);
    l.add(AeSupportedList::decode);
    l.add(AeOccurrenceList::decode);
    l.add(d -> AeOccurrenceList.decode(d, Set.of(6)));
    return l;
  }

  @Property(tries = 10_000)
  void structureDecodersThrowOnlyProtocolExceptions(@ForAll("payloads") byte[] data) {
    for (Consumer<byte[]> decoder : STRUCTURE_DECODERS) {
      onlyProtocolErrors(() -> decoder.accept(data));
    }
  }
}
