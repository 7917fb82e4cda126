package dev.nvmemi.mi.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.NvmeStatus;
import dev.nvmemi.mi.internal.Mic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Random and mutated admin frames (bit flips, truncation, extension, MIC recomputed so that
 * validation goes deeper than the integrity check) never escape the codec as anything but a
 * {@link MiProtocolException}; whatever decodes re-encodes without loss.
 */
class AdminPropertiesTest {

  private static final int TRIES = 10_000;
  private static final MiCodecOptions O = MiCodecOptions.DEFAULTS;

  /** Requests whose responses have typed decoders, plus a generic vendor command. */
  private static final List<AdminRequest> REQUESTS = List.of(
      Identify.probe(0, 0),
      Identify.controller(0, 0),
      Identify.of(0, 0, Identify.CNS_CONTROLLER_LIST, 0, 0, 0, 0, 0, AdminOptions.DEFAULTS),
      Identify.of(0, 0, Identify.CNS_ACTIVE_NAMESPACE_LIST, 0, 0, 0, 0, 0, AdminOptions.DEFAULTS),
      GetLogPage.smartHealth(0, 0),
      GetLogPage.of(0, 0, GetLogPage.NSID_ALL, GetLogPage.LID_ERROR_INFORMATION, 0, false, 0, 0, 0, false, 0, 4096,
          AdminOptions.DEFAULTS),
      GetFeatures.temperatureThreshold(0, 0, 0, 0, 0),
      GetFeatures.of(0, 0, FeatureId.TIMESTAMP, 0, 0, 0, 0,
          AdminOptions.DEFAULTS.withFeaturesDataLength(AdminOptions.FeaturesDataLength.LIBNVME_ZERO)),
      GetFeatures.of(0, 0, FeatureId.NUMBER_OF_QUEUES, 0, 0, 0, 0, AdminOptions.DEFAULTS),
      SetFeatures.of(0, 0, FeatureId.NUMBER_OF_QUEUES, false, 0, 0x00030003, 0, 0, 0, 0, new byte[0],
          AdminOptions.DEFAULTS),
      AdminCommand.of(0, 0, 0xC2));

  /** Valid responses to mutate: the shared vectors and full-size structures. */
  private static final List<byte[]> VALID_RESPONSES = List.of(
      AdminFixtures.vectorResponse("admin_identify_ctrl_partial72"),
      AdminFixtures.vectorResponse("admin_get_log_smart"),
      AdminFixtures.vectorResponse("admin_get_features_temp_threshold"),
      AdminFixtures.vectorResponse("admin_nvme_error_invalid_field"),
      AdminFixtures.vectorResponse("admin_mpr_then_final"),
      AdminFixtures.adminSuccess(AdminFixtures.load("identify-controller.hex")),
      AdminFixtures.adminSuccess(AdminFixtures.load("smart-log.hex")),
      AdminFixtures.adminSuccess(new ErrorLog(List.of(ErrorLogEntry.decode(new byte[64], 0))).encode()));

  /** Valid requests to mutate. */
  private static final List<byte[]> VALID_REQUESTS = List.of(
      AdminFixtures.vectorRequest("admin_identify_ctrl_partial72"),
      AdminFixtures.vectorRequest("admin_get_log_smart"),
      AdminFixtures.vectorRequest("admin_get_features_temp_threshold"),
      SetFeatures.of(0, 0, FeatureId.TIMESTAMP, true, 0, 0, 0, 0, 0, 0, new byte[8], AdminOptions.DEFAULTS).encode(),
      SecuritySend.of(1, 2, 1, 0xEF, 0x10, 0, new byte[32], AdminOptions.DEFAULTS).encode(),
      NamespaceAttachment.of(0, 0, 1, 0, List.of(1, 2), AdminOptions.DEFAULTS).encode(),
      FirmwareImageDownload.of(0, 0, 4096, new byte[64], AdminOptions.DEFAULTS).encode(),
      Sanitize.of(0, 0, 2, false, 0, false, true, 0).encode());

  // ---- responses ----

  @Property(tries = TRIES)
  void randomAdminResponseBodiesOnlyFailAsProtocolErrors(@ForAll("responseBodies") byte[] body,
      @ForAll @IntRange(min = 0, max = 10) int requestIndex) {
    byte[] msg = new byte[4 + body.length + 4];
    msg[0] = (byte) 0x84;
    msg[1] = (byte) 0x90;
    System.arraycopy(body, 0, msg, 4, body.length);
    Mic.seal(msg);
    decodeResponseQuietly(REQUESTS.get(requestIndex), msg);
  }

