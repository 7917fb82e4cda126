package dev.nvmemi.simulator;

/**
 * Where a simulated endpoint sits, as discovery would report it.
 *
 * @param index position of the drive in the fleet (0-based; scenario events refer to it)
 * @param network MCTP network ID
 * @param eid MCTP endpoint ID; 0 while a bus owner has not assigned one yet (Set Endpoint ID)
 * @param bus the physical bus name (e.g. {@code mctpi2c1})
 */
public record EndpointInfo(int index, int network, int eid, String bus) {
  public EndpointInfo {
    if (eid != 0 && (eid < 8 || eid > 0xFE)) {
      throw new IllegalArgumentException("eid: " + eid + " (expected: 0 for unassigned, or 8 ~ 254)");
    }
  }

  /** True while the endpoint has no EID (a bus owner has to assign one). */
  public boolean unassigned() {
    return eid == 0;
  }

  /** {@code "sim: net N eid E"} ({@code "eid unassigned"} before Set Endpoint ID). */
  public String describe() {
    return "sim: net " + network + (eid == 0 ? " eid unassigned (drive " + index + ")" : " eid " + eid);
  }
}
