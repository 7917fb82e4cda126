package dev.nvmemi.plugins.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Receives Alertmanager's webhook notifications on a loopback port and keeps every alert in them. */
final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<JsonNode> alerts = new ArrayList<>();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", exchange -> {
      JsonNode body = RealAlertmanager.JSON.readTree(exchange.getRequestBody());
      synchronized (alerts) {
        body.path("alerts").forEach(alerts::add);
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Whether a notified alert with {@code status} ("firing" or "resolved") had this label value. */
  boolean notified(String status, String label, String value) {
    synchronized (alerts) {
      return alerts.stream().anyMatch(a -> status.equals(a.path("status").asText())
          && value.equals(a.path("labels").path(label).asText()));
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
