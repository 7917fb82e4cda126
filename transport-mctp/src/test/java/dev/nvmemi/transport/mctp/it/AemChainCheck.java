package dev.nvmemi.transport.mctp.it;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks the AEM chain over a real kernel (issue #15) after {@code nvme-mi-agent run} with
 * {@code events.aem} served a simulated drive over {@code mctpserial}: the drive's temperature
 * crossing reached the agent as an Asynchronous Event Message (the agent counted it in
 * {@code nvme_mi.aem.received}) and became a {@code nvme.drive.temperature.threshold} event long
 * before any poll could have seen it (polls are minutes apart in that run). Prints the measured
 * latencies as one JSON line: scenario change applied in the simulator → AEM written to the serial
 * link → event observed by the agent → event handed to the exporter.
 *
 * <p>{@code AemChainCheck EVENTS.jsonl METRICS.jsonl SIMULATOR.log EID}: the simulator runs with
 * {@code --debug}; each of its log lines starts with the agent's log timestamp (ISO-8601 UTC with
 * milliseconds, README "Logs"). Lines that start otherwise (the simulator's own start-up lines) are
 * skipped. Exit status 1 with every problem listed.
 * Runs on the main thread of a short-lived JVM inside the guest.
 */
public final class AemChainCheck {
  private AemChainCheck() {}

  public static void main(String[] args) throws Exception {
    Path events = Path.of(args[0]);
    Path metrics = Path.of(args[1]);
    Path simLog = Path.of(args[2]);
    int eid = Integer.parseInt(args[3]);
    List<String> problems = new ArrayList<>();

    long appliedMs = -1;
    long aemSentMs = -1;
    for (String line : Files.readAllLines(simLog)) {
      long ms = logMillis(line);
      if (ms < 0) {
        continue;
      }
      if (appliedMs < 0 && line.contains("scenario event at") && line.contains("Temperature")) {
        appliedMs = ms;
      }
      if (appliedMs >= 0 && aemSentMs < 0 && line.contains("tx eid " + eid + " -> ") && line.contains(" TO: 84 28")) {
        aemSentMs = ms;
      }
    }
    if (appliedMs < 0) {
      problems.add(simLog + ": no applied temperature scenario event (expected: the simulator ran with --debug)");
    }
    if (aemSentMs < 0) {
      problems.add(simLog + ": the simulator sent no AEM (tx ... TO: 84 28) after the temperature change");
    }

    long observedNs = -1;
    long exportedNs = -1;
    for (String line : Files.exists(events) ? Files.readAllLines(events) : List.<String>of()) {
      JsonObject e = new JsonObject(line);
      if ("nvme.drive.temperature.threshold".equals(e.getString("name")) && String.valueOf(eid)
          .equals(String.valueOf(e.getJsonObject("attributes", new JsonObject()).getValue("nvme.mctp.eid")))) {
        observedNs = e.getLong("time_unix_nano");
        exportedNs = e.getLong("observed_time_unix_nano");
        break;
      }
    }
    if (observedNs < 0) {
      problems.add(events + ": no nvme.drive.temperature.threshold event for eid " + eid);
    }

    long aems = 0;
    for (String line : Files.exists(metrics) ? Files.readAllLines(metrics) : List.<String>of()) {
      JsonObject m = new JsonObject(line);
      if ("nvme_mi.aem.received".equals(m.getString("name"))
          && "false".equals(String.valueOf(m.getJsonObject("attributes", new JsonObject()).getValue("duplicate")))) {
        aems = Math.max(aems, m.getLong("value", 0L));
      }
    }
    if (aems < 1) {
      problems.add(metrics + ": nvme_mi.aem.received (duplicate=false) is " + aems + " (expected: >= 1)");
    }
    if (observedNs >= 0 && appliedMs >= 0 && (observedNs / 1_000_000 - appliedMs) > 5_000) {
      problems.add("the event was observed " + (observedNs / 1_000_000 - appliedMs)
          + " ms after the change (expected: well within the 10 min poll interval, < 5 s: it must come from the AEM)");
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("aem check: " + p));
      System.exit(1);
    }
    System.out.println(String.format(Locale.ROOT,
        "{\"vm_drive_change_to_aem_sent_s\":%.3f,\"vm_drive_change_to_event_observed_s\":%.3f,"
            + "\"vm_drive_change_to_otel_event_s\":%.3f,\"aem_received\":%d}",
        (aemSentMs - appliedMs) / 1e3, (observedNs / 1e6 - appliedMs) / 1e3, (exportedNs / 1e6 - appliedMs) / 1e3, aems));
  }

  /**
   * The epoch milliseconds of a log line's leading ISO-8601 timestamp, or -1 when the line does not
   * start with one.
   */
  static long logMillis(String line) {
    int space = line.indexOf(' ');
    if (space < 0) {
      return -1;
    }
    try {
      return java.time.Instant.parse(line.substring(0, space)).toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      return -1;
    }
  }
}
