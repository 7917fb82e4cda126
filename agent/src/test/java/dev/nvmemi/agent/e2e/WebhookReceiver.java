package dev.nvmemi.agent.e2e;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The receiver Alertmanager notifies (webhook, {@code send_resolved: true}) on a loopback port;
 * it keeps every alert of every notification.
 *
 * <p>Requests are handled on the JDK HTTP server's dispatcher thread; the queries are synchronised
 * and may come from any thread.
 */
final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<JsonObject> alerts = new ArrayList<>();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", exchange -> {
      try (exchange) {
        JsonObject body = new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        synchronized (alerts) {
          body.getJsonArray("alerts").forEach(a -> alerts.add((JsonObject) a));
        }
        exchange.sendResponseHeaders(200, -1);
      }
    });
    server.start();
  }

  /** The URL to configure in Alertmanager's {@code webhook_configs}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /**
   * Whether Alertmanager notified an alert with {@code status} ({@code firing} or
   * {@code resolved}) whose labels include every entry of {@code labels}.
   */
  boolean notified(String status, Map<String, String> labels) {
    synchronized (alerts) {
      return alerts.stream().anyMatch(a -> status.equals(a.getString("status"))
          && labels.entrySet().stream().allMatch(
              e -> e.getValue().equals(a.getJsonObject("labels", new JsonObject()).getString(e.getKey()))));
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
