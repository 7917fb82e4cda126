package dev.nvmemi.simulator.scenario;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario from JSON (format in {@code simulator/README.md}):
 * <pre>{@code
 * {"name": "overheat", "description": "…",
 *  "events": [{"at": "5s", "drive": 0, "action": "temperature", "celsius": 72, "over": "5s"}]}
 * }</pre>
 * Strict: unknown members, wrong types and out-of-range values fail with the place (file, line,
 * column), what was found and what was expected. Stateless; thread-safe.
 */
public final class ScenarioReader {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  private static final Map<String, Integer> WARNING_BITS = Map.of("RD", 0x04, "VMBF", 0x10, "PMRE", 0x20);

  private ScenarioReader() {}

  /** Reads and validates a scenario file. */
  public static Scenario read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException("cannot read scenario file " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(text);
    } catch (ScenarioException e) {
      throw new ScenarioException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses and validates scenario JSON text. */
  public static Scenario parse(String text) {
    Json.Value root = Json.parse(text);
    Json.Obj top = object(root, "the scenario");
    allow(top, "scenario", Set.of("name", "description", "events"));
    String name = string(require(top, "name", "the scenario"), "name");
    String description = top.members().containsKey("description")
        ? string(top.members().get("description"), "description") : "";
    Json.Arr events = array(require(top, "events", "the scenario"), "events");
    Scenario.Builder b = Scenario.builder(name).description(description);
    for (Json.Value v : events.items()) {
      ScenarioEvent e = event(object(v, "an event"));
      b.at(e.at(), e.drive(), e.action());
    }
    return b.build();
  }

  private static final Map<String, Set<String>> KEYS = Map.ofEntries(
      Map.entry("temperature", Set.of("celsius", "over")),
      Map.entry("spare", Set.of("percent", "over")),
      Map.entry("percentage_used", Set.of("percent", "over")),
      Map.entry("critical_warning", Set.of("bits", "asserted")),
      Map.entry("read_only", Set.of("value")),
      Map.entry("controller_fatal", Set.of("controller", "fatal")),
      Map.entry("controller_ready", Set.of("controller", "ready")),
      Map.entry("shutdown", Set.of("controller")),
      Map.entry("firmware_activate", Set.of("revision", "slot", "ocp")),
      Map.entry("capacitor", Set.of("percent", "over")),
      Map.entry("media_errors", Set.of("count")),
      Map.entry("replace", Set.of("serial")),
      Map.entry("power_cycle", Set.of("unsafe")),
      Map.entry("host_power", Set.of("on")),
      Map.entry("unresponsive", Set.of("duration")),
      Map.entry("slow", Set.of("duration", "delay")),
      Map.entry("mpr", Set.of("exchanges", "mprt")),
      Map.entry("corrupt_mic", Set.of("rate", "duration")),
      Map.entry("truncate", Set.of("rate", "duration", "keep_bytes")),
      Map.entry("wrong_csi", Set.of("exchanges")),
      Map.entry("removed", Set.of("duration")),
      Map.entry("aem_ack_lost", Set.of("duration")),
      Map.entry("error_status", Set.of("command", "status", "duration", "nmd0_bits", "cdw10_bits")));

  private static ScenarioEvent event(Json.Obj o) {
    Json.Value actionValue = require(o, "action", "an event");
    String action = string(actionValue, "action");
    Set<String> keys = KEYS.get(action);
    if (keys == null) {
      throw new ScenarioException("unknown action \"" + action + "\" at " + actionValue.where() + " (expected: one of "
          + new java.util.TreeSet<>(KEYS.keySet()) + ")");
    }
    Set<String> allowed = new LinkedHashSet<>(List.of("at", "drive", "action"));
    allowed.addAll(keys);
    allow(o, "a \"" + action + "\" event", allowed);
    Duration at = duration(require(o, "at", "an event"), "at");
    int drive = ScenarioEvent.ALL_DRIVES;
    Json.Value d = o.members().get("drive");
    if (d != null && !(d instanceof Json.Str s && s.value().equals("all"))) {
      drive = integer(d, "drive", 0, 238);
    }
    try {
      return new ScenarioEvent(at, drive, action(action, o));
    } catch (ScenarioException e) {
      throw new ScenarioException(e.getMessage() + " in the event at " + o.where(), e);
    }
  }

  private static Action action(String kind, Json.Obj o) {
    Map<String, Json.Value> m = o.members();
    switch (kind) {
      case "temperature":
        return new StateChange.Temperature(number(require(o, "celsius", kind), "celsius").doubleValue(),
            optDuration(m, "over", Duration.ZERO));
      case "spare":
        return new StateChange.Spare(integer(require(o, "percent", kind), "percent", 0, 100),
            optDuration(m, "over", Duration.ZERO));
      case "percentage_used":
        return new StateChange.PercentageUsed(integer(require(o, "percent", kind), "percent", 0, 255),
            optDuration(m, "over", Duration.ZERO));
      case "critical_warning": {
        Json.Arr bits = array(require(o, "bits", kind), "bits");
        int mask = 0;
        for (Json.Value v : bits.items()) {
          String n = string(v, "bits item");
          Integer bit = WARNING_BITS.get(n);
          if (bit == null) {
            throw new ScenarioException("unknown critical warning bit \"" + n + "\" at " + v.where()
                + " (expected: RD, VMBF or PMRE; ST, TAUT and RO follow spare, temperature and read_only)");
          }
          mask |= bit;
        }
        return new StateChange.CriticalWarning(mask, optBool(m, "asserted", true));
      }
      case "read_only":
        return new StateChange.ReadOnly(optBool(m, "value", true));
      case "controller_fatal":
        return new StateChange.ControllerFatal(optInt(m, "controller", 0, 0, 15), optBool(m, "fatal", true));
      case "controller_ready":
        return new StateChange.ControllerReady(optInt(m, "controller", 0, 0, 15), optBool(m, "ready", true));
      case "shutdown":
        return new StateChange.Shutdown(optInt(m, "controller", 0, 0, 15));
      case "firmware_activate":
        return new StateChange.FirmwareActivate(string(require(o, "revision", kind), "revision"),
            optInt(m, "slot", 2, 1, 7), m.containsKey("ocp") ? optBool(m, "ocp", false) : null);
      case "capacitor":
        return new StateChange.Capacitor(integer(require(o, "percent", kind), "percent", 0, 255),
            optDuration(m, "over", Duration.ZERO));
      case "media_errors":
        return new StateChange.MediaErrors(integer(require(o, "count", kind), "count", 1, 1_000_000));
      case "replace":
        return new StateChange.Replace(m.containsKey("serial") ? string(m.get("serial"), "serial") : null);
      case "power_cycle":
        return new StateChange.PowerCycle(optBool(m, "unsafe", false));
      case "host_power":
        return new StateChange.HostPower(optBool(m, "on", true));
      case "unresponsive":
        return new Fault.Unresponsive(duration(require(o, "duration", kind), "duration"));
      case "slow":
        return new Fault.Slow(duration(require(o, "duration", kind), "duration"),
            duration(require(o, "delay", kind), "delay"));
      case "mpr":
        return new Fault.MoreProcessingRequired(integer(require(o, "exchanges", kind), "exchanges", 1, 1_000_000),
            optInt(m, "mprt", 1, 0, 0xFFFF));
      case "corrupt_mic":
        return new Fault.CorruptMic(rate(require(o, "rate", kind)), duration(require(o, "duration", kind), "duration"));
      case "truncate":
        return new Fault.Truncate(rate(require(o, "rate", kind)), duration(require(o, "duration", kind), "duration"),
            optInt(m, "keep_bytes", 0, 0, 4223));
      case "wrong_csi":
        return new Fault.WrongCsi(integer(require(o, "exchanges", kind), "exchanges", 1, 1_000_000));
      case "removed":
        return new Fault.Removed(optDuration(m, "duration", Duration.ZERO));
      case "aem_ack_lost":
        return new Fault.AemAckLost(optDuration(m, "duration", Duration.ZERO));
      case "error_status":
        return errorStatus(o, m);
      default:
        throw new IllegalStateException(kind);
    }
  }

  private static final Pattern HEX_INT = Pattern.compile("0[xX]([0-9a-fA-F]{1,8})");

  private static Fault.ErrorStatus errorStatus(Json.Obj o, Map<String, Json.Value> m) {
    Json.Value c = require(o, "command", "error_status");
    CommandSelector command;
    try {
      command = CommandSelector.named(string(c, "command"));
    } catch (ScenarioException e) {
      throw new ScenarioException(e.getMessage() + " at " + c.where(), e);
    }
    for (String key : List.of("nmd0_bits", "cdw10_bits")) {
      Json.Value v = m.get(key);
      if (v == null) {
        continue;
      }
      int wanted = key.equals("nmd0_bits") ? CommandSelector.MI_COMMAND : CommandSelector.ADMIN_COMMAND;
      if (command.nmimt() != wanted) {
        throw new ScenarioException("\"" + key + "\" at " + v.where() + " does not apply to command \"" + command.name()
            + "\" (expected: " + (command.nmimt() == CommandSelector.MI_COMMAND ? "nmd0_bits for NVMe-MI commands"
            : "cdw10_bits for admin commands") + ")");
      }
      command = command.withBitsSet(bits(v, key));
    }
    Json.Value st = require(o, "status", "error_status");
    int status;
    if (st instanceof Json.Str str && ERROR_STATUS_NAMES.containsKey(str.value())) {
      status = ERROR_STATUS_NAMES.get(str.value());
    } else if (st instanceof Json.Str str && HEX_INT.matcher(str.value()).matches()) {
      status = Integer.parseInt(str.value().substring(2), 16);
    } else if (st instanceof Json.Num) {
      status = integer(st, "status", 0x02, 0xFF);
    } else {
      throw new ScenarioException("\"status\" at " + st.where() + " is " + (st instanceof Json.Str str
          ? "\"" + str.value() + "\"" : "a " + st.typeName()) + " (expected: one of " + ERROR_STATUS_NAMES.keySet()
          + ", or a status code 2 ~ 255 as a number or \"0xNN\")");
    }
    if (status < 0x02 || status > 0xFF) {
      throw new ScenarioException("\"status\" at " + st.where() + " is " + status + " (expected: 2 ~ 255)");
    }
    return new Fault.ErrorStatus(command, status, optDuration(m, "duration", Duration.ZERO));
  }

  /** Error statuses by name: the spec's name in lower case with underscores ("internal_error"). */
  private static final Map<String, Integer> ERROR_STATUS_NAMES = errorStatusNames();

  private static Map<String, Integer> errorStatusNames() {
    Map<String, Integer> m = new java.util.LinkedHashMap<>();
    for (int code = 0x02; code < 0xE0; code++) {
      dev.nvmemi.mi.MiStatus s = dev.nvmemi.mi.MiStatus.valueOf(code);
      if (!s.isReserved()) {
        m.put(s.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), code);
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** A 32-bit mask: a number, or a string "0x…" of up to 8 hex digits. */
  private static int bits(Json.Value v, String key) {
    if (v instanceof Json.Str s) {
      Matcher mm = HEX_INT.matcher(s.value());
      if (mm.matches()) {
        return (int) Long.parseLong(mm.group(1), 16);
      }
    } else if (v instanceof Json.Num n) {
      try {
        long l = n.value().longValueExact();
        if (l >= 0 && l <= 0xFFFF_FFFFL) {
          return (int) l;
        }
      } catch (ArithmeticException e) {
        // not an integer: reported below
      }
    }
    throw new ScenarioException("\"" + key + "\" at " + v.where() + " is not a 32-bit mask (expected: a number"
        + " 0 ~ 4294967295 or a string such as \"0x81000000\")");
  }

  // ---- typed accessors ---------------------------------------------------------------------

  private static void allow(Json.Obj o, String what, Set<String> allowed) {
    for (Map.Entry<String, int[]> e : o.keyPositions().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw new ScenarioException("unknown member \"" + e.getKey() + "\" in " + what + " at line " + e.getValue()[0]
            + ", column " + e.getValue()[1] + " (expected: one of " + new java.util.TreeSet<>(allowed) + ")");
      }
    }
  }

  private static Json.Value require(Json.Obj o, String key, String what) {
    Json.Value v = o.members().get(key);
    if (v == null) {
      throw new ScenarioException("missing member \"" + key + "\" in " + what + " at " + o.where());
    }
    return v;
  }

  private static ScenarioException wrongType(Json.Value v, String key, String expected) {
    return new ScenarioException("\"" + key + "\" at " + v.where() + " is a " + v.typeName() + " (expected: "
        + expected + ")");
  }

  private static Json.Obj object(Json.Value v, String what) {
    if (v instanceof Json.Obj o) {
      return o;
    }
    throw new ScenarioException(what + " at " + v.where() + " is a " + v.typeName() + " (expected: an object)");
  }

  private static Json.Arr array(Json.Value v, String key) {
    if (v instanceof Json.Arr a) {
      return a;
    }
    throw wrongType(v, key, "an array");
  }

  private static String string(Json.Value v, String key) {
    if (v instanceof Json.Str s) {
      return s.value();
    }
    throw wrongType(v, key, "a string");
  }

  private static BigDecimal number(Json.Value v, String key) {
    if (v instanceof Json.Num n) {
      return n.value();
    }
    throw wrongType(v, key, "a number");
  }

  private static int integer(Json.Value v, String key, int min, int max) {
    BigDecimal n = number(v, key);
    int i;
    try {
      i = n.intValueExact();
    } catch (ArithmeticException e) {
      throw new ScenarioException("\"" + key + "\" at " + v.where() + " is " + n.toPlainString()
          + " (expected: an integer " + min + " ~ " + max + ")");
    }
    if (i < min || i > max) {
      throw new ScenarioException("\"" + key + "\" at " + v.where() + " is " + i + " (expected: " + min + " ~ " + max
          + ")");
    }
    return i;
  }

  private static double rate(Json.Value v) {
    double r = number(v, "rate").doubleValue();
    if (!(r > 0 && r <= 1)) {
      throw new ScenarioException("\"rate\" at " + v.where() + " is " + r + " (expected: 0 < rate <= 1)");
    }
    return r;
  }

  private static boolean optBool(Map<String, Json.Value> m, String key, boolean dflt) {
    Json.Value v = m.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Json.Bool b) {
      return b.value();
    }
    throw wrongType(v, key, "true or false");
  }

  private static int optInt(Map<String, Json.Value> m, String key, int dflt, int min, int max) {
    Json.Value v = m.get(key);
    return v == null ? dflt : integer(v, key, min, max);
  }

  private static Duration optDuration(Map<String, Json.Value> m, String key, Duration dflt) {
    Json.Value v = m.get(key);
    return v == null ? dflt : duration(v, key);
  }

  /** A duration: a string such as "250ms", "5s", "1.5m", "2h", or a number of seconds. */
  static Duration duration(Json.Value v, String key) {
    BigDecimal nanos;
    if (v instanceof Json.Num n) {
      nanos = n.value().multiply(BigDecimal.valueOf(1_000_000_000L));
    } else if (v instanceof Json.Str s) {
      Matcher mm = DURATION.matcher(s.value());
      if (!mm.matches()) {
        throw new ScenarioException("\"" + key + "\" at " + v.where() + " is \"" + s.value()
            + "\" (expected: a duration such as \"250ms\", \"5s\", \"1.5m\", \"2h\", or a number of seconds)");
      }
      long unit = switch (mm.group(2)) {
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos = new BigDecimal(mm.group(1)).multiply(BigDecimal.valueOf(unit));
    } else {
      throw wrongType(v, key, "a duration string such as \"5s\" or a number of seconds");
    }
    if (nanos.signum() < 0 || nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
      throw new ScenarioException("\"" + key + "\" at " + v.where() + " is out of range (expected: 0 ~ 100 years)");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** The names of all actions, for documentation and error messages. */
  public static List<String> actionNames() {
    return new ArrayList<>(new java.util.TreeSet<>(KEYS.keySet()));
  }
}
