package dev.nvmemi.agent.poll;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The endpoint state machine (design §4, issue #13): the states of one (network, eid), the
 * transitions allowed between them, and what each state exports.
 *
 * <pre>
 *  DISCOVERED ──► IDENTIFYING ──► ACTIVE ⇄ BACKOFF ──► LOST ──(answer)──► ACTIVE
 *                      │            │  ▲                 │
 *                      └─(failure)──┤  └─(Available)─ DEGRADED_CONNECTIVITY ◄─(mctpd Degraded)
 *  any state ──(mctpd Remove / vanished)──► REMOVED (terminal; a re-added endpoint is a new session)
 * </pre>
 *
 * <table>
 *   <caption>What each state exports</caption>
 *   <tr><th>state</th><th>polls</th><th>current values</th><th>reachable</th><th>event on entry</th></tr>
 *   <tr><td>discovered</td><td>no</td><td>none</td><td>0</td><td>—</td></tr>
 *   <tr><td>identifying</td><td>identify</td><td>none (no identity yet)</td><td>0</td><td>—</td></tr>
 *   <tr><td>active</td><td>the poll plan</td><td>fresh values (each at most twice its poll interval
 *       plus its timeout old: a read that keeps failing ages out)</td><td>1</td><td>{@code nvme.endpoint.discovered}
 *       (first identify), {@code nvme.endpoint.recovered} (from lost or degraded connectivity)</td></tr>
 *   <tr><td>backoff</td><td>one probe per backoff delay</td><td>none: not known reachable, so never
 *       {@code ok} ({@code hw.status} 0 for every state) and no value as current (kept, they come back
 *       only while fresh once the drive answers)</td><td>0</td><td>— (a retry within {@code poll.lost_after}
 *       failures: visible as state, not an event, or every dropped packet would be one)</td></tr>
 *   <tr><td>lost</td><td>one probe per backoff delay</td><td>none ({@code hw.status} 0 for every
 *       state)</td><td>0</td><td>{@code nvme.endpoint.lost}</td></tr>
 *   <tr><td>degraded_connectivity</td><td>no (mctpd is recovering the endpoint)</td><td>none</td><td>0</td>
 *       <td>{@code nvme.endpoint.degraded}</td></tr>
 *   <tr><td>removed</td><td>no</td><td>none, no per-drive series</td><td>—</td><td>{@code nvme.endpoint.removed}</td></tr>
 * </table>
 *
 * <p>Only the endpoint's failures move it out of {@code active}: a failed health poll (the drive
 * stopped answering) or a failure while it is not active (identifying, probing). A failed read of anything else (a log page, identify
 * data, an OCP page) is a failure of that command: counted, retried on its own backoff, its value
 * ages out, and the drive stays {@code active} with its other values ({@link Command#reachability()}).
 *
 * <p>A controller that its host has not enabled (CSTS.RDY=0 with neither CFS nor a shutdown, e.g.
 * the host powered off with the PCIe link down) is a <em>condition</em> of an active drive, not a
 * state: the endpoint answers and its values are current; it is exported as
 * {@code nvme.controller.ready} 0 and never makes the drive {@code degraded}.
 *
 * <p>Immutable; thread-safe.
 */
public enum EndpointState {
  DISCOVERED, IDENTIFYING, ACTIVE, BACKOFF, LOST, DEGRADED_CONNECTIVITY, REMOVED;

  private Set<EndpointState> next;

  static {
    DISCOVERED.next = EnumSet.of(IDENTIFYING, DEGRADED_CONNECTIVITY, REMOVED);
    IDENTIFYING.next = EnumSet.of(ACTIVE, BACKOFF, LOST, DEGRADED_CONNECTIVITY, REMOVED);
    ACTIVE.next = EnumSet.of(BACKOFF, LOST, DEGRADED_CONNECTIVITY, REMOVED);
    BACKOFF.next = EnumSet.of(ACTIVE, IDENTIFYING, LOST, DEGRADED_CONNECTIVITY, REMOVED);
    LOST.next = EnumSet.of(ACTIVE, IDENTIFYING, DEGRADED_CONNECTIVITY, REMOVED);
    DEGRADED_CONNECTIVITY.next = EnumSet.of(ACTIVE, IDENTIFYING, REMOVED);
    REMOVED.next = EnumSet.noneOf(EndpointState.class);
  }

  /** Value of the {@code state} attribute of {@code nvme_mi.endpoint.state}. */
  public String attribute() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the machine may go from this state to {@code to} (a self-transition is no transition). */
  public boolean canMoveTo(EndpointState to) {
    return next.contains(to);
  }

  /**
   * The state after this one for {@code to}.
   *
   * @throws IllegalStateException for a transition the machine does not have (a bug, never input)
   */
  public EndpointState moveTo(EndpointState to) {
    if (to != this && !canMoveTo(to)) {
      throw new IllegalStateException("endpoint state " + this + " -> " + to + " (expected one of " + next + ")");
    }
    return to;
  }

  /**
   * Whether the drive's values may be exported as current (each subject to its freshness): only
   * while it is reachable. A drive whose last health exchange failed ({@code backoff}) is not known
   * to answer, so it is never reported {@code ok} and none of its values is shown as current.
   */
  public boolean exportsValues() {
    return reachable();
  }

  /** Whether the agent gets answers from the endpoint now ({@code nvme_mi.endpoint.reachable} 1). */
  public boolean reachable() {
    return this == ACTIVE;
  }

  /** Whether the session issues exchanges in this state. */
  public boolean polls() {
    return this == IDENTIFYING || this == ACTIVE || this == BACKOFF || this == LOST;
  }
}
