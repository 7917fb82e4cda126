package dev.nvmemi.bench.codec;

import dev.nvmemi.mi.MiCodec;
import dev.nvmemi.mi.MiHeader;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.Nmimt;
import dev.nvmemi.mi.admin.IdentifyController;
import dev.nvmemi.mi.admin.SmartLog;
import dev.nvmemi.mi.command.ControllerHealthStatusPoll;
import dev.nvmemi.mi.command.SubsystemHealthStatusPoll;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The codec's hot paths, as the agent runs them on its event loop for every poll: encode a
 * health poll and decode its response (with MIC checks both ways), decode a SMART / Health log
 * and an Identify Controller structure. Inputs are the spec sheet's known-answer vectors. The
 * health poll is also measured in halves (encode, decode) to attribute its cost, and the Controller
 * Health Status Poll round trip, which the agent runs next to it on every drive.
 *
 * <p>Targets (issue #2): health poll round trip ≤ 300 ns/op, SMART decode ≤ 2 µs/op; issue #7
 * needs the codec cheap and allocation-light (run with {@code -prof gc} for bytes/op).
 * Run: {@code java -jar bench/target/benchmarks.jar CodecBenchmark -prof gc}; figures in
 * BENCHMARKS.md. Single-threaded ({@link Scope#Thread} state, one benchmark thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
  /** Vector mi_subsys_health_poll: response of a healthy drive at 30 °C. */
  private static final String HEALTH_RESPONSE = "8488000000000000383f1e0500000000fe98a705";

  /** Vector mi_ctrl_health_poll_all: request with ALL=1, MAXRENT=2. */
  private static final String CTRL_HEALTH_REQUEST = "840800000200000000000280000000001dddcbd0";

  /** Vector mi_ctrl_health_poll_all: response with RENT=1 and one 16-byte CHDS. */
  private static final String CTRL_HEALTH_RESPONSE =
      "8488000000000001000000002501266400000000000000001cf39497";

  /** A typical UUID-form SUBNQN (NVMe base spec §7.9), as drives report it at bytes 768–1023. */
  private static final String SUBNQN = "nqn.2014-08.org.nvmexpress:uuid:5a8b3c1e-0d2f-4e6a-9b7c-1d2e3f405162";

  /** Vector admin_get_log_smart: the 512-byte SMART / Health log (response bytes 20..531). */
  private static final String SMART_PREFIX = "003701640a0300000000000000000000000000000000000000000000000000"
      + "0087d61200000000000000000000000000ceca2300000000000000000000000000780ae3050000000000000000000000"
      + "00b17f3905000000000000000000000000e1100000000000000000000000000000390000000000000000000000000000"
      + "00393000000000000000000000000000000700000000000000000000000000000000000000000000000000000000000000"
      + "03000000000000000000000000000000000000000000000039013101";

  /** Vector admin_identify_ctrl_partial72: the first 72 bytes of an Identify Controller. */
  private static final String IDENTIFY_PREFIX = "4d144d14533445574e5830523132333435362020202020204558414d504c45"
      + "204e564d45205353442031544220202020202020202020202020202020202020203142325145584d37";

  private SubsystemHealthStatusPoll request;
  private byte[] healthResponse;
  private ControllerHealthStatusPoll ctrlRequest;
  private byte[] ctrlResponse;
  private byte[] smart;
  private byte[] identify;

  @Setup
  public void setUp() {
    request = new SubsystemHealthStatusPoll(MiHeader.request(Nmimt.MI_COMMAND, 0), false);
    healthResponse = HexFormat.of().parseHex(HEALTH_RESPONSE);
    ctrlRequest = (ControllerHealthStatusPoll) MiCodec.decodeRequest(HexFormat.of().parseHex(CTRL_HEALTH_REQUEST));
    ctrlResponse = HexFormat.of().parseHex(CTRL_HEALTH_RESPONSE);
    smart = new byte[SmartLog.LENGTH];
    byte[] s = HexFormat.of().parseHex(SMART_PREFIX);
    System.arraycopy(s, 0, smart, 0, s.length);
    identify = new byte[IdentifyController.LENGTH];
    byte[] id = HexFormat.of().parseHex(IDENTIFY_PREFIX);
    System.arraycopy(id, 0, identify, 0, id.length);
    // WCTEMP 353 K, CCTEMP 358 K (bytes 266-269), TNVMCAP 1 TB (bytes 280-295)
    identify[266] = (byte) 0x61;
    identify[267] = 0x01;
    identify[268] = (byte) 0x66;
    identify[269] = 0x01;
    long tnvmcap = 1_000_204_886_016L;
    for (int i = 0; i < 8; i++) {
      identify[280 + i] = (byte) (tnvmcap >>> (8 * i));
    }
    byte[] nqn = SUBNQN.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(nqn, 0, identify, 768, nqn.length);
  }

  /** Encode the request (with MIC) and decode the response to it (MIC, header, NSHDS). */
  @Benchmark
  public MiResponse healthPollRoundTrip(Blackhole bh) {
    bh.consume(request.encode());
    return MiCodec.decodeResponse(healthResponse, request);
  }

  /** The encode half of {@link #healthPollRoundTrip}: the 20-byte request with its MIC. */
  @Benchmark
  public byte[] healthPollEncode() {
    return request.encode();
  }

  /** The decode half of {@link #healthPollRoundTrip}: §11.1 checks, header, status, NSHDS. */
  @Benchmark
  public MiResponse healthPollDecode() {
    return MiCodec.decodeResponse(healthResponse, request);
  }

  /** Controller Health Status Poll: encode the request, decode a one-entry response. */
  @Benchmark
  public MiResponse controllerHealthPollRoundTrip(Blackhole bh) {
    bh.consume(ctrlRequest.encode());
    return MiCodec.decodeResponse(ctrlResponse, ctrlRequest);
  }

  @Benchmark
  public SmartLog smartLogDecode() {
    return SmartLog.decode(smart);
  }

  @Benchmark
  public IdentifyController identifyControllerDecode() {
    return IdentifyController.decode(identify);
  }
}
