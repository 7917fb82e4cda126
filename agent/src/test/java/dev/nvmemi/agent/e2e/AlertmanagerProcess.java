package dev.nvmemi.agent.e2e;

import dev.nvmemi.testsupport.AlertmanagerServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus Alertmanager ({@link AlertmanagerServer}: the Debian package's binary on a free
 * loopback port, every alert routed to a webhook with {@code send_resolved}), whose alerts the agent's
 * tests read with Vert.x's JSON (the exporter module's tests read them with Jackson, which the agent's
 * test class path does not have). It can be stopped and started again on the same port and storage,
 * as an operator restarting it would.
 *
 * <p>Used from the test thread only.
 */
final class AlertmanagerProcess implements AutoCloseable {
  private final AlertmanagerServer server;

  /** Writes the configuration under {@code dir}; {@link #start()} runs the process. */
  AlertmanagerProcess(Path dir, String webhookUrl) throws IOException {
    this.server = new AlertmanagerServer(dir, webhookUrl);
  }

  /** {@code http://127.0.0.1:<port>}, the value for {@code otel.exporter.alertmanager.url}. */
  String baseUrl() {
    return server.baseUrl();
  }

  /** Starts the process and waits until it is ready. */
  void start() throws IOException {
    server.start();
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits until it has exited. */
  void stop() throws InterruptedException {
    server.stop();
  }

  @Override
  public void close() {
    server.close();
  }

  /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds as active (resolved ones are not listed). */
  List<JsonObject> alerts() throws IOException, InterruptedException {
    List<JsonObject> alerts = new ArrayList<>();
    for (Object o : new JsonArray(server.alertsJson())) {
      alerts.add((JsonObject) o);
    }
    return alerts;
  }

  /** The active alerts whose labels include every entry of {@code labels}. */
  List<JsonObject> alerts(Map<String, String> labels) throws IOException, InterruptedException {
    List<JsonObject> matching = new ArrayList<>();
    for (JsonObject alert : alerts()) {
      JsonObject l = alert.getJsonObject("labels", new JsonObject());
      if (labels.entrySet().stream().allMatch(e -> e.getValue().equals(l.getString(e.getKey())))) {
        matching.add(alert);
      }
    }
    return matching;
  }
}
