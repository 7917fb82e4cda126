package dev.nvmemi.transport.mctp;

import dev.nvmemi.transport.mctp.jna.ErrnoException;
import java.util.Map;
import java.util.Optional;

/**
 * Names the physical bus an endpoint is on: a configured override for {@code "<network>:<eid>"},
 * else the interface of the kernel's MCTP route to it (e.g. {@code mctpi2c3}), else
 * {@code "mctp-net<N>"} — every endpoint without a known bus on one network shares one lane, the
 * safe choice on a slow shared bus. Stateless; the lookup blocks (rtnetlink), so it runs on a
 * worker thread.
 */
public final class MctpBusLookup {
  private static final System.Logger LOG = System.getLogger(MctpBusLookup.class.getName());

  /** Source of the route table (the kernel, or a fixed table in tests). */
  @FunctionalInterface
  public interface RouteSource {
    MctpRouteTable read() throws ErrnoException;
  }

  private final Map<String, String> overrides;
  private final RouteSource routes;

  public MctpBusLookup(Map<String, String> overrides, RouteSource routes) {
    this.overrides = Map.copyOf(overrides);
    this.routes = routes;
  }

  /** Overrides plus the running kernel's routes. */
  public static MctpBusLookup kernel(Map<String, String> overrides) {
    return new MctpBusLookup(overrides, MctpRouteTable::read);
  }

  /** The interface reaching (network, eid) per the kernel, without overrides or fallback. */
  public Optional<String> routedInterface(int network, int eid) throws ErrnoException {
    return routes.read().lookup(network, eid).map(MctpRouteTable.Link::name);
  }

  /** The bus name for (network, eid); never fails (see the class comment for the fallback). */
  public String resolve(int network, int eid) {
    String o = overrides.get(network + ":" + eid);
    if (o != null) {
      return o;
    }
    String fallback = "mctp-net" + network;
    try {
      Optional<String> ifname = routedInterface(network, eid);
      if (ifname.isPresent()) {
        return ifname.get();
      }
      LOG.log(System.Logger.Level.INFO, () -> "no MCTP route to network " + network + ", EID " + eid
          + " in the kernel's table; scheduling it on lane " + fallback);
    } catch (ErrnoException | RuntimeException | LinkageError e) {
      LOG.log(System.Logger.Level.INFO, () -> "MCTP route lookup for network " + network + ", EID " + eid
          + " failed (" + e.getMessage() + "); scheduling it on lane " + fallback);
    }
    return fallback;
  }
}
