package dev.nvmemi.agent.cli;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigException;
import dev.nvmemi.agent.config.ConfigKeys;
import dev.nvmemi.agent.config.ConfigLoader;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code status}: reads a running agent's {@code /status} and prints the drives it sees as a
 * {@link DriveTable} (coloured only on a terminal without {@code NO_COLOR}), or with {@code --json}
 * a document of the shape {@link #document} builds. Without {@code --url} the address is the
 * agent's own {@code http.address} (configuration file, environment; a wildcard host is asked on
 * the loopback address).
 *
 * <p>Exit status: {@value #EXIT_OK} when discovery is connected and every drive is ok;
 * {@value #EXIT_NOT_OK} when a drive is not ok (or discovery is not connected); {@value #EXIT_USAGE}
 * for a bad option or configuration; {@value #EXIT_UNREACHABLE} when the agent cannot be read
 * (connection refused, timeout, an HTTP error, an answer that is not a {@code /status} document),
 * with a message naming the URL and the cause.
 *
 * <p>Runs on the main thread; the JDK HTTP client uses its own threads for the one request.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the drives a running agent sees (its /status) as a table, or as JSON with --json.")
public final class StatusCommand implements java.util.concurrent.Callable<Integer> {
  /** Every drive ok and discovery connected. */
  public static final int EXIT_OK = 0;
  /** The agent answered: a drive is not ok, or discovery is not connected. */
  public static final int EXIT_NOT_OK = 1;
  /** Bad option or configuration (as every command). */
  public static final int EXIT_USAGE = AgentMain.EXIT_USAGE;
  /** The agent could not be read. */
  public static final int EXIT_UNREACHABLE = 4;

  @Option(names = "--url", paramLabel = "URL",
      description = "The agent's HTTP address, e.g. http://10.0.0.5:9100 (default: http:// + http.address of the configuration, 127.0.0.1:9100).")
  String url;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The agent's configuration file, for http.address (default: /etc/nvme-mi-agent/config.yaml when it exists, or $NVME_MI_AGENT_CONFIG).")
  Path config;

  @Option(names = "--json", description = "Print JSON for scripts instead of the table.")
  boolean json;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
      description = "Give up when the agent has not answered after this long (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    URI target;
    Duration limit;
    try {
      limit = ConfigKeys.parseDuration(timeout);
      if (limit.isZero() || limit.isNegative()) {
        throw new IllegalArgumentException("--timeout " + timeout + " (expected: a positive duration)");
      }
      target = statusUri(url != null ? url : defaultUrl(ConfigLoader.load(Optional.ofNullable(config), System.getenv(), Map.of())));
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("nvme-mi-agent status: " + e.getMessage());
      return EXIT_USAGE;
    }
    JsonObject status;
    List<DriveRow> drives;
    try {
      status = fetch(target, limit);
      drives = drives(status);
    } catch (Unreachable e) {
      err.println("nvme-mi-agent status: cannot read " + target + ": " + e.getMessage());
      return EXIT_UNREACHABLE;
    }
    JsonObject discovery = status.getValue("discovery") instanceof JsonObject d ? d : new JsonObject();
    boolean connected = Boolean.TRUE.equals(discovery.getValue("connected"));
    boolean ok = connected && drives.stream().allMatch(DriveRow::ok);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(document(target, status, discovery, drives, ok).encodePrettily());
    } else {
      out.print(DriveTable.render(drives, DriveTable.colour(System.getenv(), System.console() != null)));
    }
    out.flush();
    if (!connected) {
      err.println("nvme-mi-agent status: discovery (" + discovery.getValue("source") + ") is not connected"
          + (discovery.getValue("problem") instanceof String p ? ": " + p : ""));
    }
    long notOk = drives.stream().filter(d -> !d.ok()).count();
    if (notOk > 0) {
      err.println("nvme-mi-agent status: " + notOk + " of " + drives.size() + " drives not ok");
    } else if (drives.isEmpty()) {
      err.println("nvme-mi-agent status: the agent sees no drives");
    }
    return ok ? EXIT_OK : EXIT_NOT_OK;
  }

  /**
   * The {@code --json} document: {@code url} (what was read), {@code ok} (the exit status 0),
   * {@code ready} (the agent's readiness), {@code discovery} ({@code source}, {@code connected},
   * {@code problem} when not connected) and {@code drives}, each as {@link DriveRow#toJson}.
   */
  static JsonObject document(URI target, JsonObject status, JsonObject discovery, List<DriveRow> drives, boolean ok) {
    JsonArray list = new JsonArray();
    drives.forEach(d -> list.add(d.toJson()));
    JsonObject disc = new JsonObject().put("source", discovery.getValue("source"))
        .put("connected", Boolean.TRUE.equals(discovery.getValue("connected")));
    if (discovery.getValue("problem") instanceof String p) {
      disc.put("problem", p);
    }
    return new JsonObject()
        .put("url", target.toString())
        .put("ok", ok)
        .put("ready", Boolean.TRUE.equals(status.getValue("ready")))
        .put("discovery", disc)
        .put("drives", list);
  }

  /** The agent's address from its configuration: {@code http://host:port}, a wildcard host asked on loopback. */
  static String defaultUrl(AgentConfig config) {
    AgentConfig.Http http = config.http();
    if (!http.enabled()) {
      throw new IllegalArgumentException("the agent's configuration has http.enabled=false: it serves no /status (pass --url)");
    }
    if (http.port() == 0) {
      throw new IllegalArgumentException("http.address " + http.address() + " is an ephemeral port: pass --url with the port the agent logged");
    }
    String host = switch (http.host()) {
      case "0.0.0.0" -> "127.0.0.1";
      case "::", "0:0:0:0:0:0:0:0" -> "[::1]";
      default -> http.host().contains(":") ? "[" + http.host() + "]" : http.host();
    };
    return "http://" + host + ":" + http.port();
  }

  /** {@code URL/status} for the agent's address (a URL that already ends in {@code /status} is kept). */
  static URI statusUri(String base) {
    URI u;
    try {
      u = new URI(base.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--url " + base + ": " + e.getReason() + " (expected: http://host:port)");
    }
    if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException("--url " + base + " (expected: http://host:port)");
    }
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    if (path.endsWith("/status")) {
      return u;
    }
    if (!path.isEmpty() && !path.equals("/")) {
      throw new IllegalArgumentException("--url " + base + " (expected: http://host:port, the agent's address, or its /status)");
    }
    return u.resolve("/status");
  }

  private static JsonObject fetch(URI target, Duration limit) throws Unreachable, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(limit).followRedirects(HttpClient.Redirect.NEVER).build();
    HttpRequest request = HttpRequest.newBuilder(target).timeout(limit).header("Accept", "application/json").GET().build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw new Unreachable("no connection within " + describe(limit) + " (timeout)");
    } catch (HttpTimeoutException e) {
      throw new Unreachable("no answer within " + describe(limit) + " (timeout)");
    } catch (ConnectException e) {
      throw new Unreachable(connectFailure(target, e));
    } catch (IOException e) {
      throw new Unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    if (response.statusCode() != 200) {
      String body = response.body() == null ? "" : response.body().strip();
      int nl = body.indexOf('\n');
      String first = nl < 0 ? body : body.substring(0, nl);
      throw new Unreachable("HTTP " + response.statusCode() + (first.isEmpty() ? "" : " \"" + shorten(first) + "\""));
    }
    Object body;
    try {
      body = Json.decodeValue(response.body());
    } catch (DecodeException e) {
      body = null;
    }
    if (!(body instanceof JsonObject document)) {
      throw new Unreachable("malformed answer (expected: the agent's /status JSON object): \""
          + shorten(response.body().strip()) + "\"");
    }
    return document;
  }

  private static String connectFailure(URI target, ConnectException e) {
    if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
      return "unknown host " + target.getHost();
    }
    String m = e.getMessage();
    if (m == null || m.isBlank() || m.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
      return "connection refused (is the agent running, and is this its http.address?)";
    }
    return m;
  }

  /** The drives of a {@code /status} document, in its order. */
  static List<DriveRow> drives(JsonObject status) throws Unreachable {
    if (!(status.getValue("endpoints") instanceof JsonArray endpoints)) {
      throw new Unreachable("malformed answer: no \"endpoints\" array (expected: the agent's /status)");
    }
    List<DriveRow> out = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      if (!(endpoints.getValue(i) instanceof JsonObject e)) {
        throw new Unreachable("malformed answer: endpoints[" + i + "] is not an object");
      }
      try {
        out.add(DriveRow.fromStatus(e));
      } catch (IllegalArgumentException x) {
        throw new Unreachable("malformed answer: endpoints[" + i + "]: " + x.getMessage());
      }
    }
    return out;
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** The agent could not be read; the message says why. */
  static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }
}
