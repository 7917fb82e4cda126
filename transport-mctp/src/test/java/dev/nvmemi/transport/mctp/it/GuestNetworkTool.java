package dev.nvmemi.transport.mctp.it;

import dev.nvmemi.transport.mctp.jna.LibC;
import java.util.Arrays;

/**
 * Configures an MCTP link in the guest from the test script: {@code GuestNetworkTool IFNAME
 * LOCAL_EID PEER_EID...} brings the link up, gives it the local EID and routes each peer over it
 * (rtnetlink, as {@link GuestNetwork#configure} does for the tests). Used by
 * {@code scripts/mctp-vm/run-tests.sh} before it runs {@code nvme-mi-agent once} in the guest.
 *
 * <p>Runs on the main thread of a short-lived JVM inside the guest.
 */
public final class GuestNetworkTool {
  private GuestNetworkTool() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: GuestNetworkTool IFNAME LOCAL_EID PEER_EID...");
      System.exit(2);
    }
    int ifindex = LibC.get().if_nametoindex(args[0]);
    if (ifindex == 0) {
      System.err.println("GuestNetworkTool: no interface " + args[0]);
      System.exit(2);
    }
    int[] peers = Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray();
    GuestNetwork.configure(ifindex, Integer.parseInt(args[1]), peers);
    System.out.println("GuestNetworkTool: " + args[0] + " up, local eid " + args[1] + ", routes to "
        + Arrays.toString(peers));
  }
}
