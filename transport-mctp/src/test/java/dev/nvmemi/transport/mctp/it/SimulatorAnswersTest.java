package dev.nvmemi.transport.mctp.it;

import dev.nvmemi.mi.client.MiEndpoint;
import dev.nvmemi.simulator.SimulatedFleet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link SimulatorAnswers} on every build: the same simulated drive (EID 9, seed 1, real time, as
 * {@code nvme-mi-agent simulate --eid 9} serves it) through the in-process transport, so a change of
 * the simulator's answers shows here before the VM step. Runs on the JUnit thread.
 */
class SimulatorAnswersTest extends SimulatorAnswers {
  static SimulatedFleet far;

  @BeforeAll
  static void setUp() throws Exception {
    System.setProperty("nvmemi.sim.started", String.valueOf(System.currentTimeMillis() / 1000));
    far = SimulatedFleet.builder().network(1).eids(GuestNetwork.SIM_EID).seed(1).build();
    connect(new MiEndpoint(far.endpoint(1, GuestNetwork.SIM_EID)));
  }

  @AfterAll
  static void tearDown() {
    disconnect();
    far.close();
    System.clearProperty("nvmemi.sim.started");
  }
}
