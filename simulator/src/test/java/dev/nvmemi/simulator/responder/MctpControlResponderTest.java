package dev.nvmemi.simulator.responder;

import static dev.nvmemi.simulator.Msg.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MCTP control (type 0) as mctpd's SetupEndpoint drives it (mctp.md §2.5-2.6). */
class MctpControlResponderTest {
  private static final byte[] UUID = hex("00112233445566778899aabbccddeeff");

  @Test
  void getEndpointIdReportsTheCurrentEid() {
    // Rq, IID 0, command 02h -> cc 0, EID 9, simple endpoint / dynamic EID, medium byte 0
    assertThat(hex(new MctpControlResponder(9, UUID).respond(hex("00 80 02")))).isEqualTo("00000200" + "090000");
  }

  @Test
  void unassignedEndpointReportsEidZero() {
    assertThat(hex(new MctpControlResponder(0, UUID).respond(hex("00 80 02")))).isEqualTo("00000200000000");
  }

  @Test
  void setEndpointIdIsAcceptedAndEchoed() {
    MctpControlResponder r = new MctpControlResponder(0, UUID);
    // IID 3, Set EID op 0 (set), EID 0x1D -> accepted, EID 1D, pool 0
    assertThat(hex(r.respond(hex("00 83 01 00 1d")))).isEqualTo("0003010000" + "1d00");
    assertThat(r.eid()).isEqualTo(0x1D);
  }

  @Test
  void setEndpointIdRefusesAReservedEid() {
    MctpControlResponder r = new MctpControlResponder(9, UUID);
    assertThat(hex(r.respond(hex("00 80 01 00 05")))).isEqualTo("00000102");
    assertThat(r.eid()).isEqualTo(9);
  }

  @Test
  void setEndpointIdWithoutDataIsAnInvalidLength() {
    assertThat(hex(new MctpControlResponder(9, UUID).respond(hex("00 80 01")))).isEqualTo("00000103");
  }

  @Test
  void getEndpointUuid() {
    assertThat(hex(new MctpControlResponder(9, UUID).respond(hex("00 81 03")))).isEqualTo("00010300" + hex(UUID));
  }

  @Test
  void getMessageTypeSupportListsControlAndNvmeMi() {
    assertThat(hex(new MctpControlResponder(9, UUID).respond(hex("00 80 05")))).isEqualTo("00000500020004");
  }

  @Test
  void getVersionSupportForTheBaseSpecAndNvmeMi() {
    MctpControlResponder r = new MctpControlResponder(9, UUID);
    assertThat(hex(r.respond(hex("00 80 04 ff"))))
        .isEqualTo("0000040004" + "f1f0ff00" + "f1f1ff00" + "f1f2ff00" + "f1f3f100");
    assertThat(hex(r.respond(hex("00 80 04 04")))).isEqualTo("0000040001f1f2ff00");
    assertThat(hex(r.respond(hex("00 80 04 01")))).as("PLDM not supported").isEqualTo("0000048000");
  }

  @Test
  void anyOtherCommandIsUnsupported() {
    assertThat(hex(new MctpControlResponder(9, UUID).respond(hex("00 87 0a 00")))).isEqualTo("00070a05");
  }

  @Test
  void responsesAndDatagramsGetNoAnswer() {
    MctpControlResponder r = new MctpControlResponder(9, UUID);
    assertThat(r.respond(hex("00 00 02"))).as("Rq=0").isNull();
    assertThat(r.respond(hex("00 c0 02"))).as("datagram").isNull();
    assertThat(r.respond(hex("00 80"))).as("no command code").isNull();
  }
}
