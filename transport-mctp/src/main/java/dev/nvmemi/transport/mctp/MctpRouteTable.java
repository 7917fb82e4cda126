package dev.nvmemi.transport.mctp;

import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.MctpConstants;
import dev.nvmemi.transport.mctp.jna.NetlinkMessage;
import dev.nvmemi.transport.mctp.jna.NetlinkMessage.Attribute;
import dev.nvmemi.transport.mctp.jna.RtNetlink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's MCTP routes, read over rtnetlink: which interface (= which physical bus) reaches
 * (network, EID). A route message carries the first EID ({@code RTA_DST}), the range size in
 * {@code rtm_dst_len} (a count of EIDs minus one, not a prefix length) and the interface
 * ({@code RTA_OIF}); the network is a property of the interface ({@code IFLA_AF_SPEC} →
 * {@code AF_MCTP} → {@code IFLA_MCTP_NET}), so links are dumped too. Immutable; thread-safe.
 *
 * @param links MCTP interfaces by ifindex
 * @param routes unicast routes, in kernel order
 */
public record MctpRouteTable(Map<Integer, Link> links, List<Route> routes) {
  static final int RTN_UNICAST = 1;
  private static final int RTA_DST = 1;
  private static final int RTA_OIF = 4;
  private static final int RTA_METRICS = 8;
  private static final int RTAX_MTU = 2;
  private static final int IFLA_IFNAME = 3;
  private static final int IFLA_AF_SPEC = 26;
  private static final int IFLA_MCTP_NET = 1;
  private static final int RTMSG_LEN = 12;
  private static final int IFINFOMSG_LEN = 16;

  public MctpRouteTable {
    links = Map.copyOf(links);
    routes = List.copyOf(routes);
  }

  /**
   * An MCTP network interface.
   *
   * @param ifindex interface index
   * @param name interface name, e.g. {@code mctpi2c3} or {@code mctpserial0}
   * @param network the MCTP network the interface belongs to
   */
  public record Link(int ifindex, String name, int network) {}

  /**
   * A unicast MCTP route.
   *
   * @param firstEid first EID of the range
   * @param lastEid last EID of the range (inclusive)
   * @param ifindex output interface
   * @param mtu route MTU, 0 when the interface MTU applies
   */
  public record Route(int firstEid, int lastEid, int ifindex, int mtu) {}

  /** Dumps links and routes from the running kernel (a blocking call: worker threads only). */
  public static MctpRouteTable read() throws ErrnoException {
    try (RtNetlink nl = RtNetlink.open()) {
      List<NetlinkMessage> links = nl.dump(NetlinkMessage.RTM_GETLINK, new byte[IFINFOMSG_LEN]);
      byte[] rtmsg = new byte[RTMSG_LEN];
      rtmsg[0] = (byte) MctpConstants.AF_MCTP;
      List<NetlinkMessage> routes = nl.dump(NetlinkMessage.RTM_GETROUTE, rtmsg);
      return parse(links, routes);
    }
  }

  /**
   * Builds the table from RTM_NEWLINK and RTM_NEWROUTE dump messages. Messages of other families
   * (a kernel without MCTP answers an AF_MCTP route dump with every family's routes) and links
   * without MCTP attributes are skipped.
   *
   * @throws IllegalArgumentException on a malformed message
   */
  public static MctpRouteTable parse(List<NetlinkMessage> linkMessages, List<NetlinkMessage> routeMessages) {
    Map<Integer, Link> links = new HashMap<>();
    for (NetlinkMessage m : linkMessages) {
      if (m.type() != NetlinkMessage.RTM_NEWLINK || m.payload().length < IFINFOMSG_LEN) {
        continue;
      }
      int ifindex = m.buffer().getInt(4);
      String name = null;
      Integer network = null;
      for (Attribute a : m.attributes(IFINFOMSG_LEN)) {
        if (a.type() == IFLA_IFNAME) {
          name = a.string();
        } else if (a.type() == IFLA_AF_SPEC) {
          for (Attribute af : a.nested()) {
            if (af.type() == MctpConstants.AF_MCTP) {
              for (Attribute x : af.nested()) {
                if (x.type() == IFLA_MCTP_NET) {
                  network = (int) x.u32();
                }
              }
            }
          }
        }
      }
      if (name != null && network != null) {
        links.put(ifindex, new Link(ifindex, name, network));
      }
    }
    List<Route> routes = new ArrayList<>();
    for (NetlinkMessage m : routeMessages) {
      if (m.type() != NetlinkMessage.RTM_NEWROUTE || m.payload().length < RTMSG_LEN) {
        continue;
      }
      ByteBuffer h = ByteBuffer.wrap(m.payload()).order(ByteOrder.nativeOrder());
      if ((h.get(0) & 0xFF) != MctpConstants.AF_MCTP || (h.get(7) & 0xFF) != RTN_UNICAST) {
        continue;
      }
      int range = h.get(1) & 0xFF;
      Integer dst = null;
      Integer oif = null;
      int mtu = 0;
      for (Attribute a : m.attributes(RTMSG_LEN)) {
        if (a.type() == RTA_DST) {
          dst = a.u8();
        } else if (a.type() == RTA_OIF) {
          oif = (int) a.u32();
        } else if (a.type() == RTA_METRICS) {
          for (Attribute x : a.nested()) {
            if (x.type() == RTAX_MTU) {
              mtu = (int) x.u32();
            }
          }
        }
      }
      if (dst != null && oif != null) {
        routes.add(new Route(dst, Math.min(0xFF, dst + range), oif, mtu));
      }
    }
    return new MctpRouteTable(links, routes);
  }

  /**
   * The interface that reaches {@code eid} on {@code network} (0 = the default network 1).
   */
  public Optional<Link> lookup(int network, int eid) {
    int net = network == MctpConstants.MCTP_NET_ANY ? MctpConstants.MCTP_INITIAL_DEFAULT_NET : network;
    for (Route r : routes) {
      Link l = links.get(r.ifindex());
      if (l != null && l.network() == net && eid >= r.firstEid() && eid <= r.lastEid()) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
