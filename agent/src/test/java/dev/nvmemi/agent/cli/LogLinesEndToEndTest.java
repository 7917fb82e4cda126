package dev.nvmemi.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every line the agent writes to stderr is one log line (issue #14 item 6), whoever logged it: the
 * agent, Netty and Vert.x (debug level makes them talk), the OpenTelemetry SDK. Runs
 * {@code once --simulate=2} as a separate JVM, as an operator would.
 */
class LogLinesEndToEndTest {
  private static final Pattern TEXT_LINE = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (ERROR|WARN|INFO|DEBUG|TRACE) \\S+ - .*");

  private static List<String> lines(String err) {
    return err.lines().toList();
  }

  @Test
  void everyStderrLineIsOneTextLogLineIncludingTheLibrariesOwn() throws Exception {
    AgentProcess.Result r = AgentProcess.run(90, "once", "--simulate=2", "--set", "log.level=debug");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = lines(r.err());
    assertThat(lines).as("debug output of the agent and its libraries").hasSizeGreaterThan(5);
    assertThat(lines).allSatisfy(l -> assertThat(l).matches(TEXT_LINE));
    assertThat(lines).as("a library's record (Netty) went through the same handler")
        .anySatisfy(l -> assertThat(l).contains(" DEBUG PlatformDependent"));
    assertThat(lines).as("the agent's own record carries its endpoint fields")
        .anySatisfy(l -> assertThat(l).contains(" EndpointSession - ").contains(" endpoint=1:").contains(" bus=mctpi2c0"));
    assertThat(new JsonObject(r.out()).getJsonArray("endpoints")).hasSize(2);
  }

  @Test
  void withLogFormatJsonEveryStderrLineIsAJsonObjectWithTheSameFields() throws Exception {
    AgentProcess.Result r = AgentProcess.run(90, "once", "--simulate=2", "--set", "log.level=debug",
        "--set", "log.format=json");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = lines(r.err());
    assertThat(lines).hasSizeGreaterThan(5);
    assertThat(lines).allSatisfy(l -> {
      JsonObject o = new JsonObject(l);
      assertThat(o.fieldNames()).contains("timestamp", "level", "component", "message");
      assertThat(o.getString("timestamp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    });
    assertThat(lines).anySatisfy(l -> {
      JsonObject o = new JsonObject(l);
      assertThat(o.getString("component")).isEqualTo("EndpointSession");
      assertThat(o.getString("bus")).isEqualTo("mctpi2c0");
    });
  }
}