  @Property(tries = TRIES)
  void mutatedAdminResponsesOnlyFailAsProtocolErrors(@ForAll("mutatedResponses") byte[] msg,
      @ForAll @IntRange(min = 0, max = 10) int requestIndex) {
    decodeResponseQuietly(REQUESTS.get(requestIndex), msg);
  }

  private static void decodeResponseQuietly(AdminRequest request, byte[] msg) {
    try {
      MiResponse r = AdminCodec.decodeResponse(MiFrame.parseResponse(msg, request.header(), O), request, O);
      assertThat(r).isNotNull();
      if (r instanceof AdminResponse a) {
        // whatever decodes re-encodes to the same message (reserved bytes 5-7 aside)
        byte[] canonical = msg.clone();
        canonical[1] &= (byte) ~0x06; // reserved header bits 2:1 are not kept
        canonical[2] &= 0x03;
        canonical[3] = 0;
        canonical[5] = 0;
        canonical[6] = 0;
        canonical[7] = 0;
        Mic.seal(canonical);
        assertThat(a.encode()).isEqualTo(canonical);
      }
    } catch (MiProtocolException expected) {
      assertThat(expected.kind()).isNotNull();
    }
  }

  // ---- requests ----

  @Property(tries = TRIES)
  void randomAdminRequestsOnlyFailAsProtocolErrorsAndReencodeExactly(@ForAll("requestBodies") byte[] body,
      @ForAll boolean slot1, @ForAll @IntRange(min = 0, max = 3) int mebCiap) {
    byte[] msg = new byte[4 + body.length + 4];
    msg[0] = (byte) 0x84;
    msg[1] = (byte) (slot1 ? 0x11 : 0x10);
    msg[2] = (byte) mebCiap;
    System.arraycopy(body, 0, msg, 4, body.length);
    Mic.seal(msg);
    decodeRequestQuietly(msg, true);
  }

  @Property(tries = TRIES)
  void mutatedAdminRequestsOnlyFailAsProtocolErrors(@ForAll("mutatedRequests") byte[] msg) {
    decodeRequestQuietly(msg, false);
  }

  private static void decodeRequestQuietly(byte[] msg, boolean canonicalHeader) {
    try {
      AdminRequest r = AdminCodec.decodeRequest(MiFrame.parseRequest(msg));
      if (canonicalHeader) {
        assertThat(r.encode()).isEqualTo(msg);
      } else {
        assertThat(AdminCodec.decodeRequest(MiFrame.parseRequest(r.encode()))).isEqualTo(r);
      }
    } catch (MiProtocolException expected) {
      assertThat(expected.kind()).isNotNull();
    }
  }

  @Property(tries = TRIES)
  void typedRequestsSurviveTheWire(@ForAll @IntRange(min = 0, max = 0xFFFF) int ctlid,
      @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long nsid, @ForAll @IntRange(min = 0, max = 0xFF) int b8,
      @ForAll @IntRange(min = 0, max = 0xFFFF) int w16, @ForAll @IntRange(min = 0, max = 0x7F) int b7,
      @ForAll boolean flag, @ForAll long any64, @ForAll @IntRange(min = 1, max = 1024) int dwords) {
    MiHeader h = MiHeader.request(Nmimt.ADMIN_COMMAND, flag ? 1 : 0);
    long u32 = any64 & 0xFFFFFFFFL;
    List<AdminRequest> requests = List.of(
        new Identify(h, ctlid, b8, nsid, b8, w16, w16 ^ 0x5A5A, b8 ^ 0x33, b7, u32, u32 >>> 3),
        new GetLogPage(h, ctlid, b8, nsid, b8, b7, flag, dwords, w16, any64, b7, !flag, b8, u32, dwords * 4L),
        new GetFeatures(h, ctlid, b8, nsid, b8, b8 & 7, u32, b7, 0, u32 & 0xFFF),
        new SetFeatures(h, ctlid, 1, nsid, b8, flag, u32, u32 ^ 1, u32 ^ 2, b7, u32 ^ 3, 0, 4, new byte[] {1, 2, 3, 4}),
        new SecurityReceive(h, ctlid, 1, nsid, b8, w16, b8 ^ 1, u32, 0, u32 & 0xFFF),
        new FirmwareCommit(h, ctlid, b8, b8 & 7, b7 & 7, flag),
        new FormatNvm(h, ctlid, b8, nsid, b8 & 0xF, flag, b7 & 7, !flag, (b8 >>> 4) & 7, w16 & 3),
        new Sanitize(h, ctlid, b8, b8 & 7, flag, b7 & 0xF, !flag, flag, u32),
        new NamespaceManagement(h, ctlid, b8, nsid, b8 & 0xF, b7, 0, 8, new byte[8]),
        new FirmwareImageDownload(h, ctlid, b8, dwords, u32, 0, 12, new byte[12]));
    for (AdminRequest r : requests) {
      assertThat(AdminCodec.decodeRequest(MiFrame.parseRequest(r.encode()))).as(r.commandName()).isEqualTo(r);
    }
  }

