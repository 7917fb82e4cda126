package dev.nvmemi.transport.mctp.dbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.transport.discovery.EndpointEvent;
import dev.nvmemi.transport.discovery.EventRecorder;
import dev.nvmemi.transport.mctp.dbus.SimulatedMctpd.Device;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery against a real dbus-daemon on a private socket and the simulated mctpd (spec mctp.md
 * §3.8, §4.7). Every scenario asserts the exact event sequence; waits are bounded waits for events,
 * never sleeps.
 */
class MctpdDiscoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration GRACE = Duration.ofMillis(400);
  private static final String UUID9 = "595a522d-77c5-4628-8400-37bfb41b710c";
  private static final String UUID10 = "0b7bd6e4-3c1f-4a55-9a6e-4b7e7d3a1f10";

  private static Vertx vertx;

  @TempDir
  Path dir;

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private DbusDaemon daemon;
  private Context context;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  // ------------------------------------------------------------------ scenarios

  @Test
  void initialSnapshotReportsOnlyRemoteNvmeMiEndpoints() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4));
    publish(sim, 0x1e, 10, null, List.of(0, 4));
    publish(sim, 0x1f, 11, null, List.of(0, 1)); // PLDM only: not ours

    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);

    assertThat(describe(events.next(2, WAIT))).containsExactly(
        "appeared 1:9 available uuid=" + UUID9,
        "appeared 1:10 available");
    assertThat(d.malformedCount()).isZero();
    assertThat(d.scanCount()).isEqualTo(1);
  }

  @Test
  void hotAddBySetupEndpointAppears() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4));
    sim.addDevice(SimulatedMctpd.SERIAL_IF, 0x1e, List.of(0, 4), UUID10, 0);
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);
    assertThat(describe(events.next(1, WAIT))).containsExactly("appeared 1:9 available uuid=" + UUID9);

    // What mctpreactor does for a newly found drive: BusOwner1.SetupEndpoint on the link object.
    MctpdInterfaces.BusOwner1 owner = client().getRemoteObject(sim.busName(),
        MctpdObjectModel.V2.rootPath() + "/interfaces/" + SimulatedMctpd.SERIAL_IF, MctpdInterfaces.BusOwner1.class);
    MctpdInterfaces.EndpointResult<Byte, Integer, String, Boolean> r = owner.SetupEndpoint(new byte[] {0x1e});

    assertThat(r.eid).isEqualTo((byte) 10);
    assertThat(r.net).isEqualTo(1);
    assertThat(r.path).isEqualTo(sim.endpointPath(10));
    assertThat(r.isNew).isTrue();
    assertThat(describe(events.next(1, WAIT))).containsExactly("appeared 1:10 available uuid=" + UUID10);
  }

  @Test
  void hotRemoveVanishes() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4));
    publish(sim, 0x1e, 10, null, List.of(0, 4));
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);
    events.next(2, WAIT);

    endpoint1(sim, 9).Remove();

    assertThat(describe(events.next(1, WAIT))).containsExactly("vanished 1:9");
    assertThat(await(d.endpoints())).extracting(e -> e.eid()).containsExactly(10);
  }

  @Test
  void removingTheLocalEndpointFailsAndChangesNothing() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, null, List.of(0, 4));
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);
    events.next(1, WAIT);

    assertThatThrownBy(() -> endpoint1(sim, SimulatedMctpd.LOCAL_EID).Remove())
        .hasMessageContaining("Cannot remove mctpd-local endpoint");
    // A later, real change arrives next: nothing was emitted for the failed call.
    endpoint1(sim, 9).Remove();
    assertThat(describe(events.next(1, WAIT))).containsExactly("vanished 1:9");
  }

  @Test
  void recoverGoesDegradedThenAvailable() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4));
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);
    events.next(1, WAIT);

    endpoint1(sim, 9).Recover();

    assertThat(describe(events.next(2, WAIT))).containsExactly(
        "changed 1:9 available->degraded",
        "changed 1:9 degraded->available");
  }

  @Test
  void recoverOfADeadEndpointGoesDegradedThenVanishes() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4)).respondsToRecovery = false;
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);
    events.next(1, WAIT);

    endpoint1(sim, 9).Recover();

    assertThat(describe(events.next(2, WAIT))).containsExactly(
        "changed 1:9 available->degraded",
        "vanished 1:9");
  }

  @Test
  void mctpdRestartMarksEndpointsUnknownThenRepublishedOnesReturnAndOthersVanishAfterGrace() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4));
    publish(sim, 0x1e, 10, null, List.of(0, 4));
    MctpdDiscovery d = discovery(Duration.ofMillis(1500));
    await(d.start());
    EventRecorder events = record(d);
    events.next(2, WAIT);

    sim.stop();
    assertThat(describe(events.next(2, WAIT))).containsExactly(
        "changed 1:9 available->unknown",
        "changed 1:10 available->unknown");

    // mctpd comes back with only its local objects; the bus owner sets up drive 9 again, not 10.
    sim.start();
    MctpdInterfaces.BusOwner1 owner = client().getRemoteObject(sim.busName(),
        MctpdObjectModel.V2.rootPath() + "/interfaces/" + SimulatedMctpd.SERIAL_IF, MctpdInterfaces.BusOwner1.class);
    assertThat(owner.SetupEndpoint(new byte[] {0x1d}).eid).isEqualTo((byte) 9);

    assertThat(describe(events.next(2, WAIT))).containsExactly(
        "changed 1:9 unknown->available",
        "vanished 1:10");
    assertThat(d.scanCount()).isEqualTo(2);
  }

  @Test
  void mctpdStoppingForGoodVanishesEverythingAfterGrace() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4));
    publish(sim, 0x1e, 10, null, List.of(0, 4));
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);
    events.next(2, WAIT);

    sim.stop();

    assertThat(describe(events.next(4, WAIT))).containsExactly(
        "changed 1:9 available->unknown",
        "changed 1:10 available->unknown",
        "vanished 1:9",
        "vanished 1:10");
    assertThat(await(d.endpoints())).isEmpty();
  }

  @Test
  void busDaemonRestartReconnectsAndRescans() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4));
    publish(sim, 0x1e, 10, null, List.of(0, 4));
    MctpdDiscovery d = discovery(Duration.ofSeconds(20));
    await(d.start());
    EventRecorder events = record(d);
    events.next(2, WAIT);

    daemon.restart();
    assertThat(describe(events.next(2, WAIT))).containsExactly(
        "changed 1:9 available->unknown",
        "changed 1:10 available->unknown");

    // mctpd reconnects to the new bus (as systemd would restart it) and its endpoints are set up again.
    sim.stop();
    sim.start();
    sim.publish(sim.device(9));
    sim.publish(sim.device(10));

    assertThat(describe(events.next(2, WAIT))).containsExactly(
        "changed 1:9 unknown->available",
        "changed 1:10 unknown->available");
    assertThat(d.reconnectCount()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void twoHundredEndpointsAppearingAtOnceAreAllReportedInOrder() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);
    List<Device> shelf = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      shelf.add(sim.addDevice(SimulatedMctpd.SERIAL_IF, 0x10 + i, List.of(0, 4), null, 9 + i));
      expected.add("appeared 1:" + (9 + i) + " available");
    }

    sim.publishAll(shelf);

    assertThat(describe(events.next(200, WAIT))).containsExactlyElementsOf(expected);
    // A late subscriber gets the same 200 as its initial picture.
    EventRecorder late = record(d);
    assertThat(describe(late.next(200, WAIT))).containsExactlyElementsOf(expected);
  }

  @Test
  void malformedObjectsAreCountedOnceAndNeverStopDiscovery() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    // In the initial scan: EID missing, and EID with the wrong type.
    sim.publishRaw(sim.endpointPath(20), endpoint(Map.of(
        "NetworkId", new Variant<>(new UInt32(1)), "SupportedMessageTypes", new Variant<>(new byte[] {0, 4}))));
    sim.publishRaw(sim.endpointPath(21), endpoint(Map.of("EID", new Variant<>("21"),
        "NetworkId", new Variant<>(new UInt32(1)), "SupportedMessageTypes", new Variant<>(new byte[] {0, 4}))));
    publish(sim, 0x1d, 9, null, List.of(0, 4));
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);
    assertThat(describe(events.next(1, WAIT))).containsExactly("appeared 1:9 available");
    assertThat(d.malformedCount()).isEqualTo(2);

    // By signal: NetworkId as a string, SupportedMessageTypes as strings, and a bad UUID on a good endpoint.
    sim.publishRaw(sim.endpointPath(22), endpoint(Map.of("EID", new Variant<>((byte) 22),
        "NetworkId", new Variant<>("1"), "SupportedMessageTypes", new Variant<>(new byte[] {0, 4}))));
    sim.publishRaw(sim.endpointPath(23), endpoint(Map.of("EID", new Variant<>((byte) 23),
        "NetworkId", new Variant<>(new UInt32(1)), "SupportedMessageTypes", new Variant<>(List.of("0", "4"), "as"))));
    Map<String, Map<String, Variant<?>>> badUuid = endpoint(Map.of("EID", new Variant<>((byte) 24),
        "NetworkId", new Variant<>(new UInt32(1)), "SupportedMessageTypes", new Variant<>(new byte[] {0, 4})));
    badUuid.put(MctpdObjectModel.UUID_INTERFACE, Map.of("UUID", new Variant<>(new UInt32(7))));
    sim.publishRaw(sim.endpointPath(24), badUuid);
    publish(sim, 0x1e, 25, null, List.of(0, 4));

    assertThat(describe(events.next(2, WAIT))).containsExactly(
        "appeared 1:24 available",
        "appeared 1:25 available");
    assertThat(d.malformedCount()).isEqualTo(5);

    // The same problem seen again (a property change on the malformed object) is not counted again.
    sim.changeProperty(sim.endpointPath(21), MctpdObjectModel.ENDPOINT_INTERFACE, "EID", new Variant<>("still-bad"));
    endpoint1(sim, 9).Recover();
    assertThat(describe(events.next(2, WAIT))).containsExactly(
        "changed 1:9 available->degraded",
        "changed 1:9 degraded->available");
    assertThat(d.malformedCount()).isEqualTo(5);
  }

  @Test
  void followsTheV1ObjectModelWhenV2IsAbsent() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V1);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4));
    sim.addDevice(SimulatedMctpd.SERIAL_IF, 0x1e, List.of(0, 4), null, 0);
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);
    assertThat(describe(events.next(1, WAIT))).containsExactly("appeared 1:9 available uuid=" + UUID9);

    MctpdInterfaces.CodeConstructMctpV1 root = client().getRemoteObject(sim.busName(),
        MctpdObjectModel.V1.rootPath(), MctpdInterfaces.CodeConstructMctpV1.class);
    assertThat(root.SetupEndpoint(SimulatedMctpd.SERIAL_IF, new byte[] {0x1e}).eid).isEqualTo((byte) 10);

    assertThat(describe(events.next(1, WAIT))).containsExactly("appeared 1:10 available");
    client().getRemoteObject(sim.busName(), sim.endpointPath(9), MctpdInterfaces.CodeConstructEndpointV1.class).Remove();
    assertThat(describe(events.next(1, WAIT))).containsExactly("vanished 1:9");
  }

  @Test
  void mctpdStartingAfterDiscoveryIsFollowed() throws Exception {
    MctpdDiscovery d = discovery();
    await(d.start());
    assertThat(await(d.endpoints())).isEmpty();
    EventRecorder events = record(d);

    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4));

    assertThat(describe(events.next(1, WAIT))).containsExactly("appeared 1:9 available uuid=" + UUID9);
  }

  @Test
  void busAppearingAfterStartIsConnectedWithBackoff() throws Exception {
    Path later = dir.resolve("later");
    java.nio.file.Files.createDirectories(later);
    context = vertx.getOrCreateContext();
    MctpdDiscovery d = new MctpdDiscovery(context, MctpdDiscoveryOptions.defaults("unix:path=" + later.resolve("bus.sock"))
        .withGrace(GRACE).withReconnect(Duration.ofMillis(50), Duration.ofMillis(200)), () -> 0.5);
    cleanup.add(() -> await(d.shutdown()));

    assertThatThrownBy(() -> await(d.start()))
        .hasCauseInstanceOf(dev.nvmemi.transport.discovery.DiscoveryException.class)
        .hasMessageContaining("cannot follow mctpd on D-Bus at unix:path=" + later.resolve("bus.sock"));
    EventRecorder events = record(d);

    daemon = DbusDaemon.start(later);
    cleanup.add(daemon);
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, null, List.of(0, 4));

    assertThat(describe(events.next(1, WAIT))).containsExactly("appeared 1:9 available");
  }

  @Test
  void signalsFromAnotherSenderThanMctpdAreIgnored() throws Exception {
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);

    DBusConnection rogue = client();
    Map<String, Map<String, Variant<?>>> fake = endpoint(Map.of("EID", new Variant<>((byte) 50),
        "NetworkId", new Variant<>(new UInt32(1)), "SupportedMessageTypes", new Variant<>(new byte[] {0, 4})));
    rogue.sendMessage(new org.freedesktop.dbus.interfaces.ObjectManager.InterfacesAdded(
        MctpdObjectModel.V2.rootPath(), new org.freedesktop.dbus.DBusPath(sim.endpointPath(50)), fake));
    rogue.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", org.freedesktop.dbus.interfaces.DBus.class)
        .GetId(); // a round trip: the daemon has routed the rogue signal before mctpd's next one
    publish(sim, 0x1d, 9, null, List.of(0, 4));

    assertThat(describe(events.next(1, WAIT))).containsExactly("appeared 1:9 available");
  }

  @Test
  void readOnlyAccessIsEnough() throws Exception {
    // The policy of mctpd's conf/mctpd-dbus.conf for ordinary users: GetManagedObjects and
    // Introspect only; signals are broadcast. Everything else sent to mctpd is denied.
    daemon = DbusDaemon.start(dir, """
        <policy context="default">
          <allow own="*"/>
          <allow receive_sender="*"/>
          <allow send_destination="*"/>
          <deny send_destination="au.com.codeconstruct.MCTP1"/>
          <allow send_destination="au.com.codeconstruct.MCTP1"
                 send_interface="org.freedesktop.DBus.ObjectManager" send_member="GetManagedObjects"/>
          <allow send_destination="au.com.codeconstruct.MCTP1" send_interface="org.freedesktop.DBus.Introspectable"/>
        </policy>""");
    cleanup.add(daemon);
    SimulatedMctpd sim = startSim(SimulatedMctpd.Mode.V2);
    publish(sim, 0x1d, 9, UUID9, List.of(0, 4));
    MctpdDiscovery d = discovery();
    await(d.start());
    EventRecorder events = record(d);
    assertThat(describe(events.next(1, WAIT))).containsExactly("appeared 1:9 available uuid=" + UUID9);

    assertThatThrownBy(() -> endpoint1(sim, 9).Recover()).isInstanceOf(org.freedesktop.dbus.errors.AccessDenied.class);
    sim.removeEndpoint(9);
    assertThat(describe(events.next(1, WAIT))).containsExactly("vanished 1:9");
  }

  // ------------------------------------------------------------------ helpers

  private SimulatedMctpd startSim(SimulatedMctpd.Mode mode) throws Exception {
    if (daemon == null) {
      daemon = DbusDaemon.start(dir);
      cleanup.add(daemon);
    }
    SimulatedMctpd sim = new SimulatedMctpd(daemon.address(), mode);
    sim.start();
    cleanup.add(sim);
    return sim;
  }

  private static Device publish(SimulatedMctpd sim, int physaddr, int eid, String uuid, List<Integer> types) {
    Device dev = sim.addDevice(SimulatedMctpd.SERIAL_IF, physaddr, types, uuid, eid);
    sim.publish(dev);
    return dev;
  }

  private MctpdDiscovery discovery() throws Exception {
    return discovery(GRACE);
  }

  private MctpdDiscovery discovery(Duration grace) throws Exception {
    if (daemon == null) {
      daemon = DbusDaemon.start(dir);
      cleanup.add(daemon);
    }
    context = vertx.getOrCreateContext();
    MctpdDiscoveryOptions o = MctpdDiscoveryOptions.defaults(daemon.address())
        .withGrace(grace)
        .withReconnect(Duration.ofMillis(50), Duration.ofMillis(400));
    MctpdDiscovery d = new MctpdDiscovery(context, o, () -> 0.5);
    cleanup.add(() -> await(d.shutdown()));
    return d;
  }

  private DBusConnection client() throws Exception {
    DBusConnection c = DBusConnectionBuilder.forAddress(daemon.address()).withShared(false).build();
    cleanup.add(c::disconnect);
    return c;
  }

  private MctpdInterfaces.Endpoint1 endpoint1(SimulatedMctpd sim, int eid) throws Exception {
    return client().getRemoteObject(sim.busName(), sim.endpointPath(eid), MctpdInterfaces.Endpoint1.class);
  }

  /** An object with only the OpenBMC endpoint interface and the given properties. */
  private static Map<String, Map<String, Variant<?>>> endpoint(Map<String, Variant<?>> props) {
    Map<String, Map<String, Variant<?>>> m = new java.util.LinkedHashMap<>();
    m.put(MctpdObjectModel.ENDPOINT_INTERFACE, props);
    return m;
  }

  private EventRecorder record(MctpdDiscovery d) {
    EventRecorder r = new EventRecorder(d.events(), context);
    cleanup.add(r);
    return r;
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Events as one-line strings: "appeared 1:9 available uuid=…", "changed 1:9 available->degraded", "vanished 1:9". */
  static List<String> describe(List<EndpointEvent> events) {
    List<String> out = new ArrayList<>();
    for (EndpointEvent e : events) {
      String s;
      if (e instanceof EndpointEvent.Appeared a) {
        s = "appeared " + a.key() + " " + a.endpoint().connectivity().wireName()
            + (a.endpoint().uuid() == null ? "" : " uuid=" + a.endpoint().uuid());
      } else if (e instanceof EndpointEvent.Changed c) {
        s = "changed " + c.key() + " " + c.previous().connectivity().wireName() + "->"
            + c.endpoint().connectivity().wireName()
            + (java.util.Objects.equals(c.previous().uuid(), c.endpoint().uuid()) ? "" : " uuid=" + c.endpoint().uuid());
      } else {
        s = "vanished " + e.key();
      }
      out.add(s);
    }
    return out;
  }
}
