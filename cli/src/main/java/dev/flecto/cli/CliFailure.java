package dev.flecto.cli;

/**
 * A command could not do its work for a reason its message says in full (a migration file that
 * already exists): printed without the exception's type or stack, exit code 1.
 */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliFailure(String message) {
    super(message);
  }
}
