package dev.nvmemi.plugins.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nvmemi.testsupport.AlertmanagerServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus Alertmanager ({@link AlertmanagerServer}: the Debian package's binary on a free
 * loopback port, everything routed to a webhook), whose alerts this module's tests read with Jackson.
 * Can be stopped and started again on the same port and storage.
 *
 * <p>Used from the test thread only.
 */
final class RealAlertmanager implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final AlertmanagerServer server;

  RealAlertmanager(Path dir, String webhookUrl) throws IOException {
    this.server = new AlertmanagerServer(dir, webhookUrl);
  }

  String baseUrl() {
    return server.baseUrl();
  }

  void start() throws IOException {
    server.start();
  }

  void stop() throws InterruptedException {
    server.stop();
  }

  @Override
  public void close() {
    server.close();
  }

  /** The alerts whose labels include all of {@code labels} (resolved ones are not listed). */
  List<JsonNode> alerts(Map<String, String> labels) throws IOException, InterruptedException {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode alert : JSON.readTree(server.alertsJson())) {
      if (labels.entrySet().stream().allMatch(e -> e.getValue().equals(alert.path("labels").path(e.getKey()).asText(null)))) {
        matching.add(alert);
      }
    }
    return matching;
  }
}
