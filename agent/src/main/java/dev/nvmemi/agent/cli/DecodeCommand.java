package dev.nvmemi.agent.cli;

import dev.nvmemi.mi.MiCodec;
import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.MiProtocolException;
import dev.nvmemi.mi.MiRequest;
import dev.nvmemi.mi.MiResponse;
import dev.nvmemi.mi.MiRevision;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import dev.nvmemi.mi.command.ReadDataStructureResponse;
import dev.nvmemi.mi.admin.AdminResponse;
import dev.nvmemi.mi.admin.GetLogPage;
import dev.nvmemi.mi.admin.OcpLatencyMonitorLog;
import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nvme-mi-agent decode}: NVMe-MI messages in hex to JSON.
 *
 * <p>{@code decode --request HEX --response HEX} prints one JSON document
 * {@code {"request": {...}, "response": {...}}}; the response is decoded in the context of the
 * request (CSI, NMIMT and tag checks; which command it answers). A response alone is decoded as a
 * message the endpoint sends unasked (an Asynchronous Event Message). {@code --file F} reads one
 * pair per line, {@code REQUEST_HEX ; RESPONSE_HEX} (either side may be empty; {@code #} starts a
 * comment) and prints one JSON document per line. Field names follow an NVMe-MI revision
 * ({@code --mi-revision}, default 2.0: today's names; 2.1 names CCSF/TCIDAF/CHSCF and the admin ISH
 * flag); in a file without {@code --mi-revision}, an NVM Subsystem Information response switches
 * the following lines to the revision that endpoint reports. A malformed message gives
 * {@code {"error": {"kind": ..., "message": ...}}} and exit status 2. An OCP datacenter log read
 * (Get Log Page C0h / C3h) whose valid answer is not the OCP page (another GUID, a short page) keeps
 * its raw data and gets {@code "payloadError": {"kind": "GUID_MISMATCH", "message": ...}} (exit 0).
 *
 * <p>Runs on the main thread; pure computation.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = {"Decode NVMe-MI messages (hex, full message from the 0x84 type byte to the MIC) into JSON.",
        "Spaces and colons in HEX are ignored. Exit status 2 on a malformed message."})
public final class DecodeCommand implements Callable<Integer> {

  /** Error kinds beyond {@link dev.nvmemi.mi.MiErrorKind}: input that is not hex at all. */
  static final String BAD_HEX = "BAD_HEX";
  /** Error kind for a --file that cannot be read or a line without any message. */
  static final String BAD_INPUT = "BAD_INPUT";

  @Spec CommandSpec spec;

  @Option(names = "--request", paramLabel = "HEX", description = "The request message.")
  String request;

  @Option(names = "--response", paramLabel = "HEX", description = "The response (or unsolicited) message.")
  String response;

  @Option(names = "--file", paramLabel = "F",
      description = "One 'REQUEST_HEX ; RESPONSE_HEX' pair per line; prints one JSON document per line.")
  Path file;

  @Option(names = "--lenient-nmimt", description = "Do not reject a response whose NMIMT differs from the request's.")
  boolean lenientNmimt;

  @Option(names = "--pel-big-endian",
      description = "Read the Invalid Parameter error location offset big-endian (one source does).")
  boolean pelBigEndian;

  @Option(names = "--mi-revision", paramLabel = "REV",
      description = "Name fields as NVMe-MI revision REV does (1.0, 1.1, 1.2, 2.0, 2.1; default 2.0, or in a"
          + " --file the revision a decoded NVM Subsystem Information response reports).")
  String miRevision;

