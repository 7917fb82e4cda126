package dev.nvmemi.mi.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.Gen;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiFrame;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.NvmeStatus;
import dev.nvmemi.mi.internal.Mic;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Admin commands, responses and structures survive the wire: for each fixed seed of
 * {@link Gen#seeds()}, {@value Gen#CASES} random cases; a failure names its seed and case.
 * (What random bytes do to the decoders is the fuzz targets' job: {@link AdminStructuresFuzzTest},
 * {@code MiCodecFuzzTest}.)
 */
class AdminRoundTripTest {
  private static final MiCodecOptions O = MiCodecOptions.DEFAULTS;
  private static final String SEEDS = "dev.nvmemi.mi.Gen#seeds";
  private static final int[] OPCODES = {0x02, 0x06, 0x09, 0x0A, 0x0D, 0x10, 0x11, 0x15, 0x80, 0x81, 0x82, 0x84};

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void typedRequestsSurviveTheWire(long seed) {
    Gen.forCases(seed, r -> {
      int ctlid = Gen.u16(r);
      long nsid = Gen.u32(r);
      int b8 = Gen.u8(r);
      int w16 = Gen.u16(r);
      int b7 = r.nextInt(0x80);
      boolean flag = r.nextBoolean();
      long any64 = r.nextLong();
      int dwords = Gen.between(r, 1, 1024);
      MiHeader h = MiHeader.request(Nmimt.ADMIN_COMMAND, flag ? 1 : 0);
      long u32 = any64 & 0xFFFFFFFFL;
      List<AdminRequest> requests = List.of(
          new Identify(h, ctlid, b8, nsid, b8, w16, w16 ^ 0x5A5A, b8 ^ 0x33, b7, u32, u32 >>> 3),
          new GetLogPage(h, ctlid, b8, nsid, b8, b7, flag, dwords, w16, any64, b7, !flag, b8, u32, dwords * 4L),
          new GetFeatures(h, ctlid, b8, nsid, b8, b8 & 7, u32, b7, 0, u32 & 0xFFF),
          new SetFeatures(h, ctlid, 1, nsid, b8, flag, u32, u32 ^ 1, u32 ^ 2, b7, u32 ^ 3, 0, 4,
              new byte[] {1, 2, 3, 4}),
          new SecurityReceive(h, ctlid, 1, nsid, b8, w16, b8 ^ 1, u32, 0, u32 & 0xFFF),
          new FirmwareCommit(h, ctlid, b8, b8 & 7, b7 & 7, flag),
          new FormatNvm(h, ctlid, b8, nsid, b8 & 0xF, flag, b7 & 7, !flag, (b8 >>> 4) & 7, w16 & 3),
          new Sanitize(h, ctlid, b8, b8 & 7, flag, b7 & 0xF, !flag, flag, u32),
          new NamespaceManagement(h, ctlid, b8, nsid, b8 & 0xF, b7, 0, 8, new byte[8]),
          new FirmwareImageDownload(h, ctlid, b8, dwords, u32, 0, 12, new byte[12]));
      for (AdminRequest req : requests) {
        assertThat(AdminCodec.decodeRequest(MiFrame.parseRequest(req.encode()))).as(req.commandName()).isEqualTo(req);
      }
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void genericCommandsNeverLoseAFieldWhenTyped(long seed) {
    Gen.forCases(seed, r -> {
      int opcode = r.nextBoolean() ? OPCODES[r.nextInt(OPCODES.length)] : Gen.u8(r);
      long a = r.nextLong();
      long b = r.nextLong();
      int zeroMask = r.nextInt(5);
      long d1 = a & 0xFFFFFFFFL;
      long d10 = (zeroMask & 1) != 0 ? 0 : (a >>> 32);
      long d11 = (zeroMask & 2) != 0 ? 0 : b & 0xFFFFFFFFL;
      long d14 = (zeroMask & 4) != 0 ? 0 : b >>> 32;
      AdminCommand c = new AdminCommand(MiHeader.request(Nmimt.ADMIN_COMMAND, 0), opcode, (int) (b & 3), 0, d1, 0, 0,
          0, 0, 0, 0, 0, 0, d10, d11, 0, 0, d14, 0, new byte[0]);
      assertThat(AdminCodec.typed(c).toCommand()).isEqualTo(c);
    });
  }

  /** A plausible admin request (DLEN = data length, zero reserved dwords, known opcode) with a canonical header re-encodes byte for byte. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void decodedAdminRequestsReencodeExactly(long seed) {
    Gen.forCases(seed, r -> {
      byte[] body = new byte[Gen.between(r, 64, 200)];
      r.nextBytes(body);
      body[0] = (byte) OPCODES[r.nextInt(OPCODES.length)];
      AdminFixtures.putLe32(body, 28, body.length - 64);
      Arrays.fill(body, 8, 24, (byte) 0);
      Arrays.fill(body, 32, 40, (byte) 0);
      byte[] msg = new byte[4 + body.length + 4];
      msg[0] = (byte) 0x84;
      msg[1] = (byte) (r.nextBoolean() ? 0x11 : 0x10);
      msg[2] = (byte) r.nextInt(4);
      System.arraycopy(body, 0, msg, 4, body.length);
      Mic.seal(msg);
      try {
        AdminRequest req = AdminCodec.decodeRequest(MiFrame.parseRequest(msg));
        assertThat(req.encode()).isEqualTo(msg);
      } catch (MiProtocolException rejected) {
        assertThat(rejected.kind()).isNotNull();
      }
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void responsesBuiltByTheEncoderDecodeToThemselves(long seed) {
    AdminCommand generic = new AdminCommand(MiHeader.request(Nmimt.ADMIN_COMMAND, 0), 0xC2, 1, 0, 0, 0, 0, 0, 0, 0,
        4096, 0, 0, 0, 0, 0, 0, 0, 0, new byte[0]);
    Gen.forCases(seed, r -> {
      long dw0 = Gen.u32(r);
      int status = r.nextInt(0x8000);
      byte[] data = new byte[r.nextInt(4097)];
      r.nextBytes(data);
      AdminResponse resp = AdminResponse.of(generic, dw0, NvmeStatus.fromStatusField(status), data, null);
      MiResponse decoded = AdminCodec.decodeResponse(MiFrame.parseResponse(resp.encode(), generic.header(), O),
          generic, O);
      assertThat(decoded).isEqualTo(resp);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void anySmartLogDecodesAndRoundTrips(long seed) {
    Gen.forCases(seed, r -> {
      byte[] data = new byte[SmartLog.LENGTH];
      r.nextBytes(data);
      SmartLog s = SmartLog.decode(data);
      assertThat(SmartLog.decode(s.encode())).isEqualTo(s);
    });
  }

  /** Identify Controller data whose SUBNQN is printable ASCII (the other fields any value) decodes and round-trips. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource(SEEDS)
  void identifyControllersWithAPrintableNqnRoundTrip(long seed) {
    Gen.forCases(seed, r -> {
      byte[] b = new byte[IdentifyController.LENGTH];
      r.nextBytes(b);
      int len = r.nextInt(257);
      for (int i = 0; i < 256; i++) {
        b[768 + i] = i < len ? (byte) (0x21 + r.nextInt(0x5E)) : 0;
      }
      try {
        IdentifyController c = IdentifyController.decode(b);
        assertThat(IdentifyController.decode(c.encode())).isEqualTo(c);
      } catch (MiProtocolException rejected) {
        assertThat(rejected.kind()).isNotNull();
      }
    });
  }
}
