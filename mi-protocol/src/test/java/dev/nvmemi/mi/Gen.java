package dev.nvmemi.mi;

import dev.nvmemi.mi.command.CommandEntry;
import dev.nvmemi.mi.command.ConfigGetAsyncEvent;
import dev.nvmemi.mi.command.ConfigGetHealthStatusChange;
import dev.nvmemi.mi.command.ConfigGetMctpTransmissionUnit;
import dev.nvmemi.mi.command.ConfigGetSmbusFrequency;
import dev.nvmemi.mi.command.ConfigGetVendor;
import dev.nvmemi.mi.command.ConfigSetAsyncEvent;
import dev.nvmemi.mi.command.ConfigSetHealthStatusChange;
import dev.nvmemi.mi.command.ConfigSetMctpTransmissionUnit;
import dev.nvmemi.mi.command.ConfigSetSmbusFrequency;
import dev.nvmemi.mi.command.ConfigSetVendor;
import dev.nvmemi.mi.command.ControllerHealthStatus;
import dev.nvmemi.mi.command.ControllerHealthStatusPoll;
import dev.nvmemi.mi.command.ControllerInfo;
import dev.nvmemi.mi.command.ControllerList;
import dev.nvmemi.mi.command.DataStructure;
import dev.nvmemi.mi.command.MebCommandSupportList;
import dev.nvmemi.mi.command.MebRead;
import dev.nvmemi.mi.command.MebWrite;
import dev.nvmemi.mi.command.MiCommandRequest;
import dev.nvmemi.mi.command.NvmSubsystemInfo;
import dev.nvmemi.mi.command.OptionalCommandList;
import dev.nvmemi.mi.command.OtherPortData;
import dev.nvmemi.mi.command.PciePortData;
import dev.nvmemi.mi.command.PortInfo;
import dev.nvmemi.mi.command.PortSpecificData;
import dev.nvmemi.mi.command.RawMiCommand;
import dev.nvmemi.mi.command.ReadDataStructure;
import dev.nvmemi.mi.command.Reset;
import dev.nvmemi.mi.command.SesReceive;
import dev.nvmemi.mi.command.SesSend;
import dev.nvmemi.mi.command.Shutdown;
import dev.nvmemi.mi.command.SubsystemHealthStatus;
import dev.nvmemi.mi.command.SubsystemHealthStatusPoll;
import dev.nvmemi.mi.command.TwoWirePortData;
import dev.nvmemi.mi.command.VpdRead;
import dev.nvmemi.mi.command.VpdWrite;
import dev.nvmemi.mi.control.Abort;
import dev.nvmemi.mi.control.ControlPrimitive;
import dev.nvmemi.mi.control.GetState;
import dev.nvmemi.mi.control.Pause;
import dev.nvmemi.mi.control.RawControlPrimitive;
import dev.nvmemi.mi.control.Replay;
import dev.nvmemi.mi.control.Resume;
import dev.nvmemi.mi.event.AeEnable;
import dev.nvmemi.mi.event.AeEnableList;
import dev.nvmemi.mi.event.AeOccurrence;
import dev.nvmemi.mi.event.AeOccurrenceList;
import dev.nvmemi.mi.event.AeSupported;
import dev.nvmemi.mi.event.AeSupportedList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Random values of every request, structure and list record of the codec, drawn from a
 * {@link Random} that a seeded test owns: the same seed gives the same values, so a failing case
 * reproduces from the seed its test names.
 *
 * <p>Thread: the test thread that owns the {@code Random}; stateless itself.
 */
public final class Gen {
  /** Cases per seed in the round-trip tests. */
  public static final int CASES = 500;

  private Gen() {}

  /** The seeds of the round-trip tests: fixed, so that every run checks the same cases. */
  public static Stream<Long> seeds() {
    return Stream.of(1L, 2L, 3L, 0x5EEDL, 20261203L);
  }

