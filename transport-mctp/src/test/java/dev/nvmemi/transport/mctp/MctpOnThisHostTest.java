package dev.nvmemi.transport.mctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MiTransportException.Reason;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.JnaSocketOps;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real JNA path on the build machine itself, whose kernel has no CONFIG_MCTP (see
 * shared/spec/mctp-vm.md): opening an endpoint works, the first exchange fails with the
 * "no AF_MCTP" message. Skipped on a host that does have MCTP (the VM tests cover that).
 */
class MctpOnThisHostTest {

  private static boolean hostLacksMctp() {
    try {
      JnaSocketOps.instance().close(JnaSocketOps.instance().socket());
      return false;
    } catch (ErrnoException e) {
      return e.errno() == Errno.EAFNOSUPPORT;
    }
  }

  @Test
  void explainsThatTheKernelHasNoAfMctp() throws Exception {
    assumeTrue(hostLacksMctp(), "this host's kernel has AF_MCTP");
    try (MctpTransport t = MctpTransport.open(1, 9)) {
      assertThat(t.bus().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("mctp-net1");
      assertThatThrownBy(() -> {
        try {
          t.exchange(Msgs.healthPoll(0), ExchangeOptions.defaults("NVM Subsystem Health Status Poll"))
              .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw e.getCause();
        }
      }).isInstanceOfSatisfying(MiTransportException.class, e -> {
        assertThat(e.reason()).isEqualTo(Reason.NOT_SUPPORTED);
        assertThat(e.errno()).isEqualTo(Errno.EAFNOSUPPORT);
        assertThat(e.endpoint()).isEqualTo("mctp: net 1 eid 9");
      }).hasMessageStartingWith("this kernel has no AF_MCTP support (CONFIG_MCTP)");
    }
  }
}
