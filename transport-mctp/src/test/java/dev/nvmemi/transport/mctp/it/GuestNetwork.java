package dev.nvmemi.transport.mctp.it;

import dev.nvmemi.simulator.SimulatedFleet;
import dev.nvmemi.simulator.serial.MctpFragmenter;
import dev.nvmemi.simulator.serial.MctpSerialServer;
import dev.nvmemi.transport.mctp.MctpRouteTable;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.LibC;
import dev.nvmemi.transport.mctp.jna.MctpConstants;
import dev.nvmemi.transport.mctp.jna.NetlinkMessage;
import dev.nvmemi.transport.mctp.jna.NetlinkMessage.Attribute;
import dev.nvmemi.transport.mctp.jna.RtNetlink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Configures MCTP interfaces over rtnetlink, as mctpd would (iproute2 6.1 cannot, and the
 * {@code mctp} tool is not in Debian 12): link up, a local EID, a route to a peer EID. The guest has
 * a single set-up, shared by every test class in the JVM ({@link #ensureSimulatorLink()}).
 */
final class GuestNetwork {
  /** The link the test script creates before the JVM starts (simulator or stand-in peer behind it). */
  static final String SIM_LINK = "mctpserial0";
  static final int LOCAL_EID = 8;
  static final int SIM_EID = 9;
  private static final int IFF_UP = 0x1;
  private static final int IFA_LOCAL = 2;
  private static final int RTA_DST = 1;
  private static final int RTA_OIF = 4;
  private static boolean simLinkReady;
  /** The in-process simulator, when the script started none (kept for the JVM's lifetime). */
  static SimulatedFleet fleet;
  static MctpSerialServer server;

  private GuestNetwork() {}

  /**
   * mctpserial0 up, local EID 8, route to EID 9 (unless the test script routed EID 9 over it already). When the test script started the simulator
   * ({@code mctp-pty nvme-mi-agent simulate --serial-fd 3}), mctpserial0 exists already; otherwise the
   * simulator's serial front end ({@code MctpSerialServer}) is started here, in the test JVM, on
   * the master of a new pty link. Idempotent within the JVM.
   */
  static synchronized void ensureSimulatorLink() throws ErrnoException, IOException {
    if (!simLinkReady) {
      if (!Files.exists(Path.of("/sys/class/net", SIM_LINK))) {
        MctpSerialLink standIn = MctpSerialLink.create();
        if (!standIn.ifname.equals(SIM_LINK)) {
          throw new IOException("stand-in link is " + standIn.ifname + " (expected: " + SIM_LINK + ")");
        }
        fleet = SimulatedFleet.builder().drives(1).network(1).eids(SIM_EID).build();
        server = new MctpSerialServer(PtyStreams.in(standIn.master), PtyStreams.out(standIn.master),
            fleet.allEndpoints(), fleet.clock(), MctpFragmenter.SERIAL_MTU);
        server.start();
      }
      // the test script may have configured it already (GuestNetworkTool, for the 'once' chain)
      if (!MctpRouteTable.read().lookup(1, SIM_EID).map(l -> l.name().equals(SIM_LINK)).orElse(false)) {
        configure(LibC.get().if_nametoindex(SIM_LINK), LOCAL_EID, SIM_EID);
      }
      simLinkReady = true;
    }
  }

  /** Brings {@code ifindex} up, gives it {@code localEid} and routes each of {@code peers} over it. */
  static void configure(int ifindex, int localEid, int... peers) throws ErrnoException {
    try (RtNetlink nl = RtNetlink.open()) {
      ByteBuffer link = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
      link.put(0, (byte) 0).putInt(4, ifindex).putInt(8, IFF_UP).putInt(12, IFF_UP);
      nl.request(NetlinkMessage.RTM_NEWLINK, 0, link.array());

      ByteBuffer addr = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
      addr.put(0, (byte) MctpConstants.AF_MCTP).putInt(4, ifindex);
      nl.request(NetlinkMessage.RTM_NEWADDR, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL,
          concat(addr.array(), Attribute.u8(IFA_LOCAL, localEid)));

      for (int peer : peers) {
        byte[] rtmsg = new byte[12];
        rtmsg[0] = (byte) MctpConstants.AF_MCTP;
        rtmsg[1] = 0; // a single EID (the length counts EIDs, not bits)
        rtmsg[4] = (byte) 253; // RT_TABLE_DEFAULT
        rtmsg[5] = 4; // RTPROT_STATIC
        rtmsg[6] = (byte) 253; // RT_SCOPE_LINK
        rtmsg[7] = 1; // RTN_UNICAST
        nl.request(NetlinkMessage.RTM_NEWROUTE, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL,
            concat(rtmsg, Attribute.u8(RTA_DST, peer), Attribute.u32(RTA_OIF, ifindex)));
      }
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
