package dev.nvmemi.transport.mctp.dbus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two mctpd D-Bus object models (spec mctp.md §3.1): the bus name, the ObjectManager path and
 * the endpoint path layout. Interface names shared by both are constants here too. Immutable.
 */
public enum MctpdObjectModel {
  /** mctpd ≥ 2.0: {@code /au/com/codeconstruct/mctp1/networks/<net>/endpoints/<eid>}, NetworkId {@code u}. */
  V2("au.com.codeconstruct.MCTP1", "/au/com/codeconstruct/mctp1",
      Pattern.compile("/au/com/codeconstruct/mctp1/networks/(\\d+)/endpoints/(\\d+)")),
  /** mctpd 1.x: {@code /xyz/openbmc_project/mctp/<net>/<eid>}, NetworkId {@code i}. */
  V1("xyz.openbmc_project.MCTP", "/xyz/openbmc_project/mctp",
      Pattern.compile("/xyz/openbmc_project/mctp/(\\d+)/(\\d+)"));

  /** Endpoint properties NetworkId, EID, SupportedMessageTypes (both models). */
  public static final String ENDPOINT_INTERFACE = "xyz.openbmc_project.MCTP.Endpoint";
  /** Endpoint property UUID (both models; present only when mctpd learned it). */
  public static final String UUID_INTERFACE = "xyz.openbmc_project.Common.UUID";
  /** v2 endpoint control: property Connectivity ("Available" / "Degraded"). */
  public static final String ENDPOINT1_INTERFACE = "au.com.codeconstruct.MCTP.Endpoint1";
  /** v2.2+ network objects: property LocalEIDs (ay). */
  public static final String NETWORK1_INTERFACE = "au.com.codeconstruct.MCTP.Network1";
  /** The NVMe-MI message type in SupportedMessageTypes (DSP0239). */
  public static final int NVME_MI_MESSAGE_TYPE = 4;

  private static final Pattern NETWORK_PATH = Pattern.compile("/au/com/codeconstruct/mctp1/networks/(\\d+)");

  private final String busName;
  private final String rootPath;
  private final Pattern endpointPath;

  MctpdObjectModel(String busName, String rootPath, Pattern endpointPath) {
    this.busName = busName;
    this.rootPath = rootPath;
    this.endpointPath = endpointPath;
  }

  /** The well-known bus name mctpd owns. */
  public String busName() {
    return busName;
  }

  /** The ObjectManager's object path (the signals' emitter). */
  public String rootPath() {
    return rootPath;
  }

  /** The endpoint object path for (network, eid). */
  public String endpointPath(long network, int eid) {
    return this == V2 ? rootPath + "/networks/" + network + "/endpoints/" + eid : rootPath + "/" + network + "/" + eid;
  }

  /**
   * The (network, EID) an endpoint path names, or {@code null} if the path is not laid out as an
   * endpoint path of this model (or the numbers do not fit).
   */
  long[] parseEndpointPath(String path) {
    Matcher m = endpointPath.matcher(path);
    if (!m.matches()) {
      return null;
    }
    try {
      return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The network number of a v2 network object path, or -1. */
  static long parseNetworkPath(String path) {
    Matcher m = NETWORK_PATH.matcher(path);
    if (!m.matches()) {
      return -1;
    }
    try {
      return Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
