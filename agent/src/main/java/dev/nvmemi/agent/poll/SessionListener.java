package dev.nvmemi.agent.poll;

import dev.nvmemi.agent.drive.DriveIdentity;

/**
 * What a session reports to telemetry. Called on the agent context, in the order things were
 * observed; {@code observedNanos} is the timer clock when the answer arrived (event latency is
 * measured from there).
 */
public interface SessionListener {
  SessionListener NONE = new SessionListener() { };

  /** One exchange ended: {@code errorType} is "" on success (an MI/NVMe status error is not success). */
  default void commandCompleted(EndpointSession session, Command command, String errorType, long durationNanos) { }

  /** The lifecycle state changed. */
  default void stateChanged(EndpointSession session, EndpointState from, EndpointState to) { }

  /** Identify finished; {@code previous} is null on first identification. */
  default void identified(EndpointSession session, DriveIdentity previous, DriveIdentity current, long observedNanos) { }

  /** The endpoint was declared lost after {@code lost_after} consecutive failures. */
  default void lost(EndpointSession session, String errorType, long observedNanos) { }

  /** A lost endpoint answered again. */
  default void recovered(EndpointSession session, long observedNanos) { }

  /** New health values were published ({@code previous} is the snapshot before). */
  default void healthUpdated(EndpointSession session, DriveSnapshot previous, DriveSnapshot current, long observedNanos) { }

  /** The session was removed (discovery dropped the endpoint). */
  default void removed(EndpointSession session) { }
}
