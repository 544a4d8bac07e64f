package dev.flecto.planner;

/**
 * Where each selected column's value goes in the array a planned query's {@code assemble} takes,
 * and what that array holds before the row fills it. For a schema's records the array is the
 * record's components (associations not loaded, virtual fields at their defaults) and each column
 * lands in its field's slot, so an adapter reads a row straight into the constructor's arguments
 * instead of into an array of column values that is then copied into another.
 *
 * <p>An adapter reads a row with {@link PlannedQuery#read}, which follows the layout (or, for a
 * narrow record read whole, skips the array); by hand the array path is:
 * <pre>{@code
 * RowLayout layout = planned.layout();
 * Object[] values = layout.start();
 * for (int i = 0; i < columns.length; i++) {
 *   values[layout.slot(i)] = read(row, i, columns[i]);
 * }
 * T result = planned.assemble().apply(values);
 * }</pre>
 */
public final class RowLayout {
  private static final RowLayout[] IDENTITIES = new RowLayout[33];

  static {
    for (int i = 0; i < IDENTITIES.length; i++) {
      IDENTITIES[i] = new RowLayout(identitySlots(i), new Object[i]);
    }
  }

  private final int[] slots;
  private final Object[] template;
  // Set for a record whose columns are its components in order: rows go straight into its constructor.
  private final DirectRows.Direct direct;

  private RowLayout(int[] slots, Object[] template) {
    this(slots, template, null);
  }

  private RowLayout(int[] slots, Object[] template, DirectRows.Direct direct) {
    this.slots = slots;
    this.template = template;
    this.direct = direct;
  }

  /**
   * The layout where column {@code i} is value {@code i} of an array of {@code width} nulls: what
   * an {@code assemble} that reads column values (rather than a record's components) takes.
   *
   * <pre>{@code RowLayout.identity(3).slot(2) // 2 }</pre>
   *
   * @param width the number of columns
   * @return the layout
   */
  public static RowLayout identity(int width) {
    return width < IDENTITIES.length ? IDENTITIES[width] : new RowLayout(identitySlots(width), new Object[width]);
  }

  /** Columns into the given slots of arrays that start as copies of {@code template} (neither is copied: the planner owns them). */
  static RowLayout of(int[] slots, Object[] template) {
    return new RowLayout(slots, template);
  }

  /**
   * The layout of a record's components read whole, in order, with no array per row when the
   * record is narrow enough: each column's value goes straight to the constructor, a null one
   * taking {@code ifNull}'s value for its component (a primitive's zero).
   */
  static RowLayout direct(Class<?> record, Object[] ifNull) {
    return new RowLayout(identitySlots(ifNull.length), new Object[ifNull.length], DirectRows.of(record, ifNull));
  }

  /** Whether rows skip the array and go straight into a constructor. */
  boolean isDirect() {
    return direct != null;
  }

  /** One row's result: straight into the constructor, or through the array {@code assemble} takes. */
  @SuppressWarnings("unchecked")
  <R, T> T read(R row, ColumnReader<? super R> reader, java.util.function.Function<Object[], T> assemble) {
    if (direct != null) {
      try {
        return (T) direct.read(row, (ColumnReader<Object>) reader);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
    Object[] values = template.clone();
    for (int i = 0; i < slots.length; i++) {
      values[slots[i]] = reader.value(row, i);
    }
    return assemble.apply(values);
  }

  private static int[] identitySlots(int width) {
    int[] slots = new int[width];
    for (int i = 0; i < width; i++) {
      slots[i] = i;
    }
    return slots;
  }

  /**
   * A new array for one row, as it is before the row's columns fill it.
   *
   * <pre>{@code Object[] values = planned.layout().start(); }</pre>
   *
   * @return a new array, owned by the caller
   */
  public Object[] start() {
    return template.clone();
  }

  /**
   * The index in {@link #start()}'s array where column {@code column}'s value goes.
   *
   * <pre>{@code values[layout.slot(i)] = value; }</pre>
   *
   * @param column the column's index in the query's selected columns
   * @return its slot
   */
  public int slot(int column) {
    return slots[column];
  }

  /**
   * The number of columns the layout places.
   *
   * <pre>{@code layout.columns() == planned.columns().size() }</pre>
   *
   * @return the column count
   */
  public int columns() {
    return slots.length;
  }
}