  @Property(tries = TRIES)
  void genericCommandsNeverLoseAFieldWhenTyped(@ForAll("opcodes") int opcode, @ForAll long a, @ForAll long b,
      @ForAll @IntRange(min = 0, max = 4) int zeroMask) {
    long d1 = a & 0xFFFFFFFFL;
    long d10 = (zeroMask & 1) != 0 ? 0 : (a >>> 32);
    long d11 = (zeroMask & 2) != 0 ? 0 : b & 0xFFFFFFFFL;
    long d14 = (zeroMask & 4) != 0 ? 0 : b >>> 32;
    AdminCommand c = new AdminCommand(MiHeader.request(Nmimt.ADMIN_COMMAND, 0), opcode, (int) (b & 3), 0, d1, 0, 0, 0,
        0, 0, 0, 0, 0, d10, d11, 0, 0, d14, 0, new byte[0]);
    assertThat(AdminCodec.typed(c).toCommand()).isEqualTo(c);
  }

  // ---- structures ----

  @Property(tries = TRIES)
  void randomSmartLogsDecodeAndRoundTrip(@ForAll("bytes512") byte[] data) {
    SmartLog s = SmartLog.decode(data);
    assertThat(SmartLog.decode(s.encode())).isEqualTo(s);
  }

  @Property(tries = TRIES)
  void randomIdentifyControllersDecodeOrFailAsProtocolErrors(@ForAll("identifyBytes") byte[] data) {
    try {
      IdentifyController c = IdentifyController.decode(data);
      assertThat(IdentifyController.decode(c.encode())).isEqualTo(c);
    } catch (MiProtocolException expected) {
      assertThat(expected.kind()).isNotNull();
    }
  }

  @Property(tries = TRIES)
  void randomListsAndLogsDecodeOrFailAsProtocolErrors(@ForAll("bytes4096") byte[] data,
      @ForAll @IntRange(min = 0, max = 4096) int cut) {
    byte[] part = Arrays.copyOf(data, cut);
    for (Runnable r : List.<Runnable>of(
        () -> assertThat(ErrorLog.decode(ErrorLog.decode(part).encode())).isEqualTo(ErrorLog.decode(part)),
        () -> assertThat(ControllerIdList.decode(ControllerIdList.decode(part).encode()))
            .isEqualTo(ControllerIdList.decode(part)),
        () -> assertThat(NamespaceIdList.decode(NamespaceIdList.decode(part).encode()))
            .isEqualTo(NamespaceIdList.decode(part)),
        () -> assertThat(Timestamp.decode(Timestamp.decode(part).encode())).isEqualTo(Timestamp.decode(part)),
        () -> IdentifyControllerSummary.decode(part))) {
      try {
        r.run();
      } catch (MiProtocolException expected) {
        assertThat(expected.kind()).isNotNull();
      }
    }
  }

  @Property(tries = TRIES)
  void responsesBuiltByTheEncoderDecodeToThemselves(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long dw0,
      @ForAll @IntRange(min = 0, max = 0x7FFF) int status, @ForAll("bytes4096") byte[] data,
      @ForAll @IntRange(min = 0, max = 4096) int len) {
    AdminCommand generic = new AdminCommand(MiHeader.request(Nmimt.ADMIN_COMMAND, 0), 0xC2, 1, 0, 0, 0, 0, 0, 0, 0,
        4096, 0, 0, 0, 0, 0, 0, 0, 0, new byte[0]);
    AdminResponse r = AdminResponse.of(generic, dw0, NvmeStatus.fromStatusField(status), Arrays.copyOf(data, len), null);
    MiResponse decoded = AdminCodec.decodeResponse(MiFrame.parseResponse(r.encode(), generic.header(), O), generic, O);
    assertThat(decoded).isEqualTo(r);
  }

  // ---- generators ----

