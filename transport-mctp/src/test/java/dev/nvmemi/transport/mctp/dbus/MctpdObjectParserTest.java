package dev.nvmemi.transport.mctp.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.transport.discovery.Connectivity;
import dev.nvmemi.transport.discovery.EndpointKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

/** The object classification of spec mctp.md §3.3/§3.5, value by value. */
class MctpdObjectParserTest {
  private static final String PATH9 = "/au/com/codeconstruct/mctp1/networks/1/endpoints/9";

  /** Endpoint 9 of the §3.5 sample reply: NetworkId u 1, EID y 9, types ay [0, 4] (as dbus-java reads ay in a Variant). */
  private static Map<String, Map<String, Variant<?>>> sample9() {
    Map<String, Map<String, Variant<?>>> o = new LinkedHashMap<>();
    o.put("org.freedesktop.DBus.Peer", Map.of());
    o.put("org.freedesktop.DBus.Introspectable", Map.of());
    o.put("org.freedesktop.DBus.Properties", Map.of());
    Map<String, Variant<?>> ep = new LinkedHashMap<>();
    ep.put("NetworkId", new Variant<>(new UInt32(1)));
    ep.put("EID", new Variant<>((byte) 9));
    ep.put("SupportedMessageTypes", new Variant<>(List.of((byte) 0, (byte) 4), "ay"));
    o.put("xyz.openbmc_project.MCTP.Endpoint", ep);
    o.put("au.com.codeconstruct.MCTP.Endpoint1", new LinkedHashMap<>(Map.of("Connectivity", new Variant<>("Available"))));
    o.put("xyz.openbmc_project.Common.UUID", Map.of("UUID", new Variant<>("595a522d-77c5-4628-8400-37bfb41b710c")));
    return o;
  }

  private static MctpdObjectParser.Result parse(Map<String, Map<String, Variant<?>>> o) {
    return MctpdObjectParser.parse(MctpdObjectModel.V2, PATH9, o, Map.of(1L, Set.of(8)));
  }

  private static void put(Map<String, Map<String, Variant<?>>> o, String prop, Variant<?> v) {
    Map<String, Variant<?>> ep = new LinkedHashMap<>(o.get("xyz.openbmc_project.MCTP.Endpoint"));
    if (v == null) {
      ep.remove(prop);
    } else {
      ep.put(prop, v);
    }
    o.put("xyz.openbmc_project.MCTP.Endpoint", ep);
  }

  @Test
  void readsTheSampleEndpoint() {
    assertThat(parse(sample9())).isEqualTo(new MctpdObjectParser.Endpoint(new EndpointKey(1, 9),
        "595a522d-77c5-4628-8400-37bfb41b710c", Connectivity.AVAILABLE, List.of()));
  }

  @Test
  void acceptsNetworkIdAsInt32FromMctpdOne() {
    var o = sample9();
    put(o, "NetworkId", new Variant<>(1));
    assertThat(parse(o)).isInstanceOf(MctpdObjectParser.Endpoint.class);
  }

  @Test
  void readsAnUnsignedNetworkIdAboveTheSignedRange() {
    var o = sample9();
    put(o, "NetworkId", new Variant<>(new UInt32(0xFFFF_FFFEL)));
    var r = MctpdObjectParser.parse(MctpdObjectModel.V2, "/au/com/codeconstruct/mctp1/networks/4294967294/endpoints/9",
        o, Map.of());
    assertThat(((MctpdObjectParser.Endpoint) r).key()).isEqualTo(new EndpointKey(0xFFFF_FFFEL, 9));
  }

  @Test
  void rejectsANegativeInt32NetworkId() {
    var o = sample9();
    put(o, "NetworkId", new Variant<>(-1));
    assertThat(parse(o)).isEqualTo(new MctpdObjectParser.Malformed("NetworkId is negative: -1 (expected: 0 ~ 4294967295)"));
  }

  @Test
  void rejectsAMissingEid() {
    var o = sample9();
    put(o, "EID", null);
    assertThat(parse(o)).isEqualTo(new MctpdObjectParser.Malformed("missing EID"));
  }

  @Test
  void rejectsAMissingNetworkId() {
    var o = sample9();
    put(o, "NetworkId", null);
    assertThat(parse(o)).isEqualTo(new MctpdObjectParser.Malformed("missing NetworkId"));
  }

  @Test
  void rejectsMissingMessageTypes() {
    var o = sample9();
    put(o, "SupportedMessageTypes", null);
    assertThat(parse(o)).isEqualTo(new MctpdObjectParser.Malformed("missing SupportedMessageTypes"));
  }

  @Test
  void rejectsAnEidOfAnotherType() {
    var o = sample9();
    put(o, "EID", new Variant<>(new UInt32(9)));
    assertThat(parse(o)).isEqualTo(new MctpdObjectParser.Malformed("EID has type 'u' (expected: 'y')"));
  }

