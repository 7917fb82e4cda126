package dev.nvmemi.simulator.scenario;

/**
 * A scenario file (or a scenario built in code) is invalid: a JSON syntax error, an unknown
 * member, a wrong type or an out-of-range value. The message names the place (file, line,
 * column), what was found and what was expected.
 */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