  @Option(names = "--compact", description = "One line of JSON instead of pretty-printed.")
  boolean compact;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MiCodecOptions options = MiCodecOptions.DEFAULTS.withStrictNmimt(!lenientNmimt)
        .withPelLittleEndian(!pelBigEndian);
    MiRevision revision = MiRevision.DEFAULT;
    if (miRevision != null) {
      try {
        revision = MiRevision.parse(miRevision);
      } catch (IllegalArgumentException e) {
        out.println(error(BAD_INPUT, "--mi-revision: " + e.getMessage()).encode());
        out.flush();
        return AgentMain.EXIT_USAGE;
      }
    }
    if (file != null) {
      if (request != null || response != null) {
        out.println(error(BAD_INPUT, "--file cannot be combined with --request or --response").encode());
        out.flush();
        return AgentMain.EXIT_USAGE;
      }
      return decodeFile(out, options, revision);
    }
    if (request == null && response == null) {
      out.println(error(BAD_INPUT, "give --request HEX, --response HEX, both, or --file F").encode());
      out.flush();
      return AgentMain.EXIT_USAGE;
    }
    JsonObject doc = decodePair(request, response, options, revision);
    out.println(compact ? doc.encode() : doc.encodePrettily());
    out.flush();
    return doc.containsKey("error") ? AgentMain.EXIT_USAGE : 0;
  }

  private int decodeFile(PrintWriter out, MiCodecOptions options, MiRevision given) {
    MiRevision revision = given;
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      out.println(error(BAD_INPUT, "cannot read " + file + ": " + e).encode());
      out.flush();
      return AgentMain.EXIT_USAGE;
    }
    int status = 0;
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (line.isEmpty()) {
        continue;
      }
      String req;
      String resp;
      int semi = line.indexOf(';');
      if (semi >= 0) {
        req = line.substring(0, semi).strip();
        resp = line.substring(semi + 1).strip();
      } else {
        req = line;
        resp = "";
      }
      Decoded d = decode(req.isEmpty() ? null : req, resp.isEmpty() ? null : resp, options, revision);
      JsonObject doc = d.doc();
      doc.put("line", lineNo);
      if (miRevision == null && d.reported() != null) {
        revision = d.reported();
      }
      if (doc.containsKey("error")) {
        status = AgentMain.EXIT_USAGE;
      }
      out.println(doc.encode());
    }
    out.flush();
    return status;
  }

  /** Decodes one pair with today's names; never throws: failures become an {@code error} member. */
  static JsonObject decodePair(String requestHex, String responseHex, MiCodecOptions options) {
    return decodePair(requestHex, responseHex, options, MiRevision.DEFAULT);
  }

  /** Decodes one pair, naming fields as {@code revision} does; never throws. */
  static JsonObject decodePair(String requestHex, String responseHex, MiCodecOptions options, MiRevision revision) {
    return decode(requestHex, responseHex, options, revision).doc();
  }

  /**
   * One decoded pair and the NVMe-MI revision its response reports, if it is an NVM Subsystem
   * Information response (null otherwise).
   */
  private record Decoded(JsonObject doc, MiRevision reported) {}

  private static Decoded decode(String requestHex, String responseHex, MiCodecOptions options, MiRevision revision) {
    JsonObject doc = new JsonObject();
    MiRequest req = null;
    if (requestHex != null) {
      byte[] bytes;
      try {
        bytes = parseHex(requestHex);
      } catch (IllegalArgumentException e) {
        return new Decoded(doc.put("error", errorBody(BAD_HEX, "request: " + e.getMessage())), null);
      }
      try {
        req = MiCodec.decodeRequest(bytes, options);
        doc.put("request", MessageJson.render((Record) req, revision));
      } catch (MiProtocolException e) {
        return new Decoded(doc.put("error", errorBody(e.kind().name(), "request: " + e.getMessage())), null);
      }
    }
    MiRevision reported = null;
    if (responseHex != null) {
      byte[] bytes;
      try {
        bytes = parseHex(responseHex);
      } catch (IllegalArgumentException e) {
        return new Decoded(doc.put("error", errorBody(BAD_HEX, "response: " + e.getMessage())), null);
      }
      try {
        MiResponse resp = req == null
            ? MiCodec.decodeUnsolicited(bytes, options)
            : MiCodec.decodeResponse(bytes, req, options);
        doc.put("response", MessageJson.render((Record) resp, revision));
        if (resp instanceof ReadDataStructureResponse rds && rds.data() instanceof NvmSubsystemInfo info) {
          reported = MiRevision.of(info.mjr(), info.mnr());
        }
        ocpPayloadError(req, resp).ifPresent(e -> doc.put("payloadError", e));
      } catch (MiProtocolException e) {
        doc.put("error", errorBody(e.kind().name(), "response: " + e.getMessage()));
      }
    }
    return new Decoded(doc, reported);
  }

  /**
   * Why the data of a successful OCP datacenter log read (Get Log Page C0h / C3h from offset 0) has no
   * typed payload: the page's GUID names another layout, or the page is short ({@code ocp-logs.md}
   * §2). The message itself is valid, so this is reported beside the response, not as its error.
   */
  static Optional<JsonObject> ocpPayloadError(MiRequest req, MiResponse resp) {
    if (!(req instanceof GetLogPage g) || !(resp instanceof AdminResponse r) || r.payload() != null
        || !r.nvmeStatus().isSuccess() || g.lpo() != 0 || r.data().length == 0) {
      return Optional.empty();
    }
    try {
      if (g.lid() == GetLogPage.LID_OCP_SMART_EXTENDED) {
        OcpSmartExtendedLog.decode(r.data());
      } else if (g.lid() == GetLogPage.LID_OCP_LATENCY_MONITOR) {
        OcpLatencyMonitorLog.decode(r.data());
      }
      return Optional.empty();
    } catch (MiProtocolException e) {
      return Optional.of(errorBody(e.kind().name(), e.getMessage()));
    }
  }

  /** Hex with optional spaces, colons, tabs and a leading 0x. */
  static byte[] parseHex(String s) {
    String clean = s.replaceAll("[\\s:]", "");
    if (clean.startsWith("0x") || clean.startsWith("0X")) {
      clean = clean.substring(2);
    }
    if (clean.isEmpty()) {
      throw new IllegalArgumentException("no hex digits");
    }
    if ((clean.length() & 1) != 0) {
      throw new IllegalArgumentException("odd number of hex digits: " + clean.length() + " (expected: two per byte)");
    }
    try {
      return HexFormat.of().parseHex(clean);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not hex: " + e.getMessage(), e);
    }
  }

  private static JsonObject error(String kind, String message) {
    return new JsonObject().put("error", errorBody(kind, message));
  }

  private static JsonObject errorBody(String kind, String message) {
    return new JsonObject().put("kind", kind).put("message", message);
  }
}
