package dev.nvmemi.simulator;

import dev.nvmemi.simulator.serial.MctpFragmenter;
import dev.nvmemi.simulator.serial.MctpPacket;
import dev.nvmemi.simulator.serial.SerialFraming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the seed corpus of the simulator's fuzz targets into Jazzer's test-resource layout
 * ({@code <package>/<TestClass>Inputs/<method>/<seed>}) from the request messages of the shared
 * vectors ({@code vectors.json}): each alone, all in one sequence, as MCTP packets from EID 8 to EID 9
 * and as the serial frames of those packets; plus Get Endpoint ID to the null EID. A finding Jazzer
 * saved ({@code crash-…}, {@code timeout-…}) is never touched. Run after a vector is added:
 * <pre>java -cp &lt;simulator test class path&gt; dev.nvmemi.simulator.FuzzSeeds simulator/src/test/resources</pre>
 *
 * <p>Thread: main; a command-line tool.
 */
public final class FuzzSeeds {
  /** Get Endpoint ID from EID 8 to the null EID, TO, tag 0: the first thing a bus owner sends. */
  static final byte[] GET_ENDPOINT_ID = HexFormat.of().parseHex("010008c8008002");

  private FuzzSeeds() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: FuzzSeeds <simulator/src/test/resources>");
    }
    Path resources = Path.of(args[0]);
    Path requests = resources.resolve("dev/nvmemi/simulator/responder/MiResponderFuzzTestInputs/requests");
    Path packets = resources.resolve("dev/nvmemi/simulator/serial/SerialFrontEndFuzzTestInputs/packets");
    Path stream = resources.resolve("dev/nvmemi/simulator/serial/SerialFrontEndFuzzTestInputs/byteStream");
    for (Path p : List.of(requests, packets, stream)) {
      Files.createDirectories(p);
    }
    List<byte[]> all = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : vectorRequests().entrySet()) {
      String name = "vector-" + e.getKey();
      byte[] req = e.getValue();
      if (all.size() < FuzzInputs.MAX_CHUNKS) {
        all.add(req);
      }
      Files.write(requests.resolve(name), FuzzInputs.join(2, List.of(req)));
      List<byte[]> pk = new ArrayList<>();
      ByteArrayOutputStream frames = new ByteArrayOutputStream();
      for (MctpPacket p : MctpFragmenter.fragment(req, 9, 8, true, 1, MctpFragmenter.SERIAL_MTU, 0)) {
        pk.add(p.encode());
        frames.writeBytes(SerialFraming.encode(p.encode()));
      }
      Files.write(packets.resolve(name), FuzzInputs.join(1, pk));
      Files.write(stream.resolve(name), frames.toByteArray());
    }
    Files.write(requests.resolve("sequence-vectors"), FuzzInputs.join(2, all));
    Files.write(packets.resolve("control-get-endpoint-id"), FuzzInputs.join(1, List.of(GET_ENDPOINT_ID)));
    Files.write(stream.resolve("control-get-endpoint-id"), SerialFraming.encode(GET_ENDPOINT_ID));
  }

  /** The request messages of {@code /vectors.json} by vector name, in file order. */
  static Map<String, byte[]> vectorRequests() {
    String json;
    try (InputStream in = FuzzSeeds.class.getResourceAsStream("/vectors.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"[^{}]*?\"request_hex\"\\s*:\\s*\"([0-9a-fA-F]+)\"")
        .matcher(json);
    while (m.find()) {
      out.put(m.group(1), HexFormat.of().parseHex(m.group(2)));
    }
    return out;
  }
}
