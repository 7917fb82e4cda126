package dev.nvmemi.plugins.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.nvmemi.testsupport.Await;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS (own CA, mutual TLS) and authentication headers against a loopback HTTPS server built from
 * certificates that openssl generates for the test.
 */
class TlsAndAuthTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path keys;
  private final LinkedBlockingQueue<Map.Entry<String, String>> requests = new LinkedBlockingQueue<>();
  private HttpServer server;
  private AlertmanagerLogRecordExporter exporter;

  @BeforeAll
  static void generateKeys() throws Exception {
    for (String name : new String[] {"server", "client"}) {
      // openssl writes the key as PKCS#8 ("BEGIN PRIVATE KEY"), the form the exporter reads.
      run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
          "-keyout", keys.resolve(name + "-key.pem").toString(), "-out", keys.resolve(name + "-cert.pem").toString(),
          "-days", "2", "-subj", "/CN=" + name, "-addext", "subjectAltName=IP:127.0.0.1");
    }
  }

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown().join(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.stop(0);
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  private static Certificate certificate(String name) throws Exception {
    try (InputStream in = Files.newInputStream(keys.resolve(name + "-cert.pem"))) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** A key store with {@code name}'s key and certificate, read from the PEM files. */
  private static KeyStore load(String name) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(name, TlsContexts.privateKey(keys.resolve(name + "-key.pem")), PASSWORD,
        new Certificate[] {certificate(name)});
    return ks;
  }

  /** Records the Authorization header and body of every request, answers 200. */
  private void handle(HttpServer s) {
    s.createContext("/api/v2/alerts", exchange -> {
      String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(Map.entry(auth, body));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    s.start();
  }

  private void startHttps(boolean needClientAuth) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load("server"), PASSWORD);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("client", certificate("client"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        var parameters = context.getDefaultSSLParameters();
        parameters.setNeedClientAuth(needClientAuth);
        params.setSSLParameters(parameters);
      }
    });
    server = https;
    handle(https);
  }

  private AlertmanagerConfig config(String scheme, Path ca, boolean clientCert, Map<String, String> headers,
      String user, String password, String token) {
    AlertmanagerConfig d = AlertmanagerConfig.defaults(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    return new AlertmanagerConfig(d.alertsUris(), Duration.ofSeconds(5), headers, ca,
        clientCert ? keys.resolve("client-key.pem") : null, clientCert ? keys.resolve("client-cert.pem") : null,
        user, password, token, d.resendInterval(), d.alertTtl(), 16, Duration.ofMillis(100), Duration.ofMillis(200),
        d.errorLogInterval());
  }

  private void fire() {
    exporter.export(List.of(AgentEvents.record("nvme.drive.health.change", Severity.WARN,
        AgentEvents.health(9, "degraded", "ok"), Instant.now())));
  }

  @Test
  void postsOverMutualTlsWithTheConfiguredCaAndABearerToken() throws Exception {
    startHttps(true);
    exporter = AlertmanagerLogRecordExporter.create(
        config("https", keys.resolve("server-cert.pem"), true, Map.of(), null, null, "s3cret"));

    fire();

    Map.Entry<String, String> request = requests.poll(10, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getKey()).isEqualTo("Bearer s3cret");
    JsonNode alerts = RealAlertmanager.JSON.readTree(request.getValue());
    assertThat(alerts.get(0).get("labels").get("alertname").asText()).isEqualTo("nvme.drive.health.change");
  }

  @Test
  void refusesAServerItsCaDoesNotVouchFor() throws Exception {
    startHttps(false);
    exporter = AlertmanagerLogRecordExporter.create(config("https", keys.resolve("client-cert.pem"), false,
        Map.of(), null, null, null));

    fire();

    Await.until("a failed post", Duration.ofSeconds(10), () -> exporter.stats().postsFailed() > 0);
    assertThat(requests).isEmpty();
  }

  @Test
  void sendsBasicAuthAndExtraHeaders() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LinkedBlockingQueue<String> tenant = new LinkedBlockingQueue<>();
    server.createContext("/api/v2/alerts", exchange -> {
      tenant.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Scope-OrgID")));
      requests.add(Map.entry(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")), ""));
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    exporter = AlertmanagerLogRecordExporter.create(config("http", null, false, Map.of("X-Scope-OrgID", "rack-4"),
        "agent", "pa:ss", null));

    fire();

    Map.Entry<String, String> request = requests.poll(10, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getKey()).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("agent:pa:ss".getBytes(StandardCharsets.UTF_8)));
    assertThat(tenant.poll(1, TimeUnit.SECONDS)).isEqualTo("rack-4");
  }

  @Test
  void rejectsAPkcs1KeyWithAHowToConvert() throws IOException {
    Path pkcs1 = keys.resolve("rsa.pem");
    Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TlsContexts.privateKey(pkcs1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("holds a 'RSA PRIVATE KEY' (expected: PKCS#8 '-----BEGIN PRIVATE KEY-----'");
  }
}
