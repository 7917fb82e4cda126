package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nvmemi.mi.MiCodecOptions;
import dev.nvmemi.mi.NvmeStatus;
import dev.nvmemi.mi.admin.AdminResponse;
import dev.nvmemi.mi.admin.GetLogPage;
import dev.nvmemi.mi.admin.LogPageGuid;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * {@code decode} of an OCP datacenter log read (Get Log Page C0h request + response pair,
 * {@code ocp-logs.md} §1): the page's fields by name, absent fields as null, and a wrong GUID as a
 * payload error naming both GUIDs.
 */
final class DecodeOcpTest {
  private static final HexFormat HEX = HexFormat.of();

  /** Fixture A (LPV 4) from the commented hex file ("#" comments, "XX*N" repeats). */
  private static byte[] fixtureA() {
    try (InputStream in = DecodeOcpTest.class.getResourceAsStream("/fixtures/ocp/c0-a-lpv4.hex")) {
      StringBuilder hex = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int hash = line.indexOf('#');
        for (String t : (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+")) {
          int star = t.indexOf('*');
          hex.append(star < 0 ? t : t.substring(0, star).repeat(Integer.parseInt(t.substring(star + 1))));
        }
      }
      return HEX.parseHex(hex.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject decodeC0(byte[] page) {
    GetLogPage req = GetLogPage.ocp(0, 0, GetLogPage.LID_OCP_SMART_EXTENDED, 1);
    byte[] resp = AdminResponse.of(req, 0, NvmeStatus.fromStatusField(0), page, null).encode();
    return DecodeCommand.decodePair(HEX.formatHex(req.encode()), HEX.formatHex(resp), MiCodecOptions.DEFAULTS);
  }

  @Test
  void showsTheRequestAsAnOcpReadWithRaeAndUuidIndex() {
    JsonObject req = decodeC0(fixtureA()).getJsonObject("request");

    assertThat(req.getInteger("lid")).isEqualTo(0xC0);
    assertThat(req.getBoolean("rae")).isTrue();
    assertThat(req.getInteger("uidx")).isEqualTo(1);
    assertThat(req.getLong("nsid")).isEqualTo(0xFFFFFFFFL);
  }

  @Test
  void showsEveryFieldOfThePageByName() {
    JsonObject doc = decodeC0(fixtureA());
    JsonObject p = doc.getJsonObject("response").getJsonObject("payload");

    assertThat(doc.containsKey("error")).isFalse();
    assertThat(doc.containsKey("payloadError")).isFalse();
    assertThat(p.getNumber("physicalMediaUnitsWritten").longValue()).isEqualTo(38_400_000_000_000L);
    assertThat(p.getInteger("badUserNandBlocksNormalized")).isEqualTo(98);
    assertThat(p.getJsonObject("dssdVersion").getString("text")).isEqualTo("2.5.0.0");
    assertThat(p.getString("nvmeBaseErrata")).isEqualTo("c");
    assertThat(p.getString("lowestPermittedFirmware")).isEqualTo("1.2.0");
    assertThat(p.getInteger("logPageVersion")).isEqualTo(4);
  }

  @Test
  void showsFieldsNewerThanThePageVersionAsNull() {
    JsonObject p = decodeC0(fixtureA()).getJsonObject("response").getJsonObject("payload");

    assertThat(p.containsKey("totalMediaDies")).isTrue();
    assertThat(p.getValue("totalMediaDies")).isNull();
    assertThat(p.getValue("dieInUseBadNandBlockRaw")).isNull();
  }

  @Test
  void reportsAWrongGuidBesideTheRawData() {
    byte[] page = fixtureA();
    LogPageGuid.HYPERSCALE_BOOT_SSD_SMART.write(page, 496);

    JsonObject doc = decodeC0(page);

    assertThat(doc.containsKey("error")).isFalse();
    assertThat(doc.getJsonObject("response").getValue("payload")).isNull();
    assertThat(doc.getJsonObject("response").getString("data")).isEqualTo(HEX.formatHex(page));
    JsonObject err = doc.getJsonObject("payloadError");
    assertThat(err.getString("kind")).isEqualTo("GUID_MISMATCH");
    assertThat(err.getString("message")).contains("0xc46dd7920f1e4266a178d8ac78884365")
        .contains("0xafd514c97c6f4f9ca4f2bfea2810afc5");
  }
}
