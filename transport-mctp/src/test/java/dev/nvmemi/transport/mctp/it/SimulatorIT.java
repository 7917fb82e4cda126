package dev.nvmemi.transport.mctp.it;

import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.transport.mctp.MctpTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link SimulatorAnswers} through the real kernel MCTP stack: the transport over AF_MCTP to the
 * simulator process's MCTP-serial front end behind {@code mctpserial0} (EID 9, seed 1). Runs inside
 * the QEMU guest only, on the JUnit thread (the transport's own I/O threads move the bytes).
 */
@Tag("mctp")
class SimulatorIT extends SimulatorAnswers {
  static MctpTransport transport;

  @BeforeAll
  static void setUp() throws Exception {
    GuestNetwork.ensureSimulatorLink();
    transport = MctpTransport.open(1, GuestNetwork.SIM_EID);
    connect(new MiEndpoint(transport));
  }

  @AfterAll
  static void tearDown() {
    disconnect();
    if (transport != null) {
      transport.close();
    }
  }
}
