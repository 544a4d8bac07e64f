package dev.flecto.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code --name=value} arguments of the suite runner and of its plain programs (W6, W8), which
 * the runner passes on a command line. An unknown or repeated name fails at once, naming what is accepted,
 * so that a typo in the runner never silently measures the defaults.
 *
 * <pre>{@code
 * ProgramArgs a = ProgramArgs.parse(args, "rows", "fetch", "json", "sides");
 * int rows = a.positive("rows", 1_000_000);
 * Optional<Path> json = a.path("json");
 * }</pre>
 */
final class ProgramArgs {
  private final Map<String, String> values;

  private ProgramArgs(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code --name=value} arguments, accepting only the given names.
   *
   * <pre>{@code ProgramArgs.parse(new String[] {"--rows=20_000"}, "rows", "json") }</pre>
   *
   * @param args the program's arguments
   * @param names the accepted names, without {@code --}
   * @return the arguments
   * @throws IllegalArgumentException on an argument not of that form, an unknown name or a repeated one
   */
  static ProgramArgs parse(String[] args, String... names) {
    List<String> accepted = List.of(names);
    Map<String, String> values = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      String name = a.startsWith("--") && eq > 2 ? a.substring(2, eq) : null;
      if (name == null || !accepted.contains(name)) {
        throw new IllegalArgumentException("unknown argument '" + a + "'; expected " + usage(accepted));
      }
      if (values.put(name, a.substring(eq + 1)) != null) {
        throw new IllegalArgumentException("--" + name + " given twice");
      }
    }
    return new ProgramArgs(values);
  }

  private static String usage(List<String> names) {
    List<String> forms = new ArrayList<>();
    for (String n : names) {
      forms.add("--" + n + "=...");
    }
    return String.join(", ", forms);
  }

  /**
   * An integer option of at least {@code min} ({@code _} allowed as a digit separator).
   *
   * <pre>{@code a.atLeast("warmup", 0, 5) }</pre>
   *
   * @param name the option's name
   * @param min the smallest value accepted
   * @param otherwise the value when the option is absent
   * @return the value
   */
  int atLeast(String name, int min, int otherwise) {
    String v = values.get(name);
    if (v == null) {
      return otherwise;
    }
    int value;
    try {
      value = Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'", e);
    }
    if (value < min) {
      throw new IllegalArgumentException("--" + name + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  /**
   * An integer option of at least 1.
   *
   * <pre>{@code a.positive("rows", 1_000_000) }</pre>
   *
   * @param name the option's name
   * @param otherwise the value when the option is absent
   * @return the value
   */
  int positive(String name, int otherwise) {
    return atLeast(name, 1, otherwise);
  }

  /**
   * A text option, as given.
   *
   * <pre>{@code a.text("profile").orElse("smoke") }</pre>
   *
   * @param name the option's name
   * @return the value, empty when the option is absent
   */
  Optional<String> text(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * A file option, such as {@code --json=FILE}.
   *
   * <pre>{@code a.path("json").ifPresent(p -> Scores.write(p, scores)) }</pre>
   *
   * @param name the option's name
   * @return the path, empty when the option is absent
   */
  Optional<Path> path(String name) {
    String v = values.get(name);
    if (v != null && v.isBlank()) {
      throw new IllegalArgumentException("--" + name + " needs a file name");
    }
    return Optional.ofNullable(v).map(Path::of);
  }

  /**
   * The implementations named by a comma-separated option such as {@code --sides=flecto,jdbc}, in
   * the order given; every constant of {@code type} when the option is absent. Names are the
   * constants' names in lower case, the suite's implementation ids.
   *
   * <pre>{@code List<W8MixedLoad.Side> sides = a.sides("sides", W8MixedLoad.Side.class); }</pre>
   *
   * @param name the option's name
   * @param type the enum of implementations
   * @param <E> the enum
   * @return the implementations, without repeats
   */
  <E extends Enum<E> & Implementation> List<E> sides(String name, Class<E> type) {
    E[] all = type.getEnumConstants();
    String v = values.get(name);
    if (v == null) {
      return List.of(all);
    }
    List<E> out = new ArrayList<>();
    for (String id : v.split(",")) {
      String wanted = id.strip();
      E found = Arrays.stream(all).filter(e -> e.id().equals(wanted)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("--" + name + ": unknown implementation '" + wanted + "'; expected some of "
              + Arrays.stream(all).map(Implementation::id).collect(Collectors.joining(","))));
      if (!out.contains(found)) {
        out.add(found);
      }
    }
    return List.copyOf(out);
  }
}
