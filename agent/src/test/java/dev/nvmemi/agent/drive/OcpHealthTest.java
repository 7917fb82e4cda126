package dev.nvmemi.agent.drive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.admin.OcpSmartExtendedLog;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** What the OCP C0h page adds to hw.state. Pages are fixture A of ocp-logs.md §7 with patches. */
class OcpHealthTest {
  private static final OcpHealth.Thresholds T = OcpHealth.Thresholds.DEFAULTS;

  /** Fixture A (LPV 4): throttling level 1, capacitors 120 %, user spare 98 %, system 100 %. */
  private static byte[] fixtureA() {
    byte[] b = new byte[512];
    HexFormat h = HexFormat.of();
    System.arraycopy(h.parseHex("00005cb2ec2200000000000000000000"), 0, b, 0, 16);
    b[32] = 37;
    b[38] = 98;
    b[40] = 2;
    b[46] = 100;
    b[96] = 12;
    b[97] = 1;
    b[128] = 120;
    b[494] = 4;
    System.arraycopy(h.parseHex("c5af1028eabff2a49c4f6f7cc914d5af"), 0, b, 496, 16);
    return b;
  }

  private static OcpHealth.Assessment assess(byte[] page) {
    return OcpHealth.assess(OcpSmartExtendedLog.decode(page), T);
  }

  @Test
  void throttlingActiveIsDegraded() {
    OcpHealth.Assessment a = assess(fixtureA());

    assertThat(a.state()).isEqualTo("degraded");
    assertThat(a.reasons()).containsExactly("thermal_throttling");
  }

  @Test
  void noThrottlingIsOk() {
    byte[] p = fixtureA();
    p[97] = 0;

    assertThat(assess(p).state()).isEqualTo("ok");
    assertThat(assess(p).reasons()).isEmpty();
  }

  @Test
  void capacitorsBelowTheirThresholdArePredictedFailure() {
    byte[] p = fixtureA();
    p[97] = 0;
    p[128] = 99;

    assertThat(assess(p).state()).isEqualTo("predicted_failure");
    assertThat(assess(p).reasons()).containsExactly("capacitor_health");
  }

  @Test
  void aDriveWithoutPlpIsNotJudgedOnCapacitors() {
    byte[] p = fixtureA();
    p[97] = 0;
    p[128] = (byte) 0xFF;
    p[129] = (byte) 0xFF;

    assertThat(assess(p).state()).isEqualTo("ok");
  }

  @Test
  void userOrSystemSpareBlocksBelowTheThresholdArePredictedFailure() {
    byte[] user = fixtureA();
    user[38] = 9;
    byte[] system = fixtureA();
    system[46] = 5;

    assertThat(assess(user).state()).isEqualTo("predicted_failure");
    assertThat(assess(user).reasons()).containsExactly("spare_blocks.user", "thermal_throttling");
    assertThat(assess(system).reasons()).contains("spare_blocks.system");
  }

  @Test
  void systemBlocksReportedAsAllFfAreIgnored() {
    byte[] p = fixtureA();
    p[97] = 0;
    java.util.Arrays.fill(p, 40, 48, (byte) 0xFF);

    assertThat(assess(p).state()).isEqualTo("ok");
  }

  @Test
  void theWorseStateWins() {
    assertThat(OcpHealth.worse("ok", "degraded")).isEqualTo("degraded");
    assertThat(OcpHealth.worse("failed", "predicted_failure")).isEqualTo("failed");
    assertThat(OcpHealth.worse("ok", null)).isEqualTo("ok");
  }
}
