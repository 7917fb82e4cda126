package dev.nvmemi.agent.cli;

import dev.nvmemi.agent.config.ConfigException;
import dev.nvmemi.agent.config.ListenException;
import dev.nvmemi.mi.MiTransportException;
import dev.nvmemi.transport.discovery.DiscoveryException;
import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What a command that ends with an exception prints: one line {@code nvme-mi-agent <command>:
 * <message>} on stderr and exit status 1, instead of picocli's multi-line stack trace. The stack
 * trace goes to the log as one record (one line, {@code error.stack}): at debug for the failures an
 * operator acts on (D-Bus or mctpd unreachable, transport, configuration, a port in use), at error
 * for anything else, which is a bug.
 *
 * <p>Runs on the main thread, after the command's {@code call} has thrown.
 */
public final class FailureHandler implements IExecutionExceptionHandler {
  private static final Logger LOG = Logger.getLogger(FailureHandler.class.getName());

  /** Exit status of a command that failed with an exception. */
  public static final int EXIT_FAILED = 1;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    Throwable cause = unwrap(ex);
    boolean expected = cause instanceof DiscoveryException || cause instanceof MiTransportException
        || cause instanceof ConfigException || cause instanceof ListenException;
    String name = cmd.getCommandSpec().qualifiedName();
    LOG.log(expected ? Level.FINE : Level.SEVERE, name + " failed", cause);
    PrintWriter err = cmd.getErr();
    err.println(name + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
    err.flush();
    return EXIT_FAILED;
  }

  /** The exception inside {@link ExecutionException} / {@link CompletionException} wrappers. */
  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
