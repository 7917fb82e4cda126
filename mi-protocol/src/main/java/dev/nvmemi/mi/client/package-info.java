/**
 * The transport-agnostic client API: {@link dev.nvmemi.mi.client.MiTransport} moves bytes,
 * {@code MiEndpoint} and {@code MiController} issue MI and admin commands over it and return typed
 * {@link dev.nvmemi.mi.client.MiResult}s. Asynchronous through {@link java.util.concurrent.CompletionStage};
 * callbacks run on the transport's completion thread.
 */
package dev.nvmemi.mi.client;
