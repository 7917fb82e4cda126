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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every request, structure and list record of the codec. */
public final class Arbs {
  private Arbs() {}

  public static Arbitrary<Integer> u8() {
    return Arbitraries.integers().between(0, 0xFF);
  }

  public static Arbitrary<Integer> u16() {
    return Arbitraries.integers().between(0, 0xFFFF);
  }

  public static Arbitrary<Long> u32() {
    return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
  }

  public static Arbitrary<Integer> anyInt() {
    return Arbitraries.integers();
  }

  public static Arbitrary<byte[]> bytes(int max) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(max);
  }

  public static Arbitrary<MiHeader> requestHeader(Nmimt nmimt) {
    return Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.of(true, false),
        Arbitraries.of(true, false)).as((csi, meb, ciap) -> new MiHeader(true, nmimt, false, csi, meb, ciap));
  }

  public static Arbitrary<MiCommandRequest> miCommands() {
    Arbitrary<MiHeader> h = requestHeader(Nmimt.MI_COMMAND);
    return Arbitraries.oneOf(
        Combinators.combine(h, Arbitraries.integers().between(0, 5), u8(), u16(), u8()).as(ReadDataStructure::new),
        Combinators.combine(h, Arbitraries.of(true, false)).as(SubsystemHealthStatusPoll::new),
        Combinators.combine(h, u16(), u8(), Arbitraries.integers().between(0, 2047)).as((hh, s, m, f) ->
            new ControllerHealthStatusPoll(hh, s, m, bit(f, 0), bit(f, 1), bit(f, 2), bit(f, 3), bit(f, 4),
                bit(f, 5), bit(f, 6), bit(f, 7), bit(f, 8), bit(f, 9))),
        Combinators.combine(h, u8()).as(ConfigGetSmbusFrequency::new),
        h.map(ConfigGetHealthStatusChange::new),
        Combinators.combine(h, u8()).as(ConfigGetMctpTransmissionUnit::new),
        h.map(ConfigGetAsyncEvent::new),
        Combinators.combine(h, Arbitraries.integers().between(0xC0, 0xFF), anyInt(), anyInt())
            .as((hh, cid, n0, n1) -> new ConfigGetVendor(hh, (n0 & ~0xFF) | cid, n1)),
        Combinators.combine(h, u8(), Arbitraries.integers().between(0, 15)).as(ConfigSetSmbusFrequency::new),
        Combinators.combine(h, anyInt()).as(ConfigSetHealthStatusChange::new),
        Combinators.combine(h, u8(), u16()).as(ConfigSetMctpTransmissionUnit::new),
        Combinators.combine(h, Arbitraries.integers().between(0, 7), u8(), u8(), enableLists())
            .as((hh, f, md, rd, l) -> new ConfigSetAsyncEvent(hh, bit(f, 0), bit(f, 1), bit(f, 2), md, rd, l)),
        Combinators.combine(h, Arbitraries.integers().between(0xC0, 0xFF), anyInt(), anyInt(), bytes(32))
            .as((hh, cid, n0, n1, d) -> new ConfigSetVendor(hh, (n0 & ~0xFF) | cid, n1, d)),
        Combinators.combine(h, u16(), u16()).as(VpdRead::new),
        Combinators.combine(h, u16(), bytes(64)).as(VpdWrite::of),
        Combinators.combine(h, u8()).as(Reset::new),
        Combinators.combine(h, anyInt(), anyInt()).as(SesReceive::new),
        Combinators.combine(h, anyInt(), anyInt(), bytes(32)).as(SesSend::new),
        Combinators.combine(h, u32(), u32()).as(MebRead::new),
        Combinators.combine(h, u32(), bytes(64)).as(MebWrite::of),
        Combinators.combine(h, u8()).as(Shutdown::new),
        Combinators.combine(h, Arbitraries.integers().between(0x0D, 0xFF), anyInt(), anyInt(), bytes(32))
            .as(RawMiCommand::new));
  }

  public static Arbitrary<ControlPrimitive> controlPrimitives() {
    Arbitrary<MiHeader> h = requestHeader(Nmimt.CONTROL_PRIMITIVE);
    return Arbitraries.oneOf(
        Combinators.combine(h, u8()).as(Pause::new),
        Combinators.combine(h, u8()).as(Resume::new),
        Combinators.combine(h, u8()).as(Abort::new),
        Combinators.combine(h, u8(), Arbitraries.of(true, false)).as(GetState::new),
        Combinators.combine(h, u8(), u8()).as(Replay::new),
        Combinators.combine(h, Arbitraries.integers().between(5, 0xFF), u8(), u16()).as(RawControlPrimitive::new));
  }

  private static boolean bit(int v, int b) {
    return (v >>> b & 1) != 0;
  }

  public static Arbitrary<AeEnableList> enableLists() {
    return Combinators.combine(u8(), Arbitraries.of(true, false)).as(AeEnable::of)
        .list().ofMaxSize(20).map(AeEnableList::of);
  }

  public static Arbitrary<AeSupportedList> supportedLists() {
    return Combinators.combine(u8(), Arbitraries.of(true, false)).as(AeSupported::of)
        .list().ofMaxSize(20).map(AeSupportedList::of);
  }

  public static Arbitrary<AeOccurrence> occurrences() {
    return Combinators.combine(u8(), u32(), u8(), bytes(16), bytes(8)).as((id, cidi, ssi, spec, vend) ->
        new AeOccurrence(AeOccurrence.HEADER_LENGTH, spec.length, vend.length, id, cidi, ssi, spec, vend));
  }

  public static Arbitrary<AeOccurrenceList> occurrenceLists() {
    return Combinators.combine(occurrences().list().ofMaxSize(6), Arbitraries.integers().between(0, 7),
        Arbitraries.of(true, false), Arbitraries.integers().between(0, 0x1F)).as((occ, retry, overflow, gen) -> {
          AeOccurrenceList base = AeOccurrenceList.of(gen, occ);
          return new AeOccurrenceList(base.numaeo(), 0, base.aeoltl() | (overflow ? 0x800000 : 0), 7,
              gen << 3 | retry, occ);
        });
  }

  public static Arbitrary<SubsystemHealthStatus> nshds() {
    return Combinators.combine(u8(), u8(), u8(), u8(), u16()).as(SubsystemHealthStatus::new);
  }

  public static Arbitrary<ControllerHealthStatus> chds() {
    return Combinators.combine(u16(), u16(), u16(), u8(), u8(), u8(), u16()).as(ControllerHealthStatus::new);
  }

  public static Arbitrary<PortInfo> portInfos() {
    Arbitrary<PortSpecificData> pcie = Combinators.combine(u8(), u8(), u8(), u8(), u8(), u8()).as(PciePortData::new);
    Arbitrary<PortSpecificData> twoWire = Combinators.combine(u8(), u8(), u8(), u8(), u8()).as(TwoWirePortData::new);
    Arbitrary<PortSpecificData> other = Arbitraries.bytes().array(byte[].class).ofSize(24).map(OtherPortData::new);
    return u8().flatMap(t -> Combinators.combine(u8(), u16(), u32(),
        t == 1 ? pcie : t == 2 ? twoWire : other).as((cap, mtu, mebs, d) -> new PortInfo(t, cap, mtu, mebs, d)));
  }

  public static Arbitrary<DataStructure> dataStructures() {
    Arbitrary<CommandEntry> entry = Combinators.combine(u8(), u8()).as(CommandEntry::new);
    return Arbitraries.oneOf(
        Combinators.combine(u8(), u8(), u8(), u8()).as(NvmSubsystemInfo::new),
        portInfos(),
        u16().list().ofMaxSize(40).map(ControllerList::of),
        Combinators.combine(u8(), u8(), u16(), u16(), u16(), u16(), u16(), u8()).as(ControllerInfo::new),
        entry.list().ofMaxSize(40).map(OptionalCommandList::of),
        entry.list().ofMaxSize(40).map(MebCommandSupportList::of));
  }
}
