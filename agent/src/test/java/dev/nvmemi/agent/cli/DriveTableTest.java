package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator table of {@code status} and {@code once --format table}, from /status entries. */
class DriveTableTest {
  /** A healthy active drive as /status shows it (trimmed to what the table reads, plus a controller). */
  private static final String HEALTHY = """
      {"network": 1, "eid": 16, "bus": "mctpi2c0", "state": "active", "since": "2026-12-03T12:00:00.250Z",
       "reachable": true, "failures": [],
       "identity": {"serialNumber": "SIM0000000016", "model": "Simulated NVMe SSD", "firmware": "1.0.3"},
       "health": {"hwState": "ok", "temperatureCelsius": 36, "percentageUsed": 3, "ageSeconds": 4.7},
       "smart": {"availableSpare": 100, "percentageUsed": 3},
       "controllers": [{"id": 0, "availableSpare": 100}]}""";

  /** Active, answering, but read-only (critical warning RO): failed. No SMART: spare from the controller. */
  private static final String FAILED = """
      {"network": 1, "eid": 17, "bus": "mctpi2c0", "state": "active", "since": "2026-12-03T12:00:00.300Z",
       "reachable": true, "failures": [],
       "identity": {"serialNumber": "S2", "model": "Long Model Name 3840GB", "firmware": "2.1"},
       "health": {"hwState": "failed", "temperatureCelsius": 41, "percentageUsed": 104, "ageSeconds": 65},
       "controllers": [{"id": 0, "availableSpare": 7}, {"id": 1, "availableSpare": 5}]}""";

  /** Lost: no current value at all (the exported snapshot carries none), last good poll 2 h ago. */
  private static final String LOST = """
      {"network": 1, "eid": 18, "bus": "mctpi2c1", "state": "lost", "since": "2026-12-03T11:58:07.999999Z",
       "reachable": false, "error": "timeout", "lastAnswer": "2026-12-03T09:58:00Z", "failures": [],
       "identity": {"serialNumber": "S3", "model": "M", "firmware": "F"},
       "health": {"criticalWarnings": [], "ageSeconds": 7384.2},
       "controllers": []}""";

  /** Discovered, never answered: nothing is known but where it sits. */
  private static final String NEW = """
      {"network": 1, "eid": 19, "bus": "mctpi2c1", "state": "identifying", "since": "2026-12-03T12:00:01Z",
       "reachable": false, "failures": [], "health": {"criticalWarnings": []}, "controllers": []}""";

  private static List<DriveRow> rows(String... entries) {
    return java.util.Arrays.stream(entries).map(e -> DriveRow.fromStatus(new JsonObject(e))).toList();
  }

  @Test
  void columnsAreAsWideAsTheirWidestCellAndUnknownValuesAreDashes() {
    assertThat(DriveTable.render(rows(HEALTHY, FAILED, LOST, NEW), false)).isEqualTo("""
        BUS       EID  SERIAL         MODEL                   FIRMWARE  STATE        TEMP  SPARE  USED  POLLED     SINCE
        mctpi2c0  16   SIM0000000016  Simulated NVMe SSD      1.0.3     ok           36C   100%   3%    4s ago     -
        mctpi2c0  17   S2             Long Model Name 3840GB  2.1       failed       41C   5%     104%  1m05s ago  -
        mctpi2c1  18   S3             M                       F         lost         -     -      -     2h03m ago  2026-12-03T11:58:07Z
        mctpi2c1  19   -              -                       -         identifying  -     -      -     -          2026-12-03T12:00:01Z
        """);
  }

  @Test
  void withColourOnlyTheStateCellIsColouredAndThePaddingStaysOutsideTheCodes() {
    String g = DriveTable.GREEN;
    String r = DriveTable.RED;
    String y = DriveTable.YELLOW;
    String x = DriveTable.RESET;
    assertThat(DriveTable.render(rows(HEALTHY, FAILED, LOST, NEW), true)).isEqualTo(
        "BUS       EID  SERIAL         MODEL                   FIRMWARE  STATE        TEMP  SPARE  USED  POLLED     SINCE\n"
        + "mctpi2c0  16   SIM0000000016  Simulated NVMe SSD      1.0.3     " + g + "ok" + x + "           36C   100%   3%    4s ago     -\n"
        + "mctpi2c0  17   S2             Long Model Name 3840GB  2.1       " + r + "failed" + x + "       41C   5%     104%  1m05s ago  -\n"
        + "mctpi2c1  18   S3             M                       F         " + r + "lost" + x + "         -     -      -     2h03m ago  2026-12-03T11:58:07Z\n"
        + "mctpi2c1  19   -              -                       -         " + y + "identifying" + x + "  -     -      -     -          2026-12-03T12:00:01Z\n");
  }

