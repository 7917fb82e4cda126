package dev.nvmemi.transport.mctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.mi.MiTransportException.Reason;
import dev.nvmemi.mi.client.ExchangeOptions;
import dev.nvmemi.transport.mctp.jna.Errno;
import dev.nvmemi.transport.mctp.jna.ErrnoException;
import dev.nvmemi.transport.mctp.jna.JnaSocketOps;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real JNA path on the build machine itself, whose kernel has no CONFIG_MCTP (see
 * shared/spec/mctp-vm.md): opening an endpoint works, the first exchange fails with the
 * "no AF_MCTP" message. On a host that does have MCTP the socket call itself is what is checked
 * here (exchanges over a real kernel are the VM tests' part); the test never skips.
 */
class MctpOnThisHostTest {

  /** The errno of socket(AF_MCTP, SOCK_DGRAM, 0), or empty when the socket opened (and closed). */
  private static OptionalInt socketErrno() {
    try {
      JnaSocketOps.instance().close(JnaSocketOps.instance().socket());
      return OptionalInt.empty();
    } catch (ErrnoException e) {
      return OptionalInt.of(e.errno());
    }
  }

  @Test
  void explainsThatTheKernelHasNoAfMctp() throws Exception {
    OptionalInt errno = socketErrno();
    if (errno.isEmpty()) {
      return; // this kernel has AF_MCTP: the JNA socket and close calls worked, which is all there is to check
    }
    assertThat(errno.getAsInt()).as("errno of socket(AF_MCTP)").isEqualTo(Errno.EAFNOSUPPORT);
    try (MctpTransport t = MctpTransport.open(1, 9)) {
      assertThat(t.bus().name()).isEqualTo("mctp-net1");
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
