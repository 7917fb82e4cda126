package dev.nvmemi.agent.drive;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The values of the SMART / Health Information log (LID 02h, spec sheet §7.1) the agent exports.
 *
 * @param criticalWarning Critical Warning bits (byte 0)
 * @param compositeTemperatureKelvin composite temperature (0 = not reported)
 * @param availableSpare available spare, percent
 * @param availableSpareThreshold available spare threshold, percent
 * @param percentageUsed percentage used (may exceed 100, saturates at 255)
 * @param dataUnitsRead data units read (1000 × 512 bytes)
 * @param dataUnitsWritten data units written
 * @param powerCycles power cycles
 * @param powerOnHours power-on hours
 * @param unsafeShutdowns unsafe shutdowns
 * @param mediaErrors media and data integrity errors
 * @param errorLogEntries lifetime number of Error Information log entries
 * @param sensorsKelvin temperature sensors 1..8 (0 = not implemented)
 */
public record SmartSnapshot(int criticalWarning, int compositeTemperatureKelvin, int availableSpare,
    int availableSpareThreshold, int percentageUsed, BigInteger dataUnitsRead, BigInteger dataUnitsWritten,
    BigInteger powerCycles, BigInteger powerOnHours, BigInteger unsafeShutdowns, BigInteger mediaErrors,
    BigInteger errorLogEntries, List<Integer> sensorsKelvin) {
  public SmartSnapshot {
    Objects.requireNonNull(dataUnitsRead, "dataUnitsRead");
    Objects.requireNonNull(dataUnitsWritten, "dataUnitsWritten");
    Objects.requireNonNull(powerCycles, "powerCycles");
    Objects.requireNonNull(powerOnHours, "powerOnHours");
    Objects.requireNonNull(unsafeShutdowns, "unsafeShutdowns");
    Objects.requireNonNull(mediaErrors, "mediaErrors");
    Objects.requireNonNull(errorLogEntries, "errorLogEntries");
    sensorsKelvin = List.copyOf(sensorsKelvin);
  }
}
