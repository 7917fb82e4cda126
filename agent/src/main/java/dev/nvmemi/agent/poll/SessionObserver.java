package dev.nvmemi.agent.poll;

/**
 * Told of every new endpoint session before it starts, so that it can subscribe to the session's
 * streams ({@link EndpointSession#updates()}) from the first outcome on. Called on the agent
 * context.
 */
@FunctionalInterface
public interface SessionObserver {
  SessionObserver NONE = s -> { };

  void attached(EndpointSession session);
}