  /** The random source of case {@code i} of {@code seed}: each case reproduces alone. */
  public static Random caseRandom(long seed, int i) {
    return new Random(seed * 1_000_003L + i);
  }

  /** Runs {@code check} on {@link #CASES} cases of {@code seed}, naming the seed and case of a failure. */
  public static void forCases(long seed, Consumer<Random> check) {
    for (int i = 0; i < CASES; i++) {
      try {
        check.accept(caseRandom(seed, i));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("failed for seed " + seed + ", case " + i + " (Gen.caseRandom(" + seed + ", " + i
            + ")): " + e.getMessage(), e);
      }
    }
  }

  public static int u8(Random r) {
    return r.nextInt(0x100);
  }

  public static int u16(Random r) {
    return r.nextInt(0x10000);
  }

  public static long u32(Random r) {
    return r.nextLong() & 0xFFFF_FFFFL;
  }

  /** An int between {@code min} and {@code max}, both included. */
  public static int between(Random r, int min, int max) {
    return min + r.nextInt(max - min + 1);
  }

  public static byte[] bytes(Random r, int max) {
    byte[] b = new byte[r.nextInt(max + 1)];
    r.nextBytes(b);
    return b;
  }

  public static <T> List<T> list(Random r, int max, Function<Random, T> item) {
    return IntStream.range(0, r.nextInt(max + 1)).mapToObj(i -> item.apply(r)).toList();
  }

  private static boolean bit(int v, int b) {
    return (v >>> b & 1) != 0;
  }

  public static MiHeader requestHeader(Random r, Nmimt nmimt) {
    return new MiHeader(true, nmimt, false, r.nextInt(2), r.nextBoolean(), r.nextBoolean());
  }

  /** Any MI command request, each kind equally likely. */
  public static MiCommandRequest miCommand(Random r) {
    MiHeader h = requestHeader(r, Nmimt.MI_COMMAND);
    switch (r.nextInt(21)) {
      case 0: return new ReadDataStructure(h, between(r, 0, 5), u8(r), u16(r), u8(r));
      case 1: return new SubsystemHealthStatusPoll(h, r.nextBoolean());
      case 2: {
        int f = r.nextInt(2048);
        return new ControllerHealthStatusPoll(h, u16(r), u8(r), bit(f, 0), bit(f, 1), bit(f, 2), bit(f, 3), bit(f, 4),
            bit(f, 5), bit(f, 6), bit(f, 7), bit(f, 8), bit(f, 9));
      }
      case 3: return new ConfigGetSmbusFrequency(h, u8(r));
      case 4: return new ConfigGetHealthStatusChange(h);
      case 5: return new ConfigGetMctpTransmissionUnit(h, u8(r));
      case 6: return new ConfigGetAsyncEvent(h);
      case 7: return new ConfigGetVendor(h, (r.nextInt() & ~0xFF) | between(r, 0xC0, 0xFF), r.nextInt());
      case 8: return new ConfigSetSmbusFrequency(h, u8(r), r.nextInt(16));
      case 9: return new ConfigSetHealthStatusChange(h, r.nextInt());
      case 10: return new ConfigSetMctpTransmissionUnit(h, u8(r), u16(r));
      case 11: {
        int f = r.nextInt(8);
        return new ConfigSetAsyncEvent(h, bit(f, 0), bit(f, 1), bit(f, 2), u8(r), u8(r), enableList(r));
      }
      case 12: return new ConfigSetVendor(h, (r.nextInt() & ~0xFF) | between(r, 0xC0, 0xFF), r.nextInt(),
          bytes(r, 32));
      case 13: return new VpdRead(h, u16(r), u16(r));
      case 14: return VpdWrite.of(h, u16(r), bytes(r, 64));
      case 15: return new Reset(h, u8(r));
      case 16: return new SesReceive(h, r.nextInt(), r.nextInt());
      case 17: return new SesSend(h, r.nextInt(), r.nextInt(), bytes(r, 32));
      case 18: return new MebRead(h, u32(r), u32(r));
      case 19: return MebWrite.of(h, u32(r), bytes(r, 64));
      default: return r.nextBoolean() ? new Shutdown(h, u8(r))
          : new RawMiCommand(h, between(r, 0x0D, 0xFF), r.nextInt(), r.nextInt(), bytes(r, 32));
    }
  }

