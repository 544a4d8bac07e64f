package dev.flecto.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes lists of {@link Score} as JSON: how the suite collects what its programs (W6,
 * W8) measured in their own JVMs, and the form of the suite's results file. A score that did not
 * run is written with {@code "NaN"}.
 *
 * <pre>{@code
 * Scores.write(Path.of("w8.json"), scores);
 * List<Score> back = Scores.read(Path.of("w8.json"));
 * }</pre>
 */
final class Scores {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Scores() {}

  /** Writes the scores to {@code file}, creating its folder. */
  static void write(Path file, List<Score> scores) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      JSON.writeValue(file.toFile(), scores);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads scores written by {@link #write}. */
  static List<Score> read(Path file) {
    try {
      return JSON.readValue(file.toFile(), new TypeReference<List<Score>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("could not read scores from " + file + ": " + e.getMessage(), e);
    }
  }

  /** The JSON mapper, for the suite's own results file. */
  static ObjectMapper json() {
    return JSON;
  }
}
