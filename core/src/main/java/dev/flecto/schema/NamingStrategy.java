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
  /**
   * {@code firstName} becomes {@code first_name}, {@code addressLine2} {@code address_line2}, and an
   * acronym stays one word: {@code userID} becomes {@code user_id}, {@code httpURLPath}
   * {@code http_url_path} (as Elixir's {@code Macro.underscore}).
   */
  SNAKE_CASE {
    @Override
    public String columnName(String component) {
      StringBuilder out = new StringBuilder(component.length() + 4);
      int n = component.length();
      for (int i = 0; i < n; i++) {
        char c = component.charAt(i);
        if (Character.isUpperCase(c) && i > 0) {
          char prev = component.charAt(i - 1);
          boolean nextLower = i + 1 < n && Character.isLowerCase(component.charAt(i + 1));
          if (!Character.isUpperCase(prev) || nextLower) {
            out.append('_');
          }
        }
        out.append(Character.toLowerCase(c));
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
