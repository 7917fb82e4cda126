package dev.nvmemi.transport.mctp;

import dev.nvmemi.transport.discovery.BusId;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import java.util.Optional;

/**
 * Names the physical bus an endpoint is on when discovery does not: the interface of the kernel's
 * MCTP route to it (e.g. {@code mctpi2c3}), else {@link BusId#networkFallback} ({@code mctp-net<N>})
 * — every endpoint without a known bus on one network shares one lane, the safe choice on a slow
 * shared bus. (A bus configured with the endpoint, {@code net:eid@bus}, never gets here.) Stateless;
 * the lookup blocks (rtnetlink), so it runs on a worker thread.
 */
public final class MctpBusLookup {
  private static final System.Logger LOG = System.getLogger(MctpBusLookup.class.getName());

  /** Source of the route table (the kernel, or a fixed table in tests). */
  @FunctionalInterface
  public interface RouteSource {
    MctpRouteTable read() throws ErrnoException;
  }

  private final RouteSource routes;

  public MctpBusLookup(RouteSource routes) {
    this.routes = routes;
  }

  /** The running kernel's routes. */
  public static MctpBusLookup kernel() {
    return new MctpBusLookup(MctpRouteTable::read);
  }

  /** The interface reaching (network, eid) per the kernel, without overrides or fallback. */
  public Optional<String> routedInterface(int network, int eid) throws ErrnoException {
    return routes.read().lookup(network, eid).map(MctpRouteTable.Link::name);
  }

  /** The bus of (network, eid); never fails (see the class comment for the fallback). */
  public BusId resolve(int network, int eid) {
    BusId fallback = BusId.networkFallback(network);
    try {
      Optional<String> ifname = routedInterface(network, eid);
      if (ifname.isPresent() && !ifname.get().isBlank()) {
        return BusId.of(ifname.get());
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
