package dev.nvmemi.simulator.model;

/**
 * A drive's health at time 0 and its workload: where the state model starts. Immutable.
 *
 * @param temperatureCelsius composite temperature at rest
 * @param percentageUsed percentage of rated life used (SMART byte 5)
 * @param availableSpare available spare in percent
 * @param spareThreshold available spare threshold in percent
 * @param powerOnHours power-on hours at time 0
 * @param powerCycles power cycles at time 0
 * @param unsafeShutdowns unsafe shutdowns at time 0
 * @param dataUnitsRead data units read at time 0 (1 unit = 512 000 bytes)
 * @param dataUnitsWritten data units written at time 0
 * @param readUnitsPerSecond workload: data units read per second
 * @param writeUnitsPerSecond workload: data units written per second
 * @param mediaErrors media and data integrity errors at time 0
 * @param errorLogEntries lifetime error-log entries at time 0 (that many real entries are kept, up to 64)
 */
public record DriveHealth(double temperatureCelsius, int percentageUsed, int availableSpare, int spareThreshold,
    long powerOnHours, long powerCycles, long unsafeShutdowns, long dataUnitsRead, long dataUnitsWritten,
    double readUnitsPerSecond, double writeUnitsPerSecond, long mediaErrors, int errorLogEntries) {

  public DriveHealth {
    if (percentageUsed < 0 || percentageUsed > 255) {
      throw new IllegalArgumentException("percentageUsed: " + percentageUsed + " (expected: 0 ~ 255)");
    }
    if (availableSpare < 0 || availableSpare > 100 || spareThreshold < 0 || spareThreshold > 100) {
      throw new IllegalArgumentException("spare " + availableSpare + "%, threshold " + spareThreshold
          + "% (expected: 0 ~ 100)");
    }
    if (powerOnHours < 0 || powerCycles < 0 || unsafeShutdowns < 0 || dataUnitsRead < 0 || dataUnitsWritten < 0
        || mediaErrors < 0 || errorLogEntries < 0 || readUnitsPerSecond < 0 || writeUnitsPerSecond < 0) {
      throw new IllegalArgumentException("counters and rates must be >= 0: " + this);
    }
  }

  /** A healthy, lightly used drive at 35 °C. */
  public static DriveHealth typical() {
    return new DriveHealth(35, 3, 100, 10, 12345, 57, 7, 1234567, 2345678, 20, 30, 0, 0);
  }
}
