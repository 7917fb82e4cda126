package dev.nvmemi.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesEveryValueTypeWithPositions() {
    Json.Obj o = (Json.Obj) Json.parse("{\n  \"a\": [1, -2.5e3, true, false, null],\n  \"b\": \"x\\u0041\\n\"\n}");
    Json.Arr a = (Json.Arr) o.members().get("a");
    assertThat(a.items()).hasSize(5);
    assertThat(((Json.Num) a.items().get(1)).value().doubleValue()).isEqualTo(-2500.0);
    assertThat(a.line()).isEqualTo(2);
    assertThat(a.column()).isEqualTo(8);
    assertThat(((Json.Str) o.members().get("b")).value()).isEqualTo("xA\n");
  }

  @Test
  void rejectsATrailingCommaWithLineAndColumn() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1,\n}"))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("trailing comma").hasMessageContaining("line 2, column 1");
  }

  @Test
  void rejectsDuplicateMembers() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}"))
        .hasMessageContaining("duplicate member \"a\" at line 1, column 10");
  }

  @Test
  void rejectsComments() {
    assertThatThrownBy(() -> Json.parse("{ // no\n}")).hasMessageContaining("unexpected '/'");
  }

  @Test
  void rejectsLeadingZeros() {
    assertThatThrownBy(() -> Json.parse("[01]")).hasMessageContaining("leading zero");
  }

  @Test
  void rejectsContentAfterTheValue() {
    assertThatThrownBy(() -> Json.parse("{} {}")).hasMessageContaining("after the JSON value");
  }

  @Test
  void rejectsAnUnterminatedString() {
    assertThatThrownBy(() -> Json.parse("[\"abc")).hasMessageContaining("unterminated string");
  }

  @Test
  void rejectsControlCharactersInStrings() {
    assertThatThrownBy(() -> Json.parse("[\"a\tb\"]")).hasMessageContaining("control character");
  }

  @Test
  void rejectsBadLiterals() {
    assertThatThrownBy(() -> Json.parse("[tru]")).hasMessageContaining("expected: true");
  }

  @Test
  void rejectsDeepNesting() {
    assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100))).hasMessageContaining("nesting too deep");
  }
}