  @Test
  void noDrivesIsTheHeaderAlone() {
    assertThat(DriveTable.render(List.of(), false))
        .isEqualTo("BUS  EID  SERIAL  MODEL  FIRMWARE  STATE  TEMP  SPARE  USED  POLLED  SINCE\n");
  }

  @Test
  void anActiveDriveWhoseHealthAgedOutIsUnknownNotOk() {
    DriveRow d = DriveRow.fromStatus(new JsonObject("""
        {"network": 1, "eid": 20, "bus": "b", "state": "active", "since": "2026-12-03T12:00:00Z", "reachable": true,
         "health": {"criticalWarnings": [], "ageSeconds": 31.0}}"""));
    assertThat(d.state()).isEqualTo("unknown");
    assertThat(d.ok()).isFalse();
    assertThat(d.temperatureCelsius()).isNull();
  }

  @Test
  void onlyAnActiveHealthyDriveIsOk() {
    List<DriveRow> d = rows(HEALTHY, FAILED, LOST, NEW);
    assertThat(d).extracting(DriveRow::ok).containsExactly(true, false, false, false);
    assertThat(d.get(2).error()).isEqualTo("timeout");
  }

  @Test
  void theJsonShapeHasEveryMemberWithNullForWhatIsNotKnown() {
    JsonObject lost = rows(LOST).get(0).toJson();
    assertThat(lost.fieldNames()).containsExactly("bus", "network", "eid", "serialNumber", "model", "firmware",
        "state", "ok", "endpointState", "hwState", "reachable", "since", "error", "temperatureCelsius",
        "availableSparePercent", "percentageUsed", "lastPollAgeSeconds");
    assertThat(lost.getValue("temperatureCelsius")).isNull();
    assertThat(lost.getString("state")).isEqualTo("lost");
    assertThat(lost.getBoolean("ok")).isFalse();
    assertThat(lost.getDouble("lastPollAgeSeconds")).isEqualTo(7384.2);
  }

  @Test
  void anEntryWithAMemberOfTheWrongTypeNamesIt() {
    assertThatThrownBy(() -> DriveRow.fromStatus(new JsonObject("""
        {"network": 1, "eid": 16, "bus": "b", "state": "active", "reachable": true,
         "health": {"hwState": "ok", "temperatureCelsius": "hot"}}""")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"temperatureCelsius\": \"hot\" (expected: a number)");
    assertThatThrownBy(() -> DriveRow.fromStatus(new JsonObject("""
        {"network": 1, "eid": 16, "state": "active", "reachable": true}""")))
        .hasMessage("\"bus\": missing (expected: a string)");
    assertThatThrownBy(() -> DriveRow.fromStatus(new JsonObject("""
        {"network": 1, "eid": 16, "bus": "b", "state": "lost", "reachable": false, "since": "yesterday"}""")))
        .hasMessage("\"since\": \"yesterday\" (expected: an ISO-8601 instant)");
  }

  @Test
  void agesShowTheirTwoLargestUnits() {
    assertThat(DriveTable.age(0.4)).isEqualTo("0s");
    assertThat(DriveTable.age(59.9)).isEqualTo("59s");
    assertThat(DriveTable.age(60)).isEqualTo("1m00s");
    assertThat(DriveTable.age(3599)).isEqualTo("59m59s");
    assertThat(DriveTable.age(3600)).isEqualTo("1h00m");
    assertThat(DriveTable.age(86_399)).isEqualTo("23h59m");
    assertThat(DriveTable.age(3 * 86_400 + 7 * 3600 + 59)).isEqualTo("3d07h");
  }

  @Test
  void colourOnlyOnATerminalAndNeverWithNoColorSet() {
    assertThat(DriveTable.colour(Map.of(), true)).isTrue();
    assertThat(DriveTable.colour(Map.of(), false)).isFalse();
    assertThat(DriveTable.colour(Map.of("NO_COLOR", "1"), true)).isFalse();
    assertThat(DriveTable.colour(Map.of("NO_COLOR", ""), true)).as("an empty NO_COLOR is not set").isTrue();
  }
}
