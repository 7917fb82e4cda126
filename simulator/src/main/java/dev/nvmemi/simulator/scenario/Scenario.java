package dev.nvmemi.simulator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A named list of timed events for a fleet, from a JSON file ({@link ScenarioReader}) or built in
 * code ({@link #builder(String)}). Events are kept sorted by time (stable for equal times).
 * Immutable.
 *
 * @param name short name ("overheat")
 * @param description what the scenario shows
 * @param events the events, sorted by {@link ScenarioEvent#at()}
 */
public record Scenario(String name, String description, List<ScenarioEvent> events) {
  /** The empty scenario: healthy drives, nothing happens. */
  public static final Scenario NONE = new Scenario("none", "healthy drives, nothing happens", List.of());

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    List<ScenarioEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(ScenarioEvent::at));
    events = List.copyOf(sorted);
  }

  /** The events for drive {@code index}, in time order. */
  public List<ScenarioEvent> eventsFor(int index) {
    List<ScenarioEvent> out = new ArrayList<>();
    for (ScenarioEvent e : events) {
      if (e.appliesTo(index)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Starts a scenario in code. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Scenario}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private String description = "";
    private final List<ScenarioEvent> events = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder description(String d) {
      this.description = Objects.requireNonNull(d, "description");
      return this;
    }

    /** Adds {@code action} for drive {@code drive} at {@code at}. */
    public Builder at(Duration at, int drive, Action action) {
      events.add(new ScenarioEvent(at, drive, action));
      return this;
    }

    /** Adds {@code action} for every drive at {@code at}. */
    public Builder atAll(Duration at, Action action) {
      return at(at, ScenarioEvent.ALL_DRIVES, action);
    }

    public Scenario build() {
      return new Scenario(name, description, events);
    }
  }
}
