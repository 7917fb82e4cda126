package dev.nvmemi.simulator.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which requests an {@link Fault.ErrorStatus} fault answers: an NVMe-MI command (NMIMT 1, chosen
 * by opcode, optionally by NMD0 bits) or a tunnelled admin command (NMIMT 2, by opcode, optionally
 * by CDW10 bits). A request matches when its message type and opcode are the selector's and
 * {@code (dword & mask) == value}, the dword being NMD0 (request bytes 8–11) for NVMe-MI commands
 * and CDW10 (bytes 44–47) for admin commands (spec sheet nvme-mi.md §4, §6). A request too short to
 * carry that dword never matches (the endpoint answers its size error as usual).
 *
 * <p>Names follow the agent's {@code nvme.mi.command} attribute values, so a test can walk every
 * command the agent issues: {@code read_subsystem_info}, {@code read_port_info},
 * {@code read_controller_list}, {@code read_controller_info} (Read NVMe-MI Data Structure with
 * that DTYP), {@code subsystem_health_poll}, {@code controller_health_poll} (any form),
 * {@code controller_health_poll.basic} (INCPF and INCVF clear),
 * {@code identify_controller} (Identify CNS 01h), {@code get_log_page.smart} (LID 02h),
 * {@code get_log_page.error} (LID 01h), {@code identify_uuid_list} (CNS 17h),
 * {@code get_log_page.ocp_smart_extended} (LID C0h), {@code get_log_page.ocp_latency_monitor} (LID C3h),
 * {@code config_set.async_event.ack} (Configuration Set CID 04h with an empty AE Enable List),
 * {@code config.async_event} (the same with a non-empty list; the Configuration Get of CID 04h is
 * {@code configuration_get} with NMD0 bits 04h); the whole commands: {@code read_data_structure},
 * {@code configuration_set}, {@code configuration_get}, {@code vpd_read}, {@code vpd_write},
 * {@code reset}, {@code shutdown}, {@code identify}, {@code get_log_page}, {@code set_features},
 * {@code get_features}; and any opcode as {@code mi:0xNN} or {@code admin:0xNN}.
 *
 * <p>Immutable; thread-safe.
 *
 * @param name the name it was chosen by (for logs and error messages)
 * @param nmimt 1 (NVMe-MI command) or 2 (admin command)
 * @param opcode the command's opcode
 * @param mask bits of NMD0 / CDW10 that must equal {@code value}
 * @param value the required value of those bits
 * @param dataOffset byte offset of a second little-endian dword to test (request data), or -1 for none
 * @param dataMask bits of that dword compared with {@code dataValue}
 * @param dataValue the value compared
 * @param dataEquals true: those bits must equal {@code dataValue}; false: they must differ
 */
