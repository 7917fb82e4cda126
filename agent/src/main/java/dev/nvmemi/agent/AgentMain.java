package dev.nvmemi.agent;

/** Entry point. Placeholder replaced by the CLI (issue 2). */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
