package dev.flecto.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: {@code --verbose}, and its errors printed as one line (the
 * exception's type and message, passwords scrubbed), with the stack trace only when verbose.
 * Usage errors ({@link ParameterException}) go to picocli, which prints them with the usage help
 * and exits with 2; any other failure exits with 1.
 */
abstract class FlectoCommand implements Callable<Integer> {
  final Context context;

  @Spec
  CommandSpec spec;

  @Option(names = "--verbose", description = "Print the stack trace of an error, and the libraries' log at INFO.")
  boolean verbose;

  FlectoCommand(Context context) {
    this.context = context;
  }

  /** The command's work; returns its exit code. */
  abstract int execute();

  /** The URL whose password must not be printed, once known. */
  String secretUrl() {
    return null;
  }

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (ParameterException e) {
      throw e;
    } catch (RuntimeException e) {
      Throwable error = reactor.core.Exceptions.unwrap(e);
      PrintWriter err = context.err();
      if (error instanceof CliFailure) {
        err.println(Urls.scrub(error.getMessage(), secretUrl()));
      } else {
        err.println("** (" + error.getClass().getSimpleName() + ") " + Urls.scrub(String.valueOf(error.getMessage()), secretUrl()));
      }
      if (verbose) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        err.print(Urls.scrub(trace.toString(), secretUrl()));
      }
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  /** A usage error: picocli prints it with the usage help, exit code 2. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
