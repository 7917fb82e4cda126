package dev.nvmemi.mi.client;

import dev.nvmemi.mi.MoreProcessingRequired;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A fake {@link MiTransport} driven by a script: each exchange takes the next step, which may
 * answer at once, report interim MPR messages first, fail, or stay pending until the test
 * completes it. Records every request and its options. Single-threaded test use.
 */
final class ScriptedTransport implements MiTransport {
  /** One scripted exchange. */
  interface Step {
    CompletionStage<byte[]> run(byte[] request, ExchangeOptions options, InterimListener interim);
  }

  final List<byte[]> requests = new ArrayList<>();
  final List<ExchangeOptions> options = new ArrayList<>();
  final List<CompletableFuture<byte[]>> pending = new ArrayList<>();
  private final ArrayDeque<Step> script = new ArrayDeque<>();
  boolean closed;

  ScriptedTransport answer(byte[] response) {
    script.add((req, o, i) -> CompletableFuture.completedFuture(response));
    return this;
  }

  /** Answers with a function of the request (e.g. echo its tag). */
  ScriptedTransport answer(Function<byte[], byte[]> responder) {
    script.add((req, o, i) -> CompletableFuture.completedFuture(responder.apply(req)));
    return this;
  }

  ScriptedTransport interimThenAnswer(byte[] interim, byte[] response) {
    script.add((req, o, i) -> {
      i.onInterim(interim, MoreProcessingRequired.detect(interim).orElseThrow());
      return CompletableFuture.completedFuture(response);
    });
    return this;
  }

  ScriptedTransport fail(Throwable t) {
    script.add((req, o, i) -> CompletableFuture.failedFuture(t));
    return this;
  }

  ScriptedTransport throwNow(RuntimeException e) {
    script.add((req, o, i) -> {
      throw e;
    });
    return this;
  }

  /** The exchange stays pending; the test completes {@link #pending}. */
  ScriptedTransport hold() {
    script.add((req, o, i) -> {
      CompletableFuture<byte[]> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    });
    return this;
  }

  @Override
  public CompletionStage<byte[]> exchange(byte[] request, ExchangeOptions o, InterimListener interim) {
    requests.add(request.clone());
    options.add(o);
    Step s = script.poll();
    if (s == null) {
      throw new AssertionError("unscripted exchange #" + requests.size());
    }
    return s.run(request, o, interim);
  }

  @Override
  public String describe() {
    return "scripted: test";
  }

  @Override
  public void close() {
    closed = true;
  }
}