public record CommandSelector(String name, int nmimt, int opcode, int mask, int value, int dataOffset, int dataMask,
    int dataValue, boolean dataEquals) {
  /** Message types with a command opcode: NVMe-MI command set and NVMe admin command set. */
  public static final int MI_COMMAND = 1;
  public static final int ADMIN_COMMAND = 2;

  private static final Pattern GENERIC = Pattern.compile("(mi|admin):0[xX]([0-9a-fA-F]{1,2})");
  private static final Map<String, CommandSelector> NAMED = named();

  /** A selector by message type, opcode and NMD0 / CDW10 bits only. */
  public CommandSelector(String name, int nmimt, int opcode, int mask, int value) {
    this(name, nmimt, opcode, mask, value, -1, 0, 0, true);
  }

  public CommandSelector {
    if (nmimt != MI_COMMAND && nmimt != ADMIN_COMMAND) {
      throw new ScenarioException("command message type: " + nmimt + " (expected: 1 NVMe-MI or 2 admin)");
    }
    Action.range("command opcode", opcode, 0, 0xFF);
    if ((value & ~mask) != 0) {
      throw new ScenarioException(String.format("command match value 0x%08x has bits outside its mask 0x%08x", value,
          mask));
    }
  }

  private static Map<String, CommandSelector> named() {
    Map<String, CommandSelector> m = new LinkedHashMap<>();
    // Read NVMe-MI Data Structure (00h), DTYP in NMD0 bits 31:24
    m.put("read_data_structure", mi("read_data_structure", 0x00));
    m.put("read_subsystem_info", new CommandSelector("read_subsystem_info", MI_COMMAND, 0x00, 0xFF00_0000, 0));
    m.put("read_port_info", new CommandSelector("read_port_info", MI_COMMAND, 0x00, 0xFF00_0000, 0x0100_0000));
    m.put("read_controller_list",
        new CommandSelector("read_controller_list", MI_COMMAND, 0x00, 0xFF00_0000, 0x0200_0000));
    m.put("read_controller_info",
        new CommandSelector("read_controller_info", MI_COMMAND, 0x00, 0xFF00_0000, 0x0300_0000));
    m.put("subsystem_health_poll", mi("subsystem_health_poll", 0x01));
    m.put("controller_health_poll", mi("controller_health_poll", 0x02));
    // the basic form the agent falls back to: no SR-IOV include bits (INCPF bit 25, INCVF bit 26)
    m.put("controller_health_poll.basic",
        new CommandSelector("controller_health_poll.basic", MI_COMMAND, 0x02, 0x0600_0000, 0));
    m.put("configuration_set", mi("configuration_set", 0x03));
    // Configuration Set CID 04h (Asynchronous Event): NUMAEE, the first request data byte (16), is 0
    // in an acknowledgement (empty AE Enable List) and not 0 when AEs are enabled or disabled
    m.put("config_set.async_event.ack",
        new CommandSelector("config_set.async_event.ack", MI_COMMAND, 0x03, 0xFF, 0x04, 16, 0xFF, 0, true));
    m.put("config.async_event",
        new CommandSelector("config.async_event", MI_COMMAND, 0x03, 0xFF, 0x04, 16, 0xFF, 0, false));
    m.put("configuration_get", mi("configuration_get", 0x04));
    m.put("vpd_read", mi("vpd_read", 0x05));
    m.put("vpd_write", mi("vpd_write", 0x06));
    m.put("reset", mi("reset", 0x07));
    m.put("shutdown", mi("shutdown", 0x0C));
    // Admin: Get Log Page (02h), LID in CDW10 bits 7:0; Identify (06h), CNS in CDW10 bits 7:0
    m.put("get_log_page", admin("get_log_page", 0x02));
    m.put("get_log_page.error", new CommandSelector("get_log_page.error", ADMIN_COMMAND, 0x02, 0xFF, 0x01));
    m.put("get_log_page.smart", new CommandSelector("get_log_page.smart", ADMIN_COMMAND, 0x02, 0xFF, 0x02));
    m.put("identify", admin("identify", 0x06));
    m.put("identify_controller", new CommandSelector("identify_controller", ADMIN_COMMAND, 0x06, 0xFF, 0x01));
    // the OCP datacenter logs (issue #16): UUID List (CNS 17h), C0h and C3h
    m.put("identify_uuid_list", new CommandSelector("identify_uuid_list", ADMIN_COMMAND, 0x06, 0xFF, 0x17));
    m.put("get_log_page.ocp_smart_extended",
        new CommandSelector("get_log_page.ocp_smart_extended", ADMIN_COMMAND, 0x02, 0xFF, 0xC0));
    m.put("get_log_page.ocp_latency_monitor",
        new CommandSelector("get_log_page.ocp_latency_monitor", ADMIN_COMMAND, 0x02, 0xFF, 0xC3));
    m.put("set_features", admin("set_features", 0x09));
    m.put("get_features", admin("get_features", 0x0A));
    return m;
  }

  private static CommandSelector mi(String name, int opcode) {
    return new CommandSelector(name, MI_COMMAND, opcode, 0, 0);
  }

  private static CommandSelector admin(String name, int opcode) {
    return new CommandSelector(name, ADMIN_COMMAND, opcode, 0, 0);
  }

  /**
   * The selector for a name (see the class comment) or {@code mi:0xNN} / {@code admin:0xNN}.
   *
   * @throws ScenarioException for an unknown name, listing the known ones
   */
  public static CommandSelector named(String name) {
    CommandSelector s = NAMED.get(name);
    if (s != null) {
      return s;
    }
    Matcher m = GENERIC.matcher(name);
    if (m.matches()) {
      int opcode = Integer.parseInt(m.group(2), 16);
      return m.group(1).equals("mi") ? mi(name.toLowerCase(Locale.ROOT), opcode)
          : admin(name.toLowerCase(Locale.ROOT), opcode);
    }
    throw new ScenarioException("unknown command \"" + name + "\" (expected: one of " + names()
        + ", or mi:0xNN / admin:0xNN)");
  }

  /** Every name {@link #named(String)} knows, in a stable order. */
  public static List<String> names() {
    return new ArrayList<>(NAMED.keySet());
  }

  /**
   * This selector narrowed to requests that also have every bit of {@code bits} set in NMD0 (NVMe-MI
   * commands) or CDW10 (admin commands).
   */
  public CommandSelector withBitsSet(int bits) {
    if ((mask & bits) != 0 && (value & bits) != bits) {
      throw new ScenarioException(String.format("bits 0x%08x contradict command %s (its bits 0x%08x must be 0x%08x)",
          bits, name, mask, value));
    }
    return new CommandSelector(name + String.format("+0x%08x", bits), nmimt, opcode, mask | bits, value | bits,
        dataOffset, dataMask, dataValue, dataEquals);
  }

  /** True when {@code request} (a whole NVMe-MI message, type byte first) is one of these commands. */
  public boolean matches(byte[] request) {
    if (request.length < 5 || ((request[1] >>> 3) & 0xF) != nmimt || (request[4] & 0xFF) != opcode) {
      return false;
    }
    if (mask != 0) {
      int at = nmimt == MI_COMMAND ? 8 : 44;
      if (request.length < at + 4 || (dword(request, at) & mask) != value) {
        return false;
      }
    }
    if (dataOffset >= 0) {
      // the dword must lie before the 4-byte MIC
      return request.length >= dataOffset + 8 && ((dword(request, dataOffset) & dataMask) == dataValue) == dataEquals;
    }
    return true;
  }

  private static int dword(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
  }
}
