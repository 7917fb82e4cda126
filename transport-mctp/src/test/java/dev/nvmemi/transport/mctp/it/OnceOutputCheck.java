package dev.nvmemi.transport.mctp.it;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the JSON document that {@code nvme-mi-agent once --static 1:9,1:10} printed inside the
 * guest (the whole chain over a real kernel: static discovery, AF_MCTP through the kernel's
 * mctp-serial links to two simulated drives, identify, health and SMART polls): every expected
 * endpoint is there, on the interface the kernel routes it over, identified, with health and SMART
 * readings. {@code OnceOutputCheck FILE NET:EID@IFNAME...}; exit status 1 with every problem listed.
 *
 * <p>Runs on the main thread of a short-lived JVM inside the guest.
 */
public final class OnceOutputCheck {
  private OnceOutputCheck() {}

  public static void main(String[] args) throws Exception {
    JsonObject doc = new JsonObject(Files.readString(Path.of(args[0])));
    JsonArray endpoints = doc.getJsonArray("endpoints");
    List<String> problems = new ArrayList<>();
    if (endpoints == null || endpoints.size() != args.length - 1) {
      problems.add("endpoints: " + (endpoints == null ? "missing" : endpoints.size())
          + " (expected: " + (args.length - 1) + ")");
    }
    for (int i = 1; i < args.length; i++) {
      String[] netEid = args[i].split("@")[0].split(":");
      String bus = args[i].split("@")[1];
      long net = Long.parseLong(netEid[0]);
      int eid = Integer.parseInt(netEid[1]);
      JsonObject ep = null;
      for (int j = 0; endpoints != null && j < endpoints.size(); j++) {
        JsonObject e = endpoints.getJsonObject(j);
        if (e.getLong("network") == net && e.getInteger("eid") == eid) {
          ep = e;
        }
      }
      if (ep == null) {
        problems.add(args[i] + ": no endpoint in the output");
        continue;
      }
      if (!bus.equals(ep.getString("bus"))) {
        problems.add(args[i] + ": bus " + ep.getString("bus") + " (expected: " + bus + ")");
      }
      JsonObject id = ep.getJsonObject("identity");
      if (id == null || id.getString("serialNumber", "").isBlank() || id.getString("model", "").isBlank()) {
        problems.add(args[i] + ": not identified: " + id);
      }
      JsonObject health = ep.getJsonObject("health");
      if (health == null || !health.containsKey("temperatureCelsius") || !"ok".equals(health.getString("hwState"))) {
        problems.add(args[i] + ": no healthy subsystem health reading: " + health);
      }
      JsonObject smart = ep.getJsonObject("smart");
      if (smart == null || !smart.containsKey("availableSpare")) {
        problems.add(args[i] + ": no SMART reading: " + smart);
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("once check: " + p));
      System.exit(1);
    }
    System.out.println("once check: " + (args.length - 1) + " endpoints identified and polled over the kernel");
  }
}
