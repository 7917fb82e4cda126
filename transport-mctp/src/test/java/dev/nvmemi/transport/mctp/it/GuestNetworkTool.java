package dev.nvmemi.transport.mctp.it;

import dev.nvmemi.transport.mctp.jna.LibC;
import java.util.Arrays;

/**
 * Configures MCTP links in the guest from the test script: {@code GuestNetworkTool
 * IFNAME:LOCAL_EID:PEER_EID[,PEER_EID...]...} brings each link up, gives it the local EID and routes
 * each peer over it (rtnetlink, as {@link GuestNetwork#configure} does for the tests). Used by
 * {@code scripts/mctp-vm/run-tests.sh} before it runs {@code nvme-mi-agent once} in the guest (one
 * JVM start for every link: JVM starts are what costs time under TCG).
 *
 * <p>Runs on the main thread of a short-lived JVM inside the guest.
 */
public final class GuestNetworkTool {
  private GuestNetworkTool() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: GuestNetworkTool IFNAME:LOCAL_EID:PEER_EID[,PEER_EID...]...");
      System.exit(2);
    }
    for (String link : args) {
      String[] parts = link.split(":");
      if (parts.length != 3) {
        System.err.println("GuestNetworkTool: " + link + " (expected: IFNAME:LOCAL_EID:PEER_EID[,PEER_EID...])");
        System.exit(2);
      }
      int ifindex = LibC.get().if_nametoindex(parts[0]);
      if (ifindex == 0) {
        System.err.println("GuestNetworkTool: no interface " + parts[0]);
        System.exit(2);
      }
      int[] peers = Arrays.stream(parts[2].split(",")).mapToInt(Integer::parseInt).toArray();
      GuestNetwork.configure(ifindex, Integer.parseInt(parts[1]), peers);
      System.out.println("GuestNetworkTool: " + parts[0] + " up, local eid " + parts[1] + ", routes to "
          + Arrays.toString(peers));
    }
  }
}