  @Test
  void rejectsANetworkIdOfAnotherType() {
    var o = sample9();
    put(o, "NetworkId", new Variant<>("1"));
    assertThat(parse(o)).isEqualTo(new MctpdObjectParser.Malformed(
        "NetworkId has type 's' (expected: 'u', or 'i' from mctpd 1.x)"));
  }

  @Test
  void rejectsMessageTypesOfAnotherType() {
    var o = sample9();
    put(o, "SupportedMessageTypes", new Variant<>(new UInt32(4)));
    assertThat(parse(o)).isEqualTo(new MctpdObjectParser.Malformed("SupportedMessageTypes has type 'u' (expected: 'ay')"));
  }

  @Test
  void rejectsANonUnicastEid() {
    var o = sample9();
    put(o, "EID", new Variant<>((byte) 0xFF));
    var r = MctpdObjectParser.parse(MctpdObjectModel.V2, "/elsewhere", o, Map.of());
    assertThat(r).isEqualTo(new MctpdObjectParser.Malformed("EID 255 is not unicast (expected: 8 ~ 254)"));
  }

  @Test
  void rejectsPropertiesThatContradictThePath() {
    var o = sample9();
    put(o, "EID", new Variant<>((byte) 10));
    assertThat(parse(o)).isEqualTo(new MctpdObjectParser.Malformed(
        "path names 1:9 but the properties say 1:10 (expected: the same endpoint)"));
  }

  @Test
  void ignoresEndpointsWithoutNvmeMi() {
    var o = sample9();
    put(o, "SupportedMessageTypes", new Variant<>(new byte[] {0, 1, 5}));
    assertThat(parse(o)).isInstanceOf(MctpdObjectParser.Ignored.class);
  }

  @Test
  void ignoresLocalEidsListedByTheNetworkObject() {
    var o = sample9();
    var r = MctpdObjectParser.parse(MctpdObjectModel.V2, PATH9, o, Map.of(1L, Set.of(9)));
    assertThat(r).isEqualTo(new MctpdObjectParser.Ignored("local EID 1:9"));
  }

  @Test
  void ignoresObjectsWithoutTheEndpointInterface() {
    Map<String, Map<String, Variant<?>>> link = Map.of("au.com.codeconstruct.MCTP.Interface1",
        Map.of("Role", new Variant<>("BusOwner"), "NetworkId", new Variant<>(new UInt32(1))));
    assertThat(MctpdObjectParser.parse(MctpdObjectModel.V2, "/au/com/codeconstruct/mctp1/interfaces/lo", link, Map.of()))
        .isInstanceOf(MctpdObjectParser.Ignored.class);
  }

  @Test
  void keepsTheEndpointButReportsAUuidOfAnotherType() {
    var o = sample9();
    o.put("xyz.openbmc_project.Common.UUID", Map.of("UUID", new Variant<>(new UInt32(1))));
    assertThat(parse(o)).isEqualTo(new MctpdObjectParser.Endpoint(new EndpointKey(1, 9), null, Connectivity.AVAILABLE,
        List.of("UUID has type 'u' (expected: 's'); ignored")));
  }

  @Test
  void readsDegradedConnectivity() {
    var o = sample9();
    o.put("au.com.codeconstruct.MCTP.Endpoint1", Map.of("Connectivity", new Variant<>("Degraded")));
    assertThat(((MctpdObjectParser.Endpoint) parse(o)).connectivity()).isEqualTo(Connectivity.DEGRADED);
  }

  @Test
  void takesAnUnknownConnectivityValueAsAvailableAndReportsIt() {
    var o = sample9();
    o.put("au.com.codeconstruct.MCTP.Endpoint1", Map.of("Connectivity", new Variant<>("Sleeping")));
    var r = (MctpdObjectParser.Endpoint) parse(o);
    assertThat(r.connectivity()).isEqualTo(Connectivity.AVAILABLE);
    assertThat(r.problems()).containsExactly(
        "unknown Connectivity value: \"Sleeping\" (expected: \"Available\" or \"Degraded\"); taken as Available");
  }

  @Test
  void anEndpointWithoutEndpoint1IsAvailable() {
    var o = sample9();
    o.remove("au.com.codeconstruct.MCTP.Endpoint1");
    assertThat(((MctpdObjectParser.Endpoint) parse(o)).connectivity()).isEqualTo(Connectivity.AVAILABLE);
  }

  @Test
  void readsLocalEidsOfANetworkObject() {
    Map<String, Map<String, Variant<?>>> net = Map.of("au.com.codeconstruct.MCTP.Network1",
        Map.of("LocalEIDs", new Variant<>(List.of((byte) 8), "ay")));
    assertThat(MctpdObjectParser.localEids(net)).containsExactly(8);
    assertThat(MctpdObjectModel.parseNetworkPath("/au/com/codeconstruct/mctp1/networks/1")).isEqualTo(1);
    assertThat(MctpdObjectModel.parseNetworkPath("/au/com/codeconstruct/mctp1/networks/1/endpoints/8")).isEqualTo(-1);
  }
}
