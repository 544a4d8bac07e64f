package dev.flecto.schema;

/**
 * How a record component's name becomes a column name.
 *
 * <pre>{@code
 * NamingStrategy.SNAKE_CASE.columnName("insertedAt") // "inserted_at"
 * NamingStrategy.AS_IS.columnName("insertedAt")      // "insertedAt"
 * }</pre>
 */
public enum NamingStrategy {
  /** {@code firstName} becomes {@code first_name}; {@code addressLine2} becomes {@code address_line2}. */
  SNAKE_CASE {
    @Override
    public String columnName(String component) {
      StringBuilder out = new StringBuilder(component.length() + 4);
      for (int i = 0; i < component.length(); i++) {
        char c = component.charAt(i);
        if (Character.isUpperCase(c)) {
          if (i > 0) {
            out.append('_');
          }
          out.append(Character.toLowerCase(c));
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
  },
  /** The component name is the column name. */
  AS_IS {
    @Override
    public String columnName(String component) {
      return component;
    }
  };

  /**
   * The column name for a component name.
   *
   * <pre>{@code NamingStrategy.SNAKE_CASE.columnName("lastName") // "last_name" }</pre>
   *
   * @param component the record component's name
   * @return the column name
   */
  public abstract String columnName(String component);
}
