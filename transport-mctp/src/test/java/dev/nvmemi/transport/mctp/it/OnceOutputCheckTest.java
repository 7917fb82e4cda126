package dev.nvmemi.transport.mctp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check of the VM step's {@code once} document, on the host: a document that holds what the
 * reference drive serves passes; a wrong identity value, a counter the drive could not have reached
 * and a missing endpoint are each reported with what the drive serves.
 */
class OnceOutputCheckTest {
  private static final List<String> TARGET = List.of("1:9@mctpserial0/1");

  /** The document {@code once} would print for the drive at age 0, from the check's own expectations. */
  private static JsonObject documentOfTheDrive() throws Exception {
    return documentOfTheDrive(9, 1);
  }

  /** The same for the drive at EID {@code eid} served with {@code seed}, its OCP section included. */
  private static JsonObject documentOfTheDrive(int eid, long seed) throws Exception {
    JsonObject ep = new JsonObject().put("network", 1).put("eid", eid).put("bus", "mctpserial0");
    Map<String, List<Object>> expected = new java.util.LinkedHashMap<>(OnceOutputCheck.reference(1, eid, seed, 0));
    expected.putAll(OnceOutputCheck.ocpReference(1, eid, seed, 0));
    for (Map.Entry<String, List<Object>> e : expected.entrySet()) {
      String path = e.getKey();
      Object value = e.getValue().get(0);
      if (path.endsWith("#size")) {
        String arrayPath = path.substring(0, path.length() - "#size".length());
        JsonArray array = arrayAt(ep, arrayPath);
        for (int i = array.size(); arrayPath.endsWith("criticalWarnings") && i < (Integer) value; i++) {
          array.add("name-" + i); // bit names; only their number is compared
        }
      } else {
        put(ep, path, value);
      }
    }
    return new JsonObject().put("endpoints", new JsonArray().add(ep));
  }

  private static JsonArray arrayAt(JsonObject root, String path) {
    String[] seg = path.split("\\.");
    Object cur = root;
    for (int i = 0; i < seg.length; i++) {
      Object next = child(cur, seg[i]);
      if (next == null) {
        boolean array = i == seg.length - 1 || seg[i + 1].matches("\\d+");
        next = array ? new JsonArray() : new JsonObject();
        setChild(cur, seg[i], next);
      }
      cur = next;
    }
    return (JsonArray) cur;
  }

  private static void put(JsonObject root, String path, Object value) {
    String[] seg = path.split("\\.");
    Object cur = root;
    for (int i = 0; i < seg.length - 1; i++) {
      Object next = child(cur, seg[i]);
      if (next == null) {
        next = seg[i + 1].matches("\\d+") ? new JsonArray() : new JsonObject();
        setChild(cur, seg[i], next);
      }
      cur = next;
    }
    setChild(cur, seg[seg.length - 1], value instanceof java.math.BigInteger b ? b.longValueExact() : value);
  }

  private static Object child(Object parent, String key) {
    if (parent instanceof JsonObject o) {
      return o.getValue(key);
    }
    JsonArray a = (JsonArray) parent;
    int i = Integer.parseInt(key);
    return i < a.size() ? a.getValue(i) : null;
  }

  private static void setChild(Object parent, String key, Object value) {
    if (parent instanceof JsonObject o) {
      o.put(key, value);
      return;
    }
    JsonArray a = (JsonArray) parent;
    int i = Integer.parseInt(key);
    while (a.size() <= i) {
      a.addNull();
    }
    a.set(i, value);
  }

  private static List<String> problems(JsonObject doc) throws Exception {
    List<String> problems = new ArrayList<>();
    OnceOutputCheck.check(doc, 0, TARGET, problems, new ArrayList<>());
    return problems;
  }

  private static JsonObject endpoint(JsonObject doc) {
    return doc.getJsonArray("endpoints").getJsonObject(0);
  }

  @Test
  void aDocumentHoldingWhatTheDriveServesPasses() throws Exception {
    assertThat(problems(documentOfTheDrive())).isEmpty();
  }

  @Test
  void theOcpSectionOfAnOcpDriveIsComparedWithWhatItServes() throws Exception {
    JsonObject doc = documentOfTheDrive(10, 2); // seed 2: an OCP model (LPV 6)
    List<String> target = List.of("1:10@mctpserial0/2");
    List<String> problems = new ArrayList<>();
    OnceOutputCheck.check(doc, 0, target, problems, new ArrayList<>());
    assertThat(problems).isEmpty();
    JsonObject ocp = endpoint(doc).getJsonObject("ocp");
    assertThat(ocp.getInteger("logPageVersion")).isEqualTo(6);

    ocp.getJsonObject("writeAmplification").put("lifetime", 9.99);
    ocp.put("capacitorHealthPercent", 42);
    problems.clear();
    OnceOutputCheck.check(doc, 0, target, problems, new ArrayList<>());
    assertThat(problems).hasSize(2).anyMatch(p -> p.contains("ocp.writeAmplification.lifetime = 9.99"))
        .anyMatch(p -> p.contains("ocp.capacitorHealthPercent = 42"));
  }

  @Test
  void aDriveWithoutTheOcpLogsMustListC0hAsUnsupported() throws Exception {
    JsonObject doc = documentOfTheDrive();
    endpoint(doc).remove("unsupported");
    assertThat(problems(doc)).containsExactly(
        "1:9@mctpserial0/1: unsupported.0 missing (expected: get_log_page.ocp_smart_extended)");
  }

  @Test
  void aWrongSerialNumberIsReportedWithTheDrivesOwn() throws Exception {
    JsonObject doc = documentOfTheDrive();
    String serial = endpoint(doc).getJsonObject("identity").getString("serialNumber");
    endpoint(doc).getJsonObject("identity").put("serialNumber", "NOT-THE-DRIVE");
    assertThat(problems(doc)).containsExactly(
        "1:9@mctpserial0/1: identity.serialNumber = NOT-THE-DRIVE (expected: " + serial + ")");
  }

  @Test
  void aCounterTheDriveCouldNotHaveReachedIsReported() throws Exception {
    JsonObject doc = documentOfTheDrive();
    JsonObject smart = endpoint(doc).getJsonObject("smart");
    smart.put("powerCycles", smart.getLong("powerCycles") + 1);
    assertThat(problems(doc)).singleElement().asString().startsWith("1:9@mctpserial0/1: smart.powerCycles = ");
  }

  @Test
  void aMissingEndpointOrErrorListEntryIsReported() throws Exception {
    JsonObject doc = documentOfTheDrive();
    endpoint(doc).getJsonArray("errors").remove(0);
    assertThat(problems(doc)).anySatisfy(p -> assertThat(p).startsWith("1:9@mctpserial0/1: errors#size = "));
    assertThat(problems(new JsonObject().put("endpoints", new JsonArray())))
        .contains("endpoints: 0 (expected: 1)", "1:9@mctpserial0/1: no endpoint in the output");
  }
}
