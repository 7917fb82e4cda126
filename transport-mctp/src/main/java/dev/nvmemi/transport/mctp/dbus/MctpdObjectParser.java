package dev.nvmemi.transport.mctp.dbus;

import dev.nvmemi.transport.discovery.Connectivity;
import dev.nvmemi.transport.discovery.EndpointKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Reads one mctpd object (its interfaces and their property dicts, as GetManagedObjects and
 * InterfacesAdded carry them) into what discovery needs. Required endpoint properties with a wrong
 * type or range make the object {@link Malformed}; a wrong optional property (UUID, Connectivity)
 * is reported as a problem and ignored. The D-Bus types follow spec mctp.md §3.3: EID {@code y},
 * NetworkId {@code u} (v1 mctpd: {@code i}; both accepted as a number, as libcxlmi does and libnvme
 * should), SupportedMessageTypes {@code ay}, UUID {@code s}, Connectivity {@code s}.
 *
 * <p>Pure and stateless; any thread.
 */
final class MctpdObjectParser {
  private MctpdObjectParser() {}

  /** What an object is, for discovery. */
  sealed interface Result permits Endpoint, Ignored, Malformed {}

  /**
   * An NVMe-MI endpoint.
   *
   * @param problems optional properties that were present but unusable (each logged once and counted)
   */
  record Endpoint(EndpointKey key, String uuid, Connectivity connectivity, List<String> problems) implements Result {}

  /** Not an NVMe-MI endpoint of interest: no endpoint interface, a local EID, or no message type 4. */
  record Ignored(String reason) implements Result {}

  /** An endpoint object whose required properties are missing or wrong. */
  record Malformed(String reason) implements Result {}

  /**
   * Classifies one object.
   *
   * @param localEids the local EIDs per network, from Network1.LocalEIDs (may be empty)
   */
  static Result parse(MctpdObjectModel model, String path, Map<String, Map<String, Variant<?>>> interfaces,
      Map<Long, Set<Integer>> localEids) {
    Map<String, Variant<?>> ep = interfaces.get(MctpdObjectModel.ENDPOINT_INTERFACE);
    if (ep == null) {
      return new Ignored("no " + MctpdObjectModel.ENDPOINT_INTERFACE + " interface");
    }
    Variant<?> eidV = ep.get("EID");
    Variant<?> netV = ep.get("NetworkId");
    Variant<?> typesV = ep.get("SupportedMessageTypes");
    if (eidV == null) {
      return new Malformed("missing EID");
    }
    if (netV == null) {
      return new Malformed("missing NetworkId");
    }
    if (typesV == null) {
      return new Malformed("missing SupportedMessageTypes");
    }
    if (!"y".equals(eidV.getSig()) || !(eidV.getValue() instanceof Byte b)) {
      return new Malformed("EID has type '" + eidV.getSig() + "' (expected: 'y')");
    }
    int eid = b & 0xFF;
    long net;
    Object nv = netV.getValue();
    if ("u".equals(netV.getSig()) && nv instanceof UInt32 u) {
      net = u.longValue();
    } else if ("i".equals(netV.getSig()) && nv instanceof Integer i) {
      if (i < 0) {
        return new Malformed("NetworkId is negative: " + i + " (expected: 0 ~ " + EndpointKey.MAX_NETWORK + ")");
      }
      net = i;
    } else {
      return new Malformed("NetworkId has type '" + netV.getSig() + "' (expected: 'u', or 'i' from mctpd 1.x)");
    }
    if (!"ay".equals(typesV.getSig())) {
      return new Malformed("SupportedMessageTypes has type '" + typesV.getSig() + "' (expected: 'ay')");
    }
    Set<Integer> types = byteSet(typesV.getValue());
    if (types == null) {
      return new Malformed("SupportedMessageTypes holds " + typesV.getValue().getClass().getSimpleName()
          + " (expected: a byte array)");
    }
    if (eid < EndpointKey.MIN_UNICAST_EID || eid > EndpointKey.MAX_UNICAST_EID) {
      return new Malformed("EID " + eid + " is not unicast (expected: " + EndpointKey.MIN_UNICAST_EID + " ~ "
          + EndpointKey.MAX_UNICAST_EID + ")");
    }
    long[] fromPath = model.parseEndpointPath(path);
    if (fromPath != null && (fromPath[0] != net || fromPath[1] != eid)) {
      return new Malformed("path names " + fromPath[0] + ":" + fromPath[1] + " but the properties say "
          + net + ":" + eid + " (expected: the same endpoint)");
    }
    if (localEids.getOrDefault(net, Set.of()).contains(eid)) {
      return new Ignored("local EID " + net + ":" + eid);
    }
    if (!types.contains(MctpdObjectModel.NVME_MI_MESSAGE_TYPE)) {
      return new Ignored("message types " + types + " lack NVMe-MI (4)");
    }

    List<String> problems = new ArrayList<>();
    String uuid = null;
    Map<String, Variant<?>> uuidIface = interfaces.get(MctpdObjectModel.UUID_INTERFACE);
    if (uuidIface != null && uuidIface.get("UUID") != null) {
      Variant<?> uv = uuidIface.get("UUID");
      if ("s".equals(uv.getSig()) && uv.getValue() instanceof String s) {
        uuid = s.isEmpty() ? null : s;
      } else {
        problems.add("UUID has type '" + uv.getSig() + "' (expected: 's'); ignored");
      }
    }
    Connectivity connectivity = Connectivity.AVAILABLE;
    Map<String, Variant<?>> ep1 = interfaces.get(MctpdObjectModel.ENDPOINT1_INTERFACE);
    if (ep1 != null && ep1.get("Connectivity") != null) {
      Variant<?> cv = ep1.get("Connectivity");
      if ("s".equals(cv.getSig()) && cv.getValue() instanceof String s) {
        try {
          connectivity = Connectivity.fromMctpd(s);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage() + "; taken as Available");
        }
      } else {
        problems.add("Connectivity has type '" + cv.getSig() + "' (expected: 's'); taken as Available");
      }
    }
    return new Endpoint(new EndpointKey(net, eid), uuid, connectivity, List.copyOf(problems));
  }

  /**
   * The local EIDs a v2.2+ network object lists ({@code Network1.LocalEIDs}, {@code ay}), or
   * {@code null} if the object is not a network object or the property is unusable.
   */
  static Set<Integer> localEids(Map<String, Map<String, Variant<?>>> interfaces) {
    Map<String, Variant<?>> n = interfaces.get(MctpdObjectModel.NETWORK1_INTERFACE);
    if (n == null || n.get("LocalEIDs") == null || !"ay".equals(n.get("LocalEIDs").getSig())) {
      return null;
    }
    return byteSet(n.get("LocalEIDs").getValue());
  }

  /** An {@code ay} value as unsigned ints; dbus-java gives a List of Byte inside a Variant (§4.3). */
  private static Set<Integer> byteSet(Object value) {
    Set<Integer> out = new TreeSet<>();
    if (value instanceof byte[] bytes) {
      for (byte x : bytes) {
        out.add(x & 0xFF);
      }
      return out;
    }
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof Byte x)) {
          return null;
        }
        out.add(x & 0xFF);
      }
      return out;
    }
    return null;
  }
}
