package dev.nvmemi.agent.drive;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;

/**
 * Write amplification of an OCP drive ({@code ocp-logs.md} §6): NAND bytes written (C0h PMUW, bytes)
 * ÷ host bytes written (SMART Data Units Written × 512 000), both from the same poll cycle.
 *
 * <ul>
 *   <li>{@code lifetime}: PMUW ÷ (DUW × 512 000), since the drive left the factory;</li>
 *   <li>{@code sinceFirst}: ΔPMUW ÷ ΔDUW bytes since the first reading of this drive and firmware;</li>
 *   <li>{@code window}: ΔPMUW ÷ ΔDUW bytes over the last polling window — the window only closes once
 *       the host wrote at least {@link #MIN_WINDOW_UNITS} data units (1 GB; the DUW quantum is
 *       512 000 B and C0h may be 10 min stale), so a quiet drive keeps widening it.</li>
 * </ul>
 * A counter that goes backwards (host clear, drive swap, firmware reset) restarts both baselines;
 * the agent also restarts them after a firmware change and a loss.
 *
 * <p>Immutable; thread-safe.
 *
 * @param firstPmuw PMUW at the first reading
 * @param firstDuw DUW at the first reading
 * @param basePmuw PMUW at the start of the current window
 * @param baseDuw DUW at the start of the current window
 * @param lifetime PMUW ÷ host bytes now, or null when the host wrote nothing yet
 * @param sinceFirst since the first reading, or null until {@link #MIN_WINDOW_UNITS} were written
 * @param window the last closed window, or null before one closed
 */
public record WriteAmplification(BigInteger firstPmuw, BigInteger firstDuw, BigInteger basePmuw, BigInteger baseDuw,
    Double lifetime, Double sinceFirst, Double window) {

  /** Smallest host write (data units) that closes a window: 2 000 units ≈ 1 GB. */
  public static final long MIN_WINDOW_UNITS = 2_000;
  private static final BigInteger UNIT = BigInteger.valueOf(512_000);
  private static final BigInteger MIN = BigInteger.valueOf(MIN_WINDOW_UNITS);

  public WriteAmplification {
    Objects.requireNonNull(firstPmuw, "firstPmuw");
    Objects.requireNonNull(firstDuw, "firstDuw");
    Objects.requireNonNull(basePmuw, "basePmuw");
    Objects.requireNonNull(baseDuw, "baseDuw");
  }

  /** The first reading: PMUW bytes and DUW units of one poll cycle. */
  public static WriteAmplification first(BigInteger pmuw, BigInteger duw) {
    return new WriteAmplification(pmuw, duw, pmuw, duw, ratio(pmuw, duw), null, null);
  }

  /** After a new reading of the same poll cycle ({@code previous} null = the first). */
  public static WriteAmplification next(WriteAmplification previous, BigInteger pmuw, BigInteger duw) {
    if (previous == null || pmuw.compareTo(previous.basePmuw) < 0 || duw.compareTo(previous.baseDuw) < 0) {
      return first(pmuw, duw);
    }
    Double since = previous.sinceFirst;
    BigInteger dFirst = duw.subtract(previous.firstDuw);
    if (dFirst.compareTo(MIN) >= 0) {
      since = ratio(pmuw.subtract(previous.firstPmuw), dFirst);
    }
    BigInteger dBase = duw.subtract(previous.baseDuw);
    if (dBase.compareTo(MIN) < 0) {
      // too little host data for a meaningful ratio: keep widening the window
      return new WriteAmplification(previous.firstPmuw, previous.firstDuw, previous.basePmuw, previous.baseDuw,
          ratio(pmuw, duw), since, previous.window);
    }
    return new WriteAmplification(previous.firstPmuw, previous.firstDuw, pmuw, duw, ratio(pmuw, duw), since,
        ratio(pmuw.subtract(previous.basePmuw), dBase));
  }

  private static Double ratio(BigInteger mediaBytes, BigInteger hostUnits) {
    if (hostUnits.signum() <= 0) {
      return null;
    }
    return new BigDecimal(mediaBytes).divide(new BigDecimal(hostUnits.multiply(UNIT)), MathContext.DECIMAL64)
        .doubleValue();
  }
}
