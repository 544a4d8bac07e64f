package dev.flecto.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What the commands run with: where they print, the environment they read {@code DATABASE_URL}
 * from, the clock {@code new} stamps migrations with, and whether they configure the logging of
 * the JVM (only when started by {@link FlectoCli#main(String...)}).
 *
 * @param out the normal output
 * @param err errors, warnings and usage help
 * @param environment the environment variables
 * @param clock the clock of {@code new}
 * @param configureLogging whether to set slf4j-simple's levels (a JVM of its own)
 */
record Context(PrintWriter out, PrintWriter err, Map<String, String> environment, Clock clock, boolean configureLogging) {
  /** The variable the database URL is read from when {@code --url} is not given. */
  static final String DATABASE_URL = "DATABASE_URL";

  /**
   * When the command has the JVM to itself: the migrator's log ({@code dev.flecto.migration}) at
   * INFO on stderr, as Ecto prints it, unless quiet; everything else at WARN, or INFO when
   * verbose. A level given as a system property ({@code -Dorg.slf4j.simpleLogger...}) wins. Runs
   * before the first logger is made (the Repo makes the first).
   *
   * @param quiet no migration log
   * @param verbose more of the libraries' log
   */
  void configureLogging(boolean quiet, boolean verbose) {
    if (!configureLogging) {
      return;
    }
    String prefix = "org.slf4j.simpleLogger.";
    setIfAbsent(prefix + "logFile", "System.err");
    setIfAbsent(prefix + "defaultLogLevel", verbose ? "info" : "warn");
    setIfAbsent(prefix + "log.dev.flecto.migration", quiet ? "warn" : "info");
    setIfAbsent(prefix + "showThreadName", "false");
    setIfAbsent(prefix + "showLogName", verbose ? "true" : "false");
    setIfAbsent(prefix + "levelInBrackets", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
