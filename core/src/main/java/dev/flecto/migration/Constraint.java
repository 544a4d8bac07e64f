package dev.flecto.migration;


/**
 * A check or exclusion constraint (Ecto's {@code constraint/3}). Every step returns a new value.
 *
 * <pre>{@code
 * Migrations.constraint("products", "price_must_be_positive").check("price > 0")
 * Migrations.constraint("bookings", "no_overlap").exclude("gist (room WITH =, during WITH &&)")
 * Migrations.constraint("orders", "total_positive").check("total > 0").validate(false)   // NOT VALID
 * }</pre>
 *
 * @param table the table
 * @param name the constraint's name
 * @param check the CHECK expression, or null
 * @param exclude the EXCLUDE definition (after {@code EXCLUDE USING}), or null
 * @param prefix the table's prefix, or null
 * @param comment the constraint's comment, or null
 * @param validate false: {@code NOT VALID}, existing rows are not checked
 */
public record Constraint(String table, String name, String check, String exclude, String prefix, String comment,
    boolean validate) {
  /**
   * Checks the parts.
   *
   * <pre>{@code Migrations.constraint("products", "price_must_be_positive").check("price > 0") }</pre>
   */
  public Constraint {
    Checks.given(table, "table", "a constraint");
    Checks.given(name, "name", "a constraint");
    if (check != null && exclude != null) {
      throw new MigrationException("constraint " + name + " on " + table + " cannot be both a check and an exclusion");
    }
  }

  static Constraint named(String table, String name) {
    return new Constraint(table, name, null, null, null, null, true);
  }

  /**
   * A check constraint.
   *
   * <pre>{@code constraint("products", "price_positive").check("price > 0") }</pre>
   *
   * @param expression the SQL condition
   * @return a new constraint
   */
  public Constraint check(String expression) {
    return new Constraint(table, name, expression, null, prefix, comment, validate);
  }

  /**
   * An exclusion constraint.
   *
   * <pre>{@code constraint("bookings", "no_overlap").exclude("gist (room WITH =, during WITH &&)") }</pre>
   *
   * @param definition what follows {@code EXCLUDE USING}
   * @return a new constraint
   */
  public Constraint exclude(String definition) {
    return new Constraint(table, name, null, definition, prefix, comment, validate);
  }

  /**
   * The table's prefix.
   *
   * <pre>{@code constraint("products", "price_positive").prefix("tenant_1").check("price > 0") }</pre>
   *
   * @param schema the prefix
   * @return a new constraint
   */
  public Constraint prefix(String schema) {
    return new Constraint(table, name, check, exclude, schema, comment, validate);
  }

  /**
   * The constraint's comment.
   *
   * <pre>{@code constraint("products", "price_positive").check("price > 0").comment("no free lunch") }</pre>
   *
   * @param text the comment
   * @return a new constraint
   */
  public Constraint comment(String text) {
    return new Constraint(table, name, check, exclude, prefix, text, validate);
  }

  /**
   * Whether existing rows are checked when it is added; false adds it {@code NOT VALID}
   * (validate it later with {@link Migrations#validateConstraint}).
   *
   * <pre>{@code constraint("orders", "total_positive").check("total > 0").validate(false) }</pre>
   *
   * @param check whether to validate
   * @return a new constraint
   */
  public Constraint validate(boolean check) {
    return new Constraint(table, name, this.check, exclude, prefix, comment, check);
  }

  @Override
  public String toString() {
    return "constraint " + name + " on " + (prefix != null ? prefix + "." : "") + table;
  }
}
