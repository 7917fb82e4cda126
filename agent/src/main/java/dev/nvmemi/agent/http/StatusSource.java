package dev.nvmemi.agent.http;

import io.vertx.core.json.JsonObject;

/**
 * What the HTTP endpoints report: readiness and the {@code /status} document. Implemented by the
 * agent core; called on the verticle's event loop, so both answers come from immutable snapshots
 * without blocking.
 */
public interface StatusSource {
  /** Readiness ({@code /readyz}). */
  boolean ready();

  /** The {@code /status} document. */
  JsonObject status();
}
