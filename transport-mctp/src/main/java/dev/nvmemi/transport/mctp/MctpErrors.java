package dev.nvmemi.transport.mctp;

import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MiTransportException.Reason;
import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.ErrnoException;

/**
 * Turns a failed system call into the specific, actionable {@link MiTransportException} the
 * operator needs: what failed, the errno, and what to do about it. Stateless; thread-safe.
 */
final class MctpErrors {
  private MctpErrors() {}

  /** {@code socket(AF_MCTP)} failed. */
  static MiTransportException socketFailed(String endpoint, ErrnoException e) {
    int errno = e.errno();
    if (errno == Errno.EAFNOSUPPORT) {
      return new MiTransportException(Reason.NOT_SUPPORTED, endpoint, errno,
          "this kernel has no AF_MCTP support (CONFIG_MCTP): socket(AF_MCTP=45, SOCK_DGRAM) failed with "
              + Errno.describe(errno) + "; run the agent on a host whose kernel has CONFIG_MCTP and the"
              + " MCTP bus driver (e.g. CONFIG_MCTP_TRANSPORT_I2C), or use --simulate [" + endpoint + "]", e);
    }
    if (errno == Errno.EPERM || errno == Errno.EACCES) {
      return permission(endpoint, e);
    }
    return new MiTransportException(Reason.IO, endpoint, errno,
        "socket(AF_MCTP=45, SOCK_DGRAM) failed with " + Errno.describe(errno) + " [" + endpoint + "]", e);
  }

  /** {@code sendto} failed with something other than EINTR/EBUSY. */
  static MiTransportException sendFailed(String endpoint, int network, int eid, String command, int length,
      ErrnoException e) {
    int errno = e.errno();
    if (errno == Errno.EPERM || errno == Errno.EACCES) {
      return permission(endpoint, e);
    }
    if (errno == Errno.EHOSTUNREACH || errno == Errno.ENETUNREACH) {
      return new MiTransportException(Reason.UNREACHABLE, endpoint, errno,
          "no MCTP route to network " + network + ", EID " + eid + ": sendto failed with "
              + Errno.describe(errno) + "; check the MCTP routes (mctpd, `mctp route`), that the link is up"
              + " and has a local EID, and that the agent shares the host's network namespace ["
              + endpoint + ", " + command + "]", e);
    }
    if (errno == Errno.EMSGSIZE) {
      return new MiTransportException(Reason.IO, endpoint, errno,
          "request of " + length + " bytes is larger than the kernel accepts on this route: sendto failed with "
              + Errno.describe(errno) + " [" + endpoint + ", " + command + "]", e);
    }
    return new MiTransportException(Reason.IO, endpoint, errno,
        "sendto failed with " + Errno.describe(errno) + " [" + endpoint + ", " + command + "]", e);
  }

  /** {@code poll}/{@code recvfrom} failed with something other than EINTR/EAGAIN. */
  static MiTransportException receiveFailed(String endpoint, String command, ErrnoException e) {
    return new MiTransportException(Reason.IO, endpoint, e.errno(),
        e.call() + " failed with " + Errno.describe(e.errno()) + " while waiting for the response to "
            + command + " [" + endpoint + "]", e);
  }

  private static MiTransportException permission(String endpoint, ErrnoException e) {
    return new MiTransportException(Reason.PERMISSION_DENIED, endpoint, e.errno(),
        "sending MCTP needs CAP_NET_RAW: " + e.call() + " failed with " + Errno.describe(e.errno())
            + "; " + GRANT_CAP_NET_RAW + " [" + endpoint + "]", e);
  }

  /**
   * How the shipped deployments grant CAP_NET_RAW (quoted from packaging/systemd/nvme-mi-agent.service
   * and helm/nvme-mi-agent/values.yaml; transport-mctp's tests check this text).
   */
  static final String GRANT_CAP_NET_RAW = "the capability missing is CAP_NET_RAW in the initial user namespace:"
      + " the systemd unit nvme-mi-agent.service grants it with AmbientCapabilities=CAP_NET_RAW and"
      + " CapabilityBoundingSet=CAP_NET_RAW (keep both if you override the unit); the Helm chart with"
      + " securityContext.capabilities.add: [NET_RAW] and allowPrivilegeEscalation: true (the image's java"
      + " carries the file capability cap_net_raw=ep for its non-root user), host networking and no"
      + " user-namespace remapping; or run the agent as root";
}