  /** Random bytes of a length in [min, max]: generated from a seed (jqwik's per-byte generation is slow). */
  private static Arbitrary<byte[]> randomBytes(int min, int max) {
    return Combinators.combine(Arbitraries.integers().between(min, max), Arbitraries.longs()).as((len, seed) -> {
      byte[] b = new byte[len];
      new Random(seed).nextBytes(b);
      return b;
    });
  }

  @Provide
  Arbitrary<byte[]> responseBodies() {
    return Arbitraries.oneOf(randomBytes(0, 40), randomBytes(16, 600), randomBytes(4000, 4216))
        .map(b -> {
          if (b.length > 0 && b.length % 3 == 0) {
            b[0] = 0; // success status more often, so decoding reaches step 7
          }
          return b;
        });
  }

  @Provide
  Arbitrary<byte[]> requestBodies() {
    return Arbitraries.oneOf(randomBytes(0, 80), randomBytes(64, 200))
        .map(b -> {
          if (b.length >= 64 && b.length % 2 == 0) {
            // mostly plausible: DLEN = data length, zero reserved dwords, a known opcode
            int[] ops = {0x02, 0x06, 0x09, 0x0A, 0x0D, 0x10, 0x11, 0x15, 0x80, 0x81, 0x82, 0x84};
            b[0] = (byte) ops[(b[1] & 0xFF) % ops.length];
            AdminFixtures.putLe32(b, 28, b.length - 64);
            Arrays.fill(b, 8, 24, (byte) 0);
            Arrays.fill(b, 32, 40, (byte) 0);
          }
          return b;
        });
  }

  @Provide
  Arbitrary<byte[]> mutatedResponses() {
    return mutations(VALID_RESPONSES);
  }

  @Provide
  Arbitrary<byte[]> mutatedRequests() {
    return mutations(VALID_REQUESTS);
  }

  private static Arbitrary<byte[]> mutations(List<byte[]> bases) {
    return Combinators.combine(Arbitraries.integers().between(0, bases.size() - 1),
            Arbitraries.integers().between(0, 3), Arbitraries.longs(), Arbitraries.of(true, true, false))
        .as((index, kind, seed, reseal) -> mutate(bases.get(index), kind, new Random(seed), reseal));
  }

  private static byte[] mutate(byte[] base, int kind, Random rnd, boolean reseal) {
    byte[] m;
    switch (kind) {
      case 0: { // bit flips
        m = base.clone();
        int flips = 1 + rnd.nextInt(8);
        for (int i = 0; i < flips; i++) {
          int bit = rnd.nextInt(m.length * 8);
          m[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        break;
      }
      case 1: // truncation
        m = Arrays.copyOf(base, rnd.nextInt(base.length + 1));
        break;
      case 2: { // extension with random bytes
        int extra = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 4300);
        m = Arrays.copyOf(base, base.length + extra);
        for (int i = base.length; i < m.length; i++) {
          m[i] = (byte) rnd.nextInt(256);
        }
        break;
      }
      default: { // field rewrite: a random little-endian dword in the fixed part
        m = base.clone();
        int off = 4 + rnd.nextInt(Math.max(1, Math.min(m.length, 68) - 8));
        List<Integer> values = new ArrayList<>(List.of(0, 0xFFFFFFFF, 4096, 4097, 72, 0x1000_0000, rnd.nextInt()));
        AdminFixtures.putLe32(m, off, values.get(rnd.nextInt(values.size())));
        break;
      }
    }
    return reseal ? AdminFixtures.resealed(m) : m;
  }

  @Provide
  Arbitrary<byte[]> bytes512() {
    return randomBytes(512, 512);
  }

  @Provide
  Arbitrary<byte[]> bytes4096() {
    return randomBytes(4096, 4096);
  }

  /** 4096 random bytes whose SUBNQN is, half of the time, printable ASCII so decoding goes all the way. */
  @Provide
  Arbitrary<byte[]> identifyBytes() {
    return randomBytes(4096, 4096).map(b -> {
      if ((b[0] & 1) == 0) {
        int len = (b[1] & 0xFF);
        for (int i = 0; i < 256; i++) {
          b[768 + i] = i < len ? (byte) (0x21 + (b[768 + i] & 0x3F)) : 0;
        }
      }
      return b;
    });
  }

  @Provide
  Arbitrary<Integer> opcodes() {
    return Arbitraries.oneOf(Arbitraries.of(0x02, 0x06, 0x09, 0x0A, 0x0D, 0x10, 0x11, 0x15, 0x80, 0x81, 0x82, 0x84),
        Arbitraries.integers().between(0, 255));
  }
}
