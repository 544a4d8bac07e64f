package dev.flecto.r2dbc;

import dev.flecto.schema.JsonText;

/**
 * A {@code jsonb[]} parameter: an embeds-many stored one jsonb per record
 * ({@code @EmbedsMany(array = true)}). The driver has no codec for JSON arrays, so
 * {@link JsonbArrayCodecs} registers one that sends this as the array's text.
 *
 * <pre>{@code new JsonbArray(new JsonText[] {JsonText.of(Map.of("a", 1))}).literal() // {"{\"a\":1}"} }</pre>
 *
 * @param elements each element's JSON text; null for a NULL element
 */
record JsonbArray(JsonText[] elements) {
  /** PostgreSQL's array literal: every element double-quoted, its quotes and backslashes escaped; NULL unquoted. */
  String literal() {
    StringBuilder sb = new StringBuilder().append('{');
    for (int i = 0; i < elements.length; i++) {
      sb.append(i == 0 ? "" : ",");
      if (elements[i] == null) {
        sb.append("NULL");
        continue;
      }
      sb.append('"');
      String text = elements[i].text();
      for (int c = 0; c < text.length(); c++) {
        char ch = text.charAt(c);
        sb.append(ch == '"' || ch == '\\' ? "\\" : "").append(ch);
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }
}
