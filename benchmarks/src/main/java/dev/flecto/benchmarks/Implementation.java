package dev.flecto.benchmarks;

import java.util.Locale;

/**
 * The implementations a program workload (W6, W8) runs, as an enum: the lower-case constant name
 * is the suite's implementation id (in its {@link Score}s and in {@code --sides=}), and a label
 * says how it runs, for the program's own table.
 *
 * <pre>{@code
 * enum Side implements Implementation { FLECTO, RAW; public String label() { return "..."; } }
 * Side.RAW.id() // "raw"
 * }</pre>
 */
interface Implementation {
  /** The enum constant's name. */
  String name();

  /**
   * The implementation id of {@link Score}.
   *
   * <pre>{@code W6Stream.Side.JOOQ.id() // "jooq" }</pre>
   *
   * @return the lower-case name
   */
  default String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * How the implementation runs the workload, for the report.
   *
   * <pre>{@code W8MixedLoad.Side.JDBC.label() }</pre>
   *
   * @return the label
   */
  String label();
}