  /** Any control primitive request. */
  public static ControlPrimitive controlPrimitive(Random r) {
    MiHeader h = requestHeader(r, Nmimt.CONTROL_PRIMITIVE);
    switch (r.nextInt(6)) {
      case 0: return new Pause(h, u8(r));
      case 1: return new Resume(h, u8(r));
      case 2: return new Abort(h, u8(r));
      case 3: return new GetState(h, u8(r), r.nextBoolean());
      case 4: return new Replay(h, u8(r), u8(r));
      default: return new RawControlPrimitive(h, between(r, 5, 0xFF), u8(r), u16(r));
    }
  }

  public static AeEnableList enableList(Random r) {
    return AeEnableList.of(list(r, 20, x -> AeEnable.of(u8(x), x.nextBoolean())));
  }

  public static AeSupportedList supportedList(Random r) {
    return AeSupportedList.of(list(r, 20, x -> AeSupported.of(u8(x), x.nextBoolean())));
  }

  public static AeOccurrence occurrence(Random r) {
    byte[] spec = bytes(r, 16);
    byte[] vend = bytes(r, 8);
    return new AeOccurrence(AeOccurrence.HEADER_LENGTH, spec.length, vend.length, u8(r), u32(r), u8(r), spec, vend);
  }

  /** An occurrence list with any retry count, overflow flag and generation. */
  public static AeOccurrenceList occurrenceList(Random r) {
    List<AeOccurrence> occ = list(r, 6, Gen::occurrence);
    int retry = r.nextInt(8);
    boolean overflow = r.nextBoolean();
    int gen = r.nextInt(0x20);
    AeOccurrenceList base = AeOccurrenceList.of(gen, occ);
    return new AeOccurrenceList(base.numaeo(), 0, base.aeoltl() | (overflow ? 0x800000 : 0), 7, gen << 3 | retry,
        occ);
  }

  public static SubsystemHealthStatus nshds(Random r) {
    return new SubsystemHealthStatus(u8(r), u8(r), u8(r), u8(r), u16(r));
  }

  public static ControllerHealthStatus chds(Random r) {
    return new ControllerHealthStatus(u16(r), u16(r), u16(r), u8(r), u8(r), u8(r), u16(r));
  }

  /** Port Information: PCIe or 2-wire half of the time, any other type code otherwise. */
  public static PortInfo portInfo(Random r) {
    int type = r.nextBoolean() ? 1 + r.nextInt(2) : u8(r);
    PortSpecificData d;
    if (type == 1) {
      d = new PciePortData(u8(r), u8(r), u8(r), u8(r), u8(r), u8(r));
    } else if (type == 2) {
      d = new TwoWirePortData(u8(r), u8(r), u8(r), u8(r), u8(r));
    } else {
      byte[] other = new byte[24];
      r.nextBytes(other);
      d = new OtherPortData(other);
    }
    return new PortInfo(type, u8(r), u16(r), u32(r), d);
  }

  /** Any structure of Read NVMe-MI Data Structure. */
  public static DataStructure dataStructure(Random r) {
    switch (r.nextInt(6)) {
      case 0: return new NvmSubsystemInfo(u8(r), u8(r), u8(r), u8(r));
      case 1: return portInfo(r);
      case 2: return ControllerList.of(list(r, 40, Gen::u16));
      case 3: return new ControllerInfo(u8(r), u8(r), u16(r), u16(r), u16(r), u16(r), u16(r), u8(r));
      case 4: return OptionalCommandList.of(list(r, 40, x -> new CommandEntry(u8(x), u8(x))));
      default: return MebCommandSupportList.of(list(r, 40, x -> new CommandEntry(u8(x), u8(x))));
    }
  }

}
