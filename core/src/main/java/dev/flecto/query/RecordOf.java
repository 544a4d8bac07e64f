package dev.flecto.query;

import dev.flecto.QueryException;
import java.util.List;

/**
 * A binding's row as one selected value, beside others in the same row: its whole record (Ecto's
 * {@code select: {p, c}}), a record with only some fields loaded (Ecto's {@code struct(c, [...])}:
 * the others null, or zero for primitives, and associations not loaded), or a map of some fields
 * (Ecto's {@code map(c, [...])}). A binding that matched nothing (a left join's) gives null, not a
 * record of nulls: as Ecto, a row whose selected columns are all null is no record. Only a query's
 * select may hold one, at its top: alone, in a map of named values, or as a component of a record
 * class. In a nested query, as Ecto's planner allows: alone as the select of a from, join or
 * lateral subquery (the outer query reads its fields by name) or of a CTE (its columns), reading
 * one field in a subquery used as a value ({@code in}, a scalar), in any shape in {@code exists}
 * and in a union of as many columns; a map or record holding one there is refused when planned.
 *
 * <pre>{@code
 * record PostAndAuthor(Post post, Author author) {}
 * Query.from(Post.class).as("p").join(JoinKind.LEFT, Author.class, "a", field("a", "id").eq(field("p", "authorId")))
 *     .select(PostAndAuthor.class, recordOf("p"), recordOf("a"));          // author null when none
 * Query.from(Query.from(Post.class).as("p").select(mapOf("p", "id", "title"), Map.class)).as("s")
 *     .where(field("s", "title").like("a%"));                              // the subquery's fields
 * }</pre>
 *
 * @param binding the binding
 * @param fields the fields read (all the persisted fields of its schema when empty)
 * @param asMap whether the value is a map of field name to value rather than a record
 */
public record RecordOf(String binding, List<String> fields, boolean asMap) implements Expr {
  /**
   * Checks the binding is named and copies the fields.
   *
   * <pre>{@code new RecordOf("a", List.of("id", "name"), false) }</pre>
   */
  public RecordOf {
    if (binding == null || binding.isEmpty()) {
      throw new QueryException("recordOf and mapOf need a binding's name (\"p\", \"a\"), got " + (binding == null ? "null" : "\"\""));
    }
    for (String f : fields) {
      if (f == null || f.isEmpty()) {
        throw new QueryException("recordOf and mapOf of binding '" + binding + "' were given an empty field name: " + fields);
      }
    }
    fields = List.copyOf(fields);
  }
}
