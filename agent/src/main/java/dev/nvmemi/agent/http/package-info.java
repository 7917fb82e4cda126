/**
 * The agent's HTTP endpoints (vertx-web): {@code /healthz}, {@code /readyz} and {@code /status},
 * and the JSON rendering of endpoint snapshots shared with {@code once}. Handlers run on the
 * verticle's event loop and only read immutable snapshots.
 */
package dev.nvmemi.agent.http;
