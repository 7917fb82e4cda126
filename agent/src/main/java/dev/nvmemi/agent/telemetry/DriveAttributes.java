package dev.nvmemi.agent.telemetry;

import static dev.nvmemi.agent.telemetry.TelemetryContract.*;

import dev.nvmemi.agent.drive.DriveIdentity;
import dev.nvmemi.agent.poll.DriveSnapshot;
import dev.nvmemi.transport.discovery.BusEndpoint;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drive attributes of design §6 (on every drive series and drive event), built once per
 * endpoint and identity. Thread-safe (read by the metric reader and the agent context).
 */
final class DriveAttributes {
  static final AttributeKey<String> HW_ID_KEY = AttributeKey.stringKey(HW_ID);
  static final AttributeKey<String> HW_TYPE_KEY = AttributeKey.stringKey(HW_TYPE);
  static final AttributeKey<String> HW_VENDOR_KEY = AttributeKey.stringKey(HW_VENDOR);
  static final AttributeKey<String> HW_MODEL_KEY = AttributeKey.stringKey(HW_MODEL);
  static final AttributeKey<String> HW_SERIAL_KEY = AttributeKey.stringKey(HW_SERIAL_NUMBER);
  static final AttributeKey<String> HW_FIRMWARE_KEY = AttributeKey.stringKey(HW_FIRMWARE_VERSION);
  static final AttributeKey<Long> NETWORK_KEY = AttributeKey.longKey(NVME_MCTP_NETWORK_ID);
  static final AttributeKey<Long> EID_KEY = AttributeKey.longKey(NVME_MCTP_EID);
  static final AttributeKey<String> BUS_KEY = AttributeKey.stringKey(NVME_BUS);

  private record Cached(DriveIdentity identity, Attributes attributes) {}

  private final Map<BusEndpoint, Cached> cache = new ConcurrentHashMap<>();

  /** The drive attributes of an identified endpoint. */
  Attributes drive(DriveSnapshot snap) {
    DriveIdentity id = snap.identity();
    Cached c = cache.get(snap.key());
    if (c != null && c.identity() == id) {
      return c.attributes();
    }
    Attributes a = Attributes.builder()
        .put(HW_ID_KEY, id.hwId())
        .put(HW_TYPE_KEY, HW_TYPE_PHYSICAL_DISK)
        .put(HW_VENDOR_KEY, id.vendor())
        .put(HW_MODEL_KEY, id.model())
        .put(HW_SERIAL_KEY, id.serialNumber())
        .put(HW_FIRMWARE_KEY, id.firmware())
        .put(NETWORK_KEY, snap.key().network())
        .put(EID_KEY, (long) snap.key().eid())
        .put(BUS_KEY, snap.key().bus().name())
        .build();
    cache.put(snap.key(), new Cached(id, a));
    return a;
  }

  /** The drive attributes when identified, else network, EID and bus. */
  Attributes endpoint(DriveSnapshot snap) {
    if (snap.identity() != null) {
      return drive(snap);
    }
    BusEndpoint k = snap.key();
    return Attributes.of(NETWORK_KEY, k.network(), EID_KEY, (long) k.eid(), BUS_KEY, k.bus().name());
  }

  /** Forgets an endpoint (removed). */
  void forget(BusEndpoint key) {
    cache.remove(key);
  }
}
