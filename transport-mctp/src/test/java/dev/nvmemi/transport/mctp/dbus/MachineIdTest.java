package dev.nvmemi.transport.mctp.dbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nvmemi.transport.discovery.DiscoveryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dbus-java 5.2.2's machine-id search, replayed (AddressBuilder.determineMachineIdFile). */
class MachineIdTest {
  @TempDir
  Path dir;

  @Test
  void theEnvironmentVariableComesFirst() throws Exception {
    Path fromEnv = Files.writeString(dir.resolve("env-id"), "0123456789abcdef0123456789abcdef\n");
    Path etc = Files.writeString(dir.resolve("etc-id"), "fedcba9876543210fedcba9876543210\n");

    assertThat(MachineId.locate(Map.of(MachineId.ENV, fromEnv.toString())::get, List.of(etc))).isEqualTo(fromEnv);
  }

  @Test
  void emptyFilesAreSkippedAsDbusJavaDoes() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "");
    Path etc = Files.writeString(dir.resolve("etc-id"), "fedcba9876543210fedcba9876543210\n");

    assertThat(MachineId.locate(k -> null, List.of(empty, etc))).isEqualTo(etc);
  }

  @Test
  void noFileIsAPermanentErrorThatSaysWhatToDo() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "");
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> MachineId.locate(k -> null, List.of(empty, missing)))
        .isInstanceOfSatisfying(DiscoveryException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessage("no D-Bus machine id: DBUS_MACHINE_ID_LOCATION is unset; looked at " + empty + " (empty), "
            + missing + " (missing) (expected: a non-empty machine-id file; mount the host's /etc/machine-id"
            + " read-only, or set DBUS_MACHINE_ID_LOCATION to a file before the JVM starts)");
  }

  @Test
  void theDefaultSearchPathIsDbusJavas() {
    assertThat(MachineId.DEFAULT_LOCATIONS).extracting(Path::toString)
        .containsExactly("/var/lib/dbus/machine-id", "/usr/local/var/lib/dbus/machine-id", "/etc/machine-id");
  }
}
