package dev.flecto.migration;

import java.util.ArrayList;
import java.util.List;

/**
 * Ecto's {@code timestamps()}: {@code inserted_at} and {@code updated_at}, {@code
 * naive_datetime} (PostgreSQL {@code timestamp(0)}) and {@code NOT NULL} unless changed. Every
 * step returns a new value.
 *
 * <pre>{@code
 * Migrations.timestamps()                                            // inserted_at, updated_at
 * Migrations.timestamps().type(ColumnType.UTC_DATETIME_USEC).defaultFragment("now()")
 * Migrations.timestamps().insertedAt("created_at").noUpdatedAt()
 * }</pre>
 *
 * @param type the columns' type
 * @param insertedAt the insertion column's name, or null for none
 * @param updatedAt the update column's name, or null for none
 * @param nullable whether NULL is allowed (default false)
 * @param defaultFragment a default as SQL, or null
 */
public record Timestamps(ColumnType type, String insertedAt, String updatedAt, boolean nullable, String defaultFragment)
    implements ColumnSpec, TableChange {

  static Timestamps defaults() {
    return new Timestamps(ColumnType.NAIVE_DATETIME, "inserted_at", "updated_at", false, null);
  }

  /**
   * The columns' type.
   *
   * <pre>{@code timestamps().type(ColumnType.UTC_DATETIME) }</pre>
   *
   * @param columnType the type
   * @return new timestamps
   */
  public Timestamps type(ColumnType columnType) {
    return new Timestamps(columnType, insertedAt, updatedAt, nullable, defaultFragment);
  }

  /**
   * The insertion column's name.
   *
   * <pre>{@code timestamps().insertedAt("created_at") }</pre>
   *
   * @param name the name
   * @return new timestamps
   */
  public Timestamps insertedAt(String name) {
    return new Timestamps(type, name, updatedAt, nullable, defaultFragment);
  }

  /**
   * The update column's name.
   *
   * <pre>{@code timestamps().updatedAt("modified_at") }</pre>
   *
   * @param name the name
   * @return new timestamps
   */
  public Timestamps updatedAt(String name) {
    return new Timestamps(type, insertedAt, name, nullable, defaultFragment);
  }

  /**
   * No update column (Ecto's {@code updated_at: false}).
   *
   * <pre>{@code timestamps().noUpdatedAt() }</pre>
   *
   * @return new timestamps
   */
  public Timestamps noUpdatedAt() {
    return new Timestamps(type, insertedAt, null, nullable, defaultFragment);
  }

  /**
   * Whether NULL is allowed.
   *
   * <pre>{@code timestamps().nullable(true) }</pre>
   *
   * @param allowed whether NULL is allowed
   * @return new timestamps
   */
  public Timestamps nullable(boolean allowed) {
    return new Timestamps(type, insertedAt, updatedAt, allowed, defaultFragment);
  }

  /**
   * A default as SQL.
   *
   * <pre>{@code timestamps().defaultFragment("now()") }</pre>
   *
   * @param sql the default
   * @return new timestamps
   */
  public Timestamps defaultFragment(String sql) {
    return new Timestamps(type, insertedAt, updatedAt, nullable, sql);
  }

  /**
   * The columns.
   *
   * <pre>{@code timestamps().columns() }</pre>
   *
   * @return inserted_at and updated_at, as named
   */
  @Override
  public List<Column> columns() {
    List<Column> columns = new ArrayList<>(2);
    for (String name : new String[] {insertedAt, updatedAt}) {
      if (name != null) {
        Column c = Column.of(name, type).nullable(nullable);
        columns.add(defaultFragment != null ? c.defaultFragment(defaultFragment) : c);
      }
    }
    return List.copyOf(columns);
  }
}
