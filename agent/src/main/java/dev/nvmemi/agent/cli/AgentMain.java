package dev.nvmemi.agent.cli;

import dev.nvmemi.agent.log.LogSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nvme-mi-agent} command line: {@code run} (default), {@code once}, {@code status},
 * {@code discover}, {@code decode}, {@code simulate}. Runs on the main thread; each subcommand documents its own
 * threads.
 */
@Command(name = "nvme-mi-agent",
    mixinStandardHelpOptions = true,
    versionProvider = AgentMain.Version.class,
    description = "Out-of-band NVMe drive health over NVMe-MI / MCTP, exported as OpenTelemetry.",
    subcommands = {
        DecodeCommand.class,
        DiscoverCommand.class,
        SimulateCommand.class,
        RunCommand.class,
        OnceCommand.class,
        StatusCommand.class,
        CommandLine.HelpCommand.class
    })
public final class AgentMain {
  private AgentMain() {}

  /** Exit status for usage errors and malformed input (picocli's default for invalid input too). */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit status (tests call this). */
  public static int execute(String... args) {
    LogSetup.install(); // one line per log record from the first one on (log.format applies once loaded)
    CommandLine cl = new CommandLine(new AgentMain());
    cl.setExecutionExceptionHandler(new FailureHandler());
    return cl.execute(RunCommand.defaulted(args, cl.getSubcommands().keySet()));
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AgentMain.class.getPackage().getImplementationVersion();
      return new String[] {"nvme-mi-agent " + (v == null ? "development build" : v)};
    }
  }
}
