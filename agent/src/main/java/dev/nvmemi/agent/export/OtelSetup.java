package dev.nvmemi.agent.export;

import dev.nvmemi.agent.config.AgentConfig;
import dev.nvmemi.agent.config.ConfigException;
import dev.nvmemi.agent.config.ListenException;
import dev.nvmemi.agent.telemetry.TelemetryContract;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ConfigurableMetricReaderProvider;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.resources.Resource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the agent's {@link OpenTelemetrySdk} through autoconfigure (design §7). Property sources,
 * lowest first: the agent's defaults ({@link #DEFAULTS}), the config file's {@code otel} section
 * (and {@code NVME_MI_AGENT_OTEL_*} / {@code --set otel.*}), then the standard {@code OTEL_*}
 * environment variables and {@code -Dotel.*} system properties, which win as everywhere in
 * OpenTelemetry. An unknown exporter name fails start-up with the names that are available; a
 * Prometheus port that cannot be bound fails it with a {@link ListenException} naming
 * {@code otel.exporter.prometheus.port} and the address.
 *
 * <p>Start-up only, on the main thread.
 */
public final class OtelSetup {
  private OtelSetup() {}

  /** The agent's defaults for autoconfigure. */
  public static final Map<String, String> DEFAULTS = Map.of(
      "otel.service.name", "nvme-mi-agent",
      "otel.metrics.exporter", "prometheus",
      "otel.logs.exporter", "console",
      "otel.traces.exporter", "none",
      "otel.exporter.prometheus.host", "127.0.0.1",
      "otel.exporter.prometheus.port", "9464",
      "otel.metric.export.interval", "10000",
      "otel.blrp.max.queue.size", "2048",
      // ~20 series per drive: the SDK's default of 2000 series per instrument would drop drives beyond ~500
      "otel.java.metrics.cardinality.limit", "200000");

  /** The SDK and the export-failure accounting. */
  public record Result(OpenTelemetrySdk sdk, ExportFailures failures) {}

  private static final Pattern UNRECOGNIZED =
      Pattern.compile("Unrecognized value for otel\\.(metrics|logs|traces)\\.exporter: (.*)");

  /** Builds the SDK (not registered as the global instance). */
  public static Result create(AgentConfig config) {
    ExportFailures failures = new ExportFailures();
    Map<String, String> props = new LinkedHashMap<>(DEFAULTS);
    props.putAll(config.otel());
    try {
      AutoConfiguredOpenTelemetrySdk auto = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> props)
          .addResourceCustomizer((resource, p) -> resource.merge(agentResource(resource)))
          .addMetricExporterCustomizer((exporter, p) -> failures.wrap(exporter))
          .addLogRecordExporterCustomizer((exporter, p) -> failures.wrap(exporter))
          .disableShutdownHook()
          .build();
      return new Result(auto.getOpenTelemetrySdk(), failures);
    } catch (ConfigurationException e) {
      if (ListenException.bindFailure(e).isPresent()) {
        // the prometheus exporter's HTTP server could not bind (autoconfigure wraps it as
        // "Unexpected configuration error")
        throw new ListenException(PROMETHEUS_PORT, effective(PROMETHEUS_HOST, props) + ":"
            + effective(PROMETHEUS_PORT, props), e);
      }
      throw translate(e);
    }
  }

  /** The Prometheus exporter's address keys (autoconfigure's own names). */
  public static final String PROMETHEUS_HOST = "otel.exporter.prometheus.host";
  public static final String PROMETHEUS_PORT = "otel.exporter.prometheus.port";

  /**
   * The value autoconfigure sees for {@code key}: the {@code -D} system property, else the
   * {@code OTEL_*} environment variable, else the config's {@code otel} section, else the agent's
   * default ({@link #DEFAULTS}), else "".
   */
  public static String effective(String key, AgentConfig config) {
    Map<String, String> props = new LinkedHashMap<>(DEFAULTS);
    props.putAll(config.otel());
    return effective(key, props);
  }

  private static String effective(String key, Map<String, String> props) {
    String sys = System.getProperty(key);
    if (sys != null) {
      return sys;
    }
    String env = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    if (env != null) {
      return env;
    }
    return props.getOrDefault(key, "");
  }

  static ConfigException translate(ConfigurationException e) {
    Matcher m = UNRECOGNIZED.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      String signal = m.group(1);
      List<String> names = signal.equals("metrics") ? metricExporterNames()
          : signal.equals("logs") ? logExporterNames() : List.of("none", "otlp", "console", "logging-otlp");
      return new ConfigException("otel." + signal + ".exporter: unknown exporter \"" + m.group(2).trim()
          + "\" (expected: comma-separated names among " + String.join(", ", names) + ")", e);
    }
    return new ConfigException("OpenTelemetry configuration: " + e.getMessage(), e);
  }

  /** Metric exporter names available on the class path (plus {@code none}). */
  public static List<String> metricExporterNames() {
    TreeSet<String> names = new TreeSet<>();
    names.add("none");
    for (ConfigurableMetricExporterProvider p : ServiceLoader.load(ConfigurableMetricExporterProvider.class)) {
      names.add(p.getName());
    }
    for (ConfigurableMetricReaderProvider p : ServiceLoader.load(ConfigurableMetricReaderProvider.class)) {
      names.add(p.getName());
    }
    return List.copyOf(names);
  }

  /** Log record exporter names available on the class path (plus {@code none}). */
  public static List<String> logExporterNames() {
    TreeSet<String> names = new TreeSet<>();
    names.add("none");
    for (ConfigurableLogRecordExporterProvider p : ServiceLoader.load(ConfigurableLogRecordExporterProvider.class)) {
      names.add(p.getName());
    }
    return List.copyOf(names);
  }

  /**
   * {@code host.name} and, when {@code K8S_NODE_NAME} (or {@code NODE_NAME}) is set, {@code
   * k8s.node.name}; {@code service.name} comes from {@code otel.service.name}.
   */
  static Resource agentResource(Resource existing) {
    var b = Attributes.builder();
    if (existing.getAttribute(AttributeKey.stringKey("host.name")) == null) {
      b.put(AttributeKey.stringKey("host.name"), hostName());
    }
    String node = System.getenv("K8S_NODE_NAME");
    if (node == null || node.isBlank()) {
      node = System.getenv("NODE_NAME");
    }
    if (node != null && !node.isBlank()) {
      b.put(AttributeKey.stringKey("k8s.node.name"), node);
    }
    b.put(AttributeKey.stringKey("service.version"), version());
    return Resource.create(b.build());
  }

  private static String version() {
    String v = TelemetryContract.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
