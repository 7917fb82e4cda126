package dev.nvmemi.agent.http;

import dev.nvmemi.agent.config.ConfigKeys;
import dev.nvmemi.agent.config.ListenException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.Objects;

/**
 * {@code /healthz} (process alive: 200 "ok"), {@code /readyz} (200 when discovery is connected and
 * a poll cycle is done or there are no endpoints, else 503) and {@code /status} (JSON) on
 * {@code http.address}. Handlers run on the verticle's event loop.
 */
public final class StatusServer {
  private final Vertx vertx;
  private final StatusSource agent;
  private HttpServer server;

  public StatusServer(Vertx vertx, StatusSource agent) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.agent = Objects.requireNonNull(agent, "agent");
  }

  /**
   * Binds; port 0 picks an ephemeral port (see {@link #port()}). Fails with a {@link
   * ListenException} naming {@code http.address} and the address when the bind fails.
   */
  public Future<HttpServer> listen(String host, int port) {
    Router router = Router.router(vertx);
    router.get("/healthz").handler(ctx -> ctx.response().putHeader("content-type", "text/plain").end("ok\n"));
    router.get("/readyz").handler(ctx -> {
      boolean ready = agent.ready();
      ctx.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", "text/plain")
          .end(ready ? "ready\n" : "not ready\n");
    });
    router.get("/status").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .end(agent.status().encodePrettily()));
    return vertx.createHttpServer().requestHandler(router).listen(port, host)
        .recover(err -> Future.failedFuture(new ListenException(ConfigKeys.HTTP_ADDRESS.name(),
            host + ":" + port, err)))
        .onSuccess(s -> server = s);
  }

  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
