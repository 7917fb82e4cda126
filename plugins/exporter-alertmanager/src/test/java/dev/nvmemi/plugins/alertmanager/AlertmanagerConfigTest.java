package dev.nvmemi.plugins.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertmanagerConfigTest {
  @TempDir Path dir;

  private static AlertmanagerConfig load(Map<String, String> properties) {
    return AlertmanagerConfig.load(DefaultConfigProperties.createFromMap(properties));
  }

  @Test
  void defaultsToTheLocalAlertmanager() {
    AlertmanagerConfig config = load(Map.of());

    assertThat(config.alertsUris()).containsExactly(URI.create("http://localhost:9093/api/v2/alerts"));
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.resendInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.alertTtl()).isEqualTo(Duration.ofMinutes(4));
    assertThat(config.queueSize()).isEqualTo(1024);
  }

  @Test
  void postsToEveryMemberOfAnHaPair() {
    AlertmanagerConfig config = load(Map.of("otel.exporter.alertmanager.url",
        "http://am-0:9093, https://am-1.example:9443/alertmanager/"));

    assertThat(config.alertsUris()).containsExactly(URI.create("http://am-0:9093/api/v2/alerts"),
        URI.create("https://am-1.example:9443/alertmanager/api/v2/alerts"));
  }

  @Test
  void readsTheUrlFromTheEnvironmentVariable() throws Exception {
    // Autoconfigure maps OTEL_EXPORTER_ALERTMANAGER_URL to otel.exporter.alertmanager.url; the
    // environment cannot be changed in-process, so a child JVM prints what it loaded.
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, PrintConfigFromEnvironment.class.getName()).redirectErrorStream(true);
    pb.environment().put("OTEL_EXPORTER_ALERTMANAGER_URL", "http://am-env-0:9093,http://am-env-1:9093");
    Process child = pb.start();
    String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();

    assertThat(child.waitFor()).isZero();
    assertThat(out).isEqualTo("[http://am-env-0:9093/api/v2/alerts, http://am-env-1:9093/api/v2/alerts]");
  }

  @Test
  void keepsAUrlThatAlreadyNamesTheAlertsEndpoint() {
    assertThat(load(Map.of("otel.exporter.alertmanager.url", "http://am:9093/api/v2/alerts")).alertsUris())
        .containsExactly(URI.create("http://am:9093/api/v2/alerts"));
  }

  @Test
  void rejectsAUrlWithoutHttpScheme() {
    assertThatThrownBy(() -> load(Map.of("otel.exporter.alertmanager.url", "am:9093")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("otel.exporter.alertmanager.url: am:9093 (expected: http://host:port or https://host:port)");
  }

  @Test
  void rejectsATtlThatDoesNotOutlastTheResendInterval() {
    assertThatThrownBy(() -> load(Map.of("otel.exporter.alertmanager.resend.interval", "5m",
        "otel.exporter.alertmanager.alert.ttl", "5m")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("otel.exporter.alertmanager.alert.ttl: PT5M (expected: longer than");
  }

  @Test
  void rejectsHalfABasicAuthPair() {
    assertThatThrownBy(() -> load(Map.of("otel.exporter.alertmanager.basic.username", "agent")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("only one is set");
  }

  @Test
  void readsTheBearerTokenFromAFile() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "s3cret\n");

    assertThat(load(Map.of("otel.exporter.alertmanager.bearer.token.file", token.toString())).bearerToken())
        .isEqualTo("s3cret");
  }

  @Test
  void rejectsAMissingCertificateFile() {
    assertThatThrownBy(() -> load(Map.of("otel.exporter.alertmanager.certificate", dir.resolve("nope.pem").toString())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageEndingWith("nope.pem (expected: a readable PEM file)");
  }

  @Test
  void keepsSecretsOutOfToString() {
    AlertmanagerConfig config = load(Map.of("otel.exporter.alertmanager.bearer.token", "s3cret"));

    assertThat(config.toString()).doesNotContain("s3cret").contains("auth=bearer");
  }

  @Test
  void rejectsAHeaderTheHttpClientWillNotSendAtStartUp() {
    AlertmanagerConfig d = AlertmanagerConfig.defaults("http://127.0.0.1:1");
    AlertmanagerConfig config = new AlertmanagerConfig(d.alertsUris(), d.timeout(), Map.of("Connection", "close"),
        null, null, null, null, null, null, d.resendInterval(), d.alertTtl(), d.queueSize(), d.initialBackoff(),
        d.maxBackoff(), d.errorLogInterval());

    assertThatThrownBy(() -> AlertmanagerLogRecordExporter.create(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("otel.exporter.alertmanager.headers: [Connection] (restricted header name");
  }
}
