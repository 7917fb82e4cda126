package dev.nvmemi.transport.mctp.dbus;

import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.BusOwner1;
import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.CodeConstructEndpointV1;
import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.CodeConstructMctpV1;
import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.Endpoint1;
import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.EndpointResult;
import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.Interface1;
import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.MCTP1;
import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.Network1;
import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.OpenBmcCommonUuid;
import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.OpenBmcMctpEndpoint;
import dev.nvmemi.transport.mctp.dbus.MctpdInterfaces.PathResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A simulated mctpd on a private bus, faithful to the object model of spec mctp.md §3.2–3.5 and the
 * checklist of §3.8: it owns {@code au.com.codeconstruct.MCTP1} (v1 mode: {@code xyz.openbmc_project.MCTP}),
 * serves {@code GetManagedObjects} at the ObjectManager path, publishes link objects
 * ({@code lo}, {@code mctpserial0}: Interface1 + BusOwner1), the network object (Network1,
 * LocalEIDs [8]), the local endpoint 8 with types [0], and remote endpoints with Endpoint
 * (NetworkId {@code u}, EID {@code y}, SupportedMessageTypes {@code ay}, VendorDefinedMessageTypes
 * {@code a(yvq)}), Endpoint1 (Connectivity {@code s}) and, when known, Common.UUID; every entry also
 * lists sd-bus's three built-in interfaces with empty dicts. Objects are exported before the name is
 * requested; InterfacesAdded goes out after export, InterfacesRemoved before unexport.
 *
 * <p>Devices live "on the wire" ({@link #addDevice}) and keep their EID across an mctpd restart, as
 * real endpoints do; like mctpd, a restart re-publishes only local objects, and remote endpoints come
 * back when someone calls SetupEndpoint/AssignEndpoint/LearnEndpoint again.
 *
 * <p>Not simulated: RegisterVDMTypeSupport, AssignBridgeStatic, Bridge1, SetMTU range checks, and
 * the tie between a type registration and the caller's connection.
 *
 * <p>Thread-safety: dbus-java runs exported methods on its method-call pool, tests call from the
 * JUnit thread; every state change is {@code synchronized}. Public (and in the module's test-jar)
 * for the agent's discovery tests.
 */
public final class SimulatedMctpd implements AutoCloseable {
  /** Which mctpd object model to publish. */
  public enum Mode { V2, V1 }

  public static final String LOCAL_IF = "lo";
  public static final String SERIAL_IF = "mctpserial0";
  public static final int NET = 1;
  public static final int LOCAL_EID = 8;
  private static final List<String> BUILTINS = List.of(
      "org.freedesktop.DBus.Peer", "org.freedesktop.DBus.Introspectable", "org.freedesktop.DBus.Properties");

  /** A device reachable over a link: hardware address, message types, UUID, and its EID once assigned. */
  public static final class Device {
    final String ifname;
    final byte[] physaddr;
    final List<Integer> types;
    final String uuid;
    int eid;
    boolean respondsToRecovery = true;

    Device(String ifname, byte[] physaddr, List<Integer> types, String uuid) {
      this.ifname = ifname;
      this.physaddr = physaddr.clone();
      this.types = List.copyOf(types);
      this.uuid = uuid;
    }
  }

  private final String address;
  private final Mode mode;
  private final String busName;
  private final String root;
  private final ScheduledExecutorService recoveries = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sim-mctpd-recover");
    t.setDaemon(true);
    return t;
  });
  private final List<Device> devices = new ArrayList<>();
  private final Set<Integer> registeredTypes = new java.util.HashSet<>();
  /** Published objects by path, in publication order. */
  private final Map<String, SimObject> published = new LinkedHashMap<>();
  private DBusConnection conn;

  public SimulatedMctpd(String address, Mode mode) {
    this.address = address;
    this.mode = mode;
    this.busName = mode == Mode.V2 ? MctpdObjectModel.V2.busName() : MctpdObjectModel.V1.busName();
    this.root = mode == Mode.V2 ? MctpdObjectModel.V2.rootPath() : MctpdObjectModel.V1.rootPath();
  }

  public String busName() {
    return busName;
  }

  public String endpointPath(int eid) {
    return mode == Mode.V2 ? root + "/networks/" + NET + "/endpoints/" + eid : root + "/" + NET + "/" + eid;
  }

  /** The unique bus name of the running simulator (its signals' sender). */
  public synchronized String uniqueName() {
    return conn.getUniqueName();
  }

  // ------------------------------------------------------------------ lifecycle

  /** Connects, exports the local objects (links, network, local EID 8), then requests the name. */
  public synchronized void start() throws DBusException {
    conn = DBusConnectionBuilder.forAddress(address).withShared(false).build();
    published.clear();
    export(mode == Mode.V2 ? new RootV2(root) : new RootV1(root));
    if (mode == Mode.V2) {
      export(new LinkObject(root + "/interfaces/" + LOCAL_IF));
      export(new LinkObject(root + "/interfaces/" + SERIAL_IF));
      NetworkObject n = new NetworkObject(root + "/networks/" + NET);
      export(n);
    }
    EndpointObject local = newEndpointObject(LOCAL_EID, List.of(0), null);
    export(local);
    conn.requestBusName(busName);
  }

  /** Stops like a process exit: the name and every object go away with the connection, no signals. */
  public synchronized void stop() {
    if (conn != null) {
      conn.disconnect();
      conn = null;
    }
    published.clear();
  }

  @Override
  public synchronized void close() {
    stop();
    recoveries.shutdownNow();
  }

  // ------------------------------------------------------------------ test API

  /** A device on a link, not yet set up (no EID unless {@code eid} ≠ 0). */
  public synchronized Device addDevice(String ifname, int physaddr, List<Integer> types, String uuid, int eid) {
    Device d = new Device(ifname, new byte[] {(byte) physaddr}, types, uuid);
    d.eid = eid;
    devices.add(d);
    return d;
  }

  /** Publishes an endpoint for a device that already has an EID (what LearnEndpoint does). */
  public synchronized String publish(Device d) {
    return publishEndpoint(d.eid, d.types, d.uuid);
  }

  /**
   * Publishes many endpoints back to back (one InterfacesAdded each), as mctpd does when a bus
   * owner sets up a whole shelf of drives at once.
   */
  public synchronized void publishAll(List<Device> ds) {
    for (Device d : ds) {
      publish(d);
    }
  }

  /** Publishes an object with arbitrary interfaces and properties (for malformed-object tests). */
  public synchronized void publishRaw(String path, Map<String, Map<String, Variant<?>>> interfaces) {
    RawObject o = new RawObject(path, interfaces);
    export(o);
  }

  /** Changes one property of a published object and emits PropertiesChanged for it. */
  public synchronized void changeProperty(String path, String iface, String name, Variant<?> value) {
    SimObject o = published.get(path);
    if (o == null || !o.ifaces.containsKey(iface)) {
      throw new IllegalArgumentException("no " + iface + " on " + path);
    }
    o.ifaces.get(iface).put(name, value);
    send(new PropertiesChangedFactory(path, iface, Map.of(name, value)));
  }

  /** The device with that EID. */
  public synchronized Device device(int eid) {
    return devices.stream().filter(d -> d.eid == eid).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no device with EID " + eid));
  }

  /** Removes an endpoint as Remove() does: InterfacesRemoved, then unexport. */
  public synchronized void removeEndpoint(int eid) {
    unpublish(endpointPath(eid));
  }

  /** Removes any published object. */
  public synchronized void unpublish(String path) {
    SimObject o = published.remove(path);
    if (o == null) {
      throw new IllegalArgumentException("no object " + path);
    }
    send(new InterfacesRemovedFactory(root, path, withBuiltins(o.ifaces).keySet()));
    conn.unExportObject(path);
  }

  // ------------------------------------------------------------------ mctpd behaviour

  private EndpointObject newEndpointObject(int eid, List<Integer> types, String uuid) {
    String path = endpointPath(eid);
    Map<String, Map<String, Variant<?>>> ifaces = new LinkedHashMap<>();
    Map<String, Variant<?>> ep = new LinkedHashMap<>();
    ep.put("NetworkId", mode == Mode.V2 ? new Variant<>(new UInt32(NET)) : new Variant<>(NET));
    ep.put("EID", new Variant<>((byte) eid));
    byte[] t = new byte[types.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = (byte) (int) types.get(i);
    }
    ep.put("SupportedMessageTypes", new Variant<>(t));
    if (mode == Mode.V2) {
      ep.put("VendorDefinedMessageTypes", new Variant<>(List.of(), "a(yvq)"));
    }
    ifaces.put(MctpdObjectModel.ENDPOINT_INTERFACE, ep);
    if (mode == Mode.V2) {
      ifaces.put(MctpdObjectModel.ENDPOINT1_INTERFACE, new LinkedHashMap<>(Map.of("Connectivity", new Variant<>("Available"))));
    } else {
      ifaces.put("au.com.CodeConstruct.MCTP.Endpoint", new LinkedHashMap<>());
    }
    if (uuid != null) {
      ifaces.put(MctpdObjectModel.UUID_INTERFACE, new LinkedHashMap<>(Map.of("UUID", new Variant<>(uuid))));
    }
    if (mode == Mode.V1) {
      return uuid == null ? new V1EndpointObject(path, eid, ifaces) : new V1UuidEndpointObject(path, eid, ifaces);
    }
    return uuid == null ? new V2EndpointObject(path, eid, ifaces) : new V2UuidEndpointObject(path, eid, ifaces);
  }

  private String publishEndpoint(int eid, List<Integer> types, String uuid) {
    String path = endpointPath(eid);
    if (!published.containsKey(path)) {
      export(newEndpointObject(eid, types, uuid));
    }
    return path;
  }

  private void export(SimObject o) {
    try {
      conn.exportObject(o.getObjectPath(), o);
    } catch (DBusException e) {
      throw new IllegalStateException("cannot export " + o.getObjectPath(), e);
    }
    published.put(o.getObjectPath(), o);
    if (!(o instanceof RootObject)) {
      send(new InterfacesAddedFactory(root, o.getObjectPath(), withBuiltins(o.ifaces)));
    }
  }

  private synchronized EndpointResult<Byte, Integer, String, Boolean> setup(String ifname, byte[] physaddr,
      int staticEid, boolean assign, boolean learnOnly) {
    Device d = devices.stream()
        .filter(x -> x.ifname.equals(ifname) && java.util.Arrays.equals(x.physaddr, physaddr))
        .findFirst().orElseThrow(() -> new Failed("MCTP Endpoint did not respond"));
    if (learnOnly && d.eid == 0) {
      return new EndpointResult<>((byte) 0, NET, "", false);
    }
    if (staticEid != 0) {
      for (SimObject o : published.values()) {
        if (o instanceof EndpointObject e && e.eid == staticEid && d.eid != staticEid) {
          throw new Failed("EID " + staticEid + " already in use");
        }
      }
      d.eid = staticEid;
    } else if (d.eid == 0) {
      d.eid = nextFreeEid();
    }
    boolean isNew = !published.containsKey(endpointPath(d.eid));
    String path = publishEndpoint(d.eid, d.types, d.uuid);
    return new EndpointResult<>((byte) d.eid, NET, path, isNew);
  }

  private int nextFreeEid() {
    for (int eid = LOCAL_EID + 1; eid <= 254; eid++) {
      int e = eid;
      boolean used = devices.stream().anyMatch(d -> d.eid == e);
      if (!used) {
        return eid;
      }
    }
    throw new Failed("Ran out of EIDs");
  }

  private synchronized void remove(EndpointObject e) {
    if (e.eid == LOCAL_EID) {
      throw new Failed("Cannot remove mctpd-local endpoint");
    }
    if (published.get(e.getObjectPath()) == e) {
      unpublish(e.getObjectPath());
    }
  }

  private void recover(EndpointObject e) {
    // Returns at once; Connectivity goes Degraded, then Available or the object is removed (§3.3).
    Device d;
    synchronized (this) {
      if (e.eid == LOCAL_EID) {
        throw new Failed("Cannot recover mctpd-local endpoint");
      }
      d = devices.stream().filter(x -> x.eid == e.eid).findFirst().orElse(null);
    }
    boolean responds = d != null && d.respondsToRecovery;
    recoveries.execute(() -> setConnectivity(e, "Degraded"));
    recoveries.schedule(() -> {
      if (responds) {
        setConnectivity(e, "Available");
      } else {
        synchronized (this) {
          if (published.get(e.getObjectPath()) == e) {
            unpublish(e.getObjectPath());
          }
        }
      }
    }, 50, TimeUnit.MILLISECONDS);
  }

  private synchronized void setConnectivity(EndpointObject e, String value) {
    if (published.get(e.getObjectPath()) != e) {
      return;
    }
    e.ifaces.get(MctpdObjectModel.ENDPOINT1_INTERFACE).put("Connectivity", new Variant<>(value));
    send(new PropertiesChangedFactory(e.getObjectPath(), MctpdObjectModel.ENDPOINT1_INTERFACE,
        Map.of("Connectivity", new Variant<>(value))));
  }

  private static Map<String, Map<String, Variant<?>>> withBuiltins(Map<String, Map<String, Variant<?>>> ifaces) {
    Map<String, Map<String, Variant<?>>> all = new LinkedHashMap<>();
    for (String b : BUILTINS) {
      all.put(b, Map.of());
    }
    for (Map.Entry<String, Map<String, Variant<?>>> e : ifaces.entrySet()) {
      all.put(e.getKey(), Map.copyOf(e.getValue()));
    }
    return all;
  }

  private synchronized Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() {
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> out = new TreeMap<>();
    for (SimObject o : published.values()) {
      if (!(o instanceof RootObject)) { // the manager itself is not in its own reply
        out.put(new DBusPath(o.getObjectPath()), withBuiltins(o.ifaces));
      }
    }
    return out;
  }

  private void send(SignalFactory f) {
    try {
      conn.sendMessage(f.create());
    } catch (DBusException e) {
      throw new IllegalStateException("cannot emit signal", e);
    }
  }

  @FunctionalInterface
  private interface SignalFactory {
    org.freedesktop.dbus.messages.DBusSignal create() throws DBusException;
  }

  private record InterfacesAddedFactory(String root, String path, Map<String, Map<String, Variant<?>>> ifaces)
      implements SignalFactory {
    @Override
    public org.freedesktop.dbus.messages.DBusSignal create() throws DBusException {
      return new ObjectManager.InterfacesAdded(root, new DBusPath(path), ifaces);
    }
  }

  private record InterfacesRemovedFactory(String root, String path, Set<String> names) implements SignalFactory {
    @Override
    public org.freedesktop.dbus.messages.DBusSignal create() throws DBusException {
      return new ObjectManager.InterfacesRemoved(root, new DBusPath(path), List.copyOf(names));
    }
  }

  private record PropertiesChangedFactory(String path, String iface, Map<String, Variant<?>> changed)
      implements SignalFactory {
    @Override
    public org.freedesktop.dbus.messages.DBusSignal create() throws DBusException {
      return new Properties.PropertiesChanged(path, iface, changed, List.of());
    }
  }

  /** {@code org.freedesktop.DBus.Error.Failed}, mctpd's usual error. */
  @DBusInterfaceName("org.freedesktop.DBus.Error.Failed")
  static final class Failed extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  // ------------------------------------------------------------------ exported objects

  /** Base of every exported object: its interfaces' properties and the Properties interface. */
  private abstract class SimObject implements Properties {
    final String path;
    final Map<String, Map<String, Variant<?>>> ifaces;

    SimObject(String path, Map<String, Map<String, Variant<?>>> ifaces) {
      this.path = path;
      this.ifaces = ifaces;
    }

    @Override
    public String getObjectPath() {
      return path;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String iface, String prop) {
      synchronized (SimulatedMctpd.this) {
        Map<String, Variant<?>> p = ifaces.get(iface);
        if (p == null || !p.containsKey(prop)) {
          throw new DBusExecutionException("Unknown property " + iface + "." + prop);
        }
        return (A) p.get(prop).getValue();
      }
    }

    @Override
    public <A> void Set(String iface, String prop, A value) {
      throw new DBusExecutionException("Property " + iface + "." + prop + " is read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
      synchronized (SimulatedMctpd.this) {
        return Map.copyOf(ifaces.getOrDefault(iface, Map.of()));
      }
    }
  }

  private abstract class RootObject extends SimObject implements ObjectManager {
    RootObject(String path) {
      super(path, new LinkedHashMap<>());
    }

    @Override
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
      return managedObjects();
    }
  }

  private final class RootV2 extends RootObject implements MCTP1 {
    RootV2(String path) {
      super(path);
    }

    @Override
    public void RegisterTypeSupport(byte type, UInt32[] versions) {
      int t = type & 0xFF;
      if (t == 0 || t == 0x7E || t == 0x7F) {
        throw new DBusExecutionException("Invalid message type " + t);
      }
      synchronized (SimulatedMctpd.this) {
        if (!registeredTypes.add(t)) {
          throw new DBusExecutionException("Type " + t + " already registered");
        }
      }
    }
  }

  private final class RootV1 extends RootObject implements CodeConstructMctpV1 {
    RootV1(String path) {
      super(path);
    }

    @Override
    public EndpointResult<Byte, Integer, String, Boolean> SetupEndpoint(String ifname, byte[] physaddr) {
      return setup(ifname, physaddr, 0, false, false);
    }

    @Override
    public EndpointResult<Byte, Integer, String, Boolean> AssignEndpoint(String ifname, byte[] physaddr) {
      return setup(ifname, physaddr, 0, true, false);
    }

    @Override
    public EndpointResult<Byte, Integer, String, Boolean> LearnEndpoint(String ifname, byte[] physaddr) {
      return setup(ifname, physaddr, 0, false, true);
    }
  }

  private final class LinkObject extends SimObject implements Interface1, BusOwner1 {
    private final String ifname;

    LinkObject(String path) {
      super(path, new LinkedHashMap<>());
      this.ifname = path.substring(path.lastIndexOf('/') + 1);
      ifaces.put("au.com.codeconstruct.MCTP.Interface1", new LinkedHashMap<>(Map.of(
          "Role", new Variant<>("BusOwner"), "NetworkId", new Variant<>(new UInt32(NET)))));
      ifaces.put("au.com.codeconstruct.MCTP.BusOwner1", new LinkedHashMap<>());
    }

    @Override
    public EndpointResult<Byte, Integer, String, Boolean> SetupEndpoint(byte[] physaddr) {
      return setup(ifname, physaddr, 0, false, false);
    }

    @Override
    public EndpointResult<Byte, Integer, String, Boolean> AssignEndpoint(byte[] physaddr) {
      return setup(ifname, physaddr, 0, true, false);
    }

    @Override
    public EndpointResult<Byte, Integer, String, Boolean> AssignEndpointStatic(byte[] physaddr, byte eid) {
      return setup(ifname, physaddr, eid & 0xFF, true, false);
    }

    @Override
    public EndpointResult<Byte, Integer, String, Boolean> LearnEndpoint(byte[] physaddr) {
      return setup(ifname, physaddr, 0, false, true);
    }
  }

  private final class NetworkObject extends SimObject implements Network1 {
    NetworkObject(String path) {
      super(path, new LinkedHashMap<>());
      ifaces.put(MctpdObjectModel.NETWORK1_INTERFACE,
          new LinkedHashMap<>(Map.of("LocalEIDs", new Variant<>(new byte[] {(byte) LOCAL_EID}))));
    }

    @Override
    public PathResult<String, Boolean> LearnEndpoint(byte eid) {
      synchronized (SimulatedMctpd.this) {
        int e = eid & 0xFF;
        Device d = devices.stream().filter(x -> x.eid == e).findFirst().orElse(null);
        if (d == null) {
          return new PathResult<>("", false);
        }
        return new PathResult<>(publish(d), true);
      }
    }
  }

  /** What v1 and v2 endpoints share: the OpenBMC endpoint interface, SetMTU and Remove. */
  private abstract class EndpointObject extends SimObject implements OpenBmcMctpEndpoint {
    final int eid;

    EndpointObject(String path, int eid, Map<String, Map<String, Variant<?>>> ifaces) {
      super(path, ifaces);
      this.eid = eid;
    }

    public void SetMTU(UInt32 mtu) {
      if (eid == LOCAL_EID) {
        throw new Failed("Cannot set MTU of mctpd-local endpoint");
      }
    }

    public void Remove() {
      remove(this);
    }
  }

  private class V2EndpointObject extends EndpointObject implements Endpoint1 {
    V2EndpointObject(String path, int eid, Map<String, Map<String, Variant<?>>> ifaces) {
      super(path, eid, ifaces);
    }

    @Override
    public void Recover() {
      recover(this);
    }
  }

  private final class V2UuidEndpointObject extends V2EndpointObject implements OpenBmcCommonUuid {
    V2UuidEndpointObject(String path, int eid, Map<String, Map<String, Variant<?>>> ifaces) {
      super(path, eid, ifaces);
    }
  }

  private class V1EndpointObject extends EndpointObject implements CodeConstructEndpointV1 {
    V1EndpointObject(String path, int eid, Map<String, Map<String, Variant<?>>> ifaces) {
      super(path, eid, ifaces);
    }
  }

  private final class V1UuidEndpointObject extends V1EndpointObject implements OpenBmcCommonUuid {
    V1UuidEndpointObject(String path, int eid, Map<String, Map<String, Variant<?>>> ifaces) {
      super(path, eid, ifaces);
    }
  }

  private final class RawObject extends SimObject {
    RawObject(String path, Map<String, Map<String, Variant<?>>> ifaces) {
      super(path, new LinkedHashMap<>());
      ifaces.forEach((k, v) -> this.ifaces.put(k, new LinkedHashMap<>(v)));
    }
  }
}
