package dev.nvmemi.simulator;

/**
 * Where a simulated endpoint sits, as discovery would report it.
 *
 * @param index position of the drive in the fleet (0-based; scenario events refer to it)
 * @param network MCTP network ID
 * @param eid MCTP endpoint ID
 * @param bus the physical bus name (e.g. {@code mctpi2c1})
 */
public record EndpointInfo(int index, int network, int eid, String bus) {
  public EndpointInfo {
    if (eid < 8 || eid > 0xFE) {
      throw new IllegalArgumentException("eid: " + eid + " (expected: 8 ~ 254)");
    }
  }

  /** {@code "sim: net N eid E"}. */
  public String describe() {
    return "sim: net " + network + " eid " + eid;
  }
}
