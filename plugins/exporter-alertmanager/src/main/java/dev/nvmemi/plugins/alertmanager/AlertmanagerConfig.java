package dev.nvmemi.plugins.alertmanager;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the Alertmanager exporter (keys under {@value #PREFIX}, named after the OTLP
 * exporter's where one exists; every key and its default is listed in the module README).
 * Immutable and validated on construction.
 *
 * @param alertsUris the {@code /api/v2/alerts} endpoint of every Alertmanager to post to (an HA
 *     pair gets every alert); from {@value #URL}, default {@value #DEFAULT_URL}
 * @param timeout connect and request timeout per post ({@value #TIMEOUT}, default 10 s)
 * @param headers extra request headers ({@value #HEADERS}, {@code k=v,k2=v2})
 * @param trustedCertificates PEM file of CA certificates to trust instead of the JDK's
 *     ({@value #CERTIFICATE}), or null
 * @param clientKey PEM PKCS#8 private key for mutual TLS ({@value #CLIENT_KEY}), or null
 * @param clientCertificate PEM certificate chain for mutual TLS ({@value #CLIENT_CERTIFICATE}), or null
 * @param basicUsername basic-auth user ({@value #BASIC_USERNAME}), or null
 * @param basicPassword basic-auth password ({@value #BASIC_PASSWORD}), or null
 * @param bearerToken bearer token ({@value #BEARER_TOKEN} or the file in {@value #BEARER_TOKEN_FILE}),
 *     or null
 * @param resendInterval how often firing alerts are re-posted ({@value #RESEND_INTERVAL}, default 1 min)
 * @param alertTtl how far in the future a firing alert's {@code endsAt} is set at each post
 *     ({@value #ALERT_TTL}, default 4 min; must exceed the resend interval)
 * @param queueSize bound of the queue of alert changes awaiting delivery, per Alertmanager
 *     ({@value #QUEUE_SIZE}, default {@value #DEFAULT_QUEUE_SIZE})
 * @param initialBackoff first retry delay after a failed post ({@value #RETRY_INITIAL_BACKOFF}, default 1 s)
 * @param maxBackoff longest retry delay ({@value #RETRY_MAX_BACKOFF}, default 30 s)
 * @param errorLogInterval at most one warning per interval while posting fails
 *     ({@value #ERROR_LOG_INTERVAL}, default 1 min)
 */
public record AlertmanagerConfig(List<URI> alertsUris, Duration timeout, Map<String, String> headers,
    Path trustedCertificates, Path clientKey, Path clientCertificate, String basicUsername, String basicPassword,
    String bearerToken, Duration resendInterval, Duration alertTtl, int queueSize, Duration initialBackoff,
    Duration maxBackoff, Duration errorLogInterval) {

  public static final String PREFIX = "otel.exporter.alertmanager.";
  public static final String URL = PREFIX + "url";
  public static final String TIMEOUT = PREFIX + "timeout";
  public static final String HEADERS = PREFIX + "headers";
  public static final String CERTIFICATE = PREFIX + "certificate";
  public static final String CLIENT_KEY = PREFIX + "client.key";
  public static final String CLIENT_CERTIFICATE = PREFIX + "client.certificate";
  public static final String BASIC_USERNAME = PREFIX + "basic.username";
  public static final String BASIC_PASSWORD = PREFIX + "basic.password";
  public static final String BEARER_TOKEN = PREFIX + "bearer.token";
  public static final String BEARER_TOKEN_FILE = PREFIX + "bearer.token.file";
  public static final String RESEND_INTERVAL = PREFIX + "resend.interval";
  public static final String ALERT_TTL = PREFIX + "alert.ttl";
  public static final String QUEUE_SIZE = PREFIX + "queue.size";
  public static final String RETRY_INITIAL_BACKOFF = PREFIX + "retry.initial.backoff";
  public static final String RETRY_MAX_BACKOFF = PREFIX + "retry.max.backoff";
  public static final String ERROR_LOG_INTERVAL = PREFIX + "error.log.interval";

  public static final String DEFAULT_URL = "http://localhost:9093";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_ALERT_TTL = Duration.ofMinutes(4);
  public static final int DEFAULT_QUEUE_SIZE = 1024;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_ERROR_LOG_INTERVAL = Duration.ofMinutes(1);

  public AlertmanagerConfig {
    alertsUris = List.copyOf(alertsUris);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(resendInterval, "resendInterval");
    Objects.requireNonNull(alertTtl, "alertTtl");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(errorLogInterval, "errorLogInterval");
    if (alertsUris.isEmpty()) {
      throw new ConfigurationException(URL + ": empty (expected: one or more http(s) URLs, comma-separated)");
    }
    positive(TIMEOUT, timeout);
    positive(RESEND_INTERVAL, resendInterval);
    positive(RETRY_INITIAL_BACKOFF, initialBackoff);
    if (alertTtl.compareTo(resendInterval) <= 0) {
      throw new ConfigurationException(ALERT_TTL + ": " + alertTtl + " (expected: longer than " + RESEND_INTERVAL
          + " = " + resendInterval + ", or firing alerts would expire between posts)");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ConfigurationException(RETRY_MAX_BACKOFF + ": " + maxBackoff + " (expected: at least "
          + RETRY_INITIAL_BACKOFF + " = " + initialBackoff + ")");
    }
    if (queueSize < 1) {
      throw new ConfigurationException(QUEUE_SIZE + ": " + queueSize + " (expected: 1 or more)");
    }
    if ((clientKey == null) != (clientCertificate == null)) {
      throw new ConfigurationException(CLIENT_KEY + " and " + CLIENT_CERTIFICATE
          + ": only one is set (expected: both for mutual TLS, or neither)");
    }
    if ((basicUsername == null) != (basicPassword == null)) {
      throw new ConfigurationException(BASIC_USERNAME + " and " + BASIC_PASSWORD
          + ": only one is set (expected: both for basic auth, or neither)");
    }
    if (basicUsername != null && bearerToken != null) {
      throw new ConfigurationException(BASIC_USERNAME + " and " + BEARER_TOKEN
          + ": both are set (expected: basic auth or a bearer token, not both)");
    }
  }

  /** The defaults, posting to {@code urls} (comma-separated base URLs). */
  public static AlertmanagerConfig defaults(String urls) {
    return new AlertmanagerConfig(parseUrls(urls), DEFAULT_TIMEOUT, Map.of(), null, null, null, null, null, null,
        DEFAULT_RESEND_INTERVAL, DEFAULT_ALERT_TTL, DEFAULT_QUEUE_SIZE, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
        DEFAULT_ERROR_LOG_INTERVAL);
  }

  /** Reads and validates the configuration; throws {@link ConfigurationException} naming the bad key. */
  public static AlertmanagerConfig load(ConfigProperties config) {
    String token = config.getString(BEARER_TOKEN);
    String tokenFile = config.getString(BEARER_TOKEN_FILE);
    if (token != null && tokenFile != null) {
      throw new ConfigurationException(BEARER_TOKEN + " and " + BEARER_TOKEN_FILE
          + ": both are set (expected: one of them)");
    }
    if (tokenFile != null) {
      try {
        token = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new ConfigurationException(BEARER_TOKEN_FILE + ": " + tokenFile + " cannot be read (" + e + ")", e);
      }
    }
    return new AlertmanagerConfig(
        parseUrls(config.getString(URL, DEFAULT_URL)),
        config.getDuration(TIMEOUT, DEFAULT_TIMEOUT),
        new LinkedHashMap<>(config.getMap(HEADERS, Map.of())),
        existingFile(config, CERTIFICATE),
        existingFile(config, CLIENT_KEY),
        existingFile(config, CLIENT_CERTIFICATE),
        config.getString(BASIC_USERNAME),
        config.getString(BASIC_PASSWORD),
        token,
        config.getDuration(RESEND_INTERVAL, DEFAULT_RESEND_INTERVAL),
        config.getDuration(ALERT_TTL, DEFAULT_ALERT_TTL),
        config.getInt(QUEUE_SIZE, DEFAULT_QUEUE_SIZE),
        config.getDuration(RETRY_INITIAL_BACKOFF, DEFAULT_INITIAL_BACKOFF),
        config.getDuration(RETRY_MAX_BACKOFF, DEFAULT_MAX_BACKOFF),
        config.getDuration(ERROR_LOG_INTERVAL, DEFAULT_ERROR_LOG_INTERVAL));
  }

  /**
   * Parses comma-separated Alertmanager URLs. A base URL ({@code http://am:9093} or with a path
   * prefix such as {@code https://host/alertmanager}) gets {@code /api/v2/alerts} appended; a URL
   * that already ends with it is taken as it is.
   */
  static List<URI> parseUrls(String text) {
    List<URI> uris = new ArrayList<>();
    for (String part : text.split(",")) {
      String s = part.trim();
      if (s.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = new URI(s);
      } catch (URISyntaxException e) {
        throw new ConfigurationException(URL + ": " + s + " is not a URL (" + e.getReason() + ")", e);
      }
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        throw new ConfigurationException(URL + ": " + s + " (expected: http://host:port or https://host:port)");
      }
      String path = uri.getPath() == null ? "" : uri.getPath();
      if (!path.endsWith("/api/v2/alerts")) {
        path = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/api/v2/alerts";
      }
      try {
        uris.add(new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getPort(), path, null, null));
      } catch (URISyntaxException e) {
        throw new ConfigurationException(URL + ": " + s + " is not a URL (" + e.getReason() + ")", e);
      }
    }
    if (uris.isEmpty()) {
      throw new ConfigurationException(URL + ": empty (expected: one or more http(s) URLs, comma-separated)");
    }
    return uris;
  }

  private static Path existingFile(ConfigProperties config, String key) {
    String value = config.getString(key);
    if (value == null || value.isBlank()) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new ConfigurationException(key + ": " + value + " (expected: a readable PEM file)");
    }
    return path;
  }

  private static void positive(String key, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new ConfigurationException(key + ": " + d + " (expected: a positive duration)");
    }
  }

  @Override
  public String toString() {
    // Keep secrets out of logs.
    return "AlertmanagerConfig{urls=" + alertsUris + ", timeout=" + timeout + ", headers=" + headers.keySet()
        + ", tls=" + (trustedCertificates != null) + ", mtls=" + (clientKey != null)
        + ", auth=" + (basicUsername != null ? "basic" : bearerToken != null ? "bearer" : "none")
        + ", resendInterval=" + resendInterval + ", alertTtl=" + alertTtl + ", queueSize=" + queueSize + "}";
  }
}
