package dev.flecto.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query returns: a binding's whole record (the default, the source's), one expression, a
 * map of named expressions, or a record class built from expressions by position.
 *
 * <pre>{@code
 * query.select(Exprs.field("title"), String.class)                       // Query<String>
 * query.select(Map.of("title", Exprs.field("title"), "n", Exprs.count())) // Query<Map<String, Object>>
 * query.select(TitleCount.class, Exprs.field("title"), Exprs.count())    // Query<TitleCount>
 * }</pre>
 *
 * @param <R> the result type
 */
public sealed interface Selection<R> permits Selection.Binding, Selection.Single, Selection.Named, Selection.Constructed {

  /**
   * The whole record of a binding (null for the source), with some components computed by
   * expressions instead ({@code selectMerge}: a {@code @Virtual} count, say).
   *
   * <pre>{@code new Selection.Binding<>("c", Comment.class, Map.of()) }</pre>
   *
   * @param binding the binding name, or null for the source
   * @param type the record class
   * @param merged component name to the expression that computes it
   * @param <R> the record type
   */
  record Binding<R>(String binding, Class<R> type, Map<String, Expr> merged) implements Selection<R> {
    /**
     * Copies the merged expressions, keeping their order.
     *
     * <pre>{@code new Selection.Binding<>(null, Person.class, Map.of()) }</pre>
     */
    public Binding {
      // Most bindings merge nothing: share the empty map rather than copy one at every builder step.
      merged = merged.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(merged));
    }

    /**
     * The whole record, nothing merged.
     *
     * <pre>{@code new Selection.Binding<>("c", Comment.class) }</pre>
     *
     * @param binding the binding name, or null for the source
     * @param type the record class
     */
    public Binding(String binding, Class<R> type) {
      this(binding, type, Map.of());
    }
  }

  /**
   * One expression, read as a type.
   *
   * <pre>{@code new Selection.Single<>(Exprs.count(), Long.class) }</pre>
   *
   * @param expr the expression
   * @param type the Java type to read it as
   * @param <R> the type
   */
  record Single<R>(Expr expr, Class<R> type) implements Selection<R> {}

  /**
   * Named expressions into a map, in the order given.
   *
   * <pre>{@code new Selection.Named(Map.of("n", Exprs.count())) }</pre>
   *
   * @param exprs name to expression
   */
  record Named(Map<String, Expr> exprs) implements Selection<Map<String, Object>> {
    /**
     * Copies the map, keeping its order.
     *
     * <pre>{@code new Selection.Named(new LinkedHashMap<>(exprs)) }</pre>
     */
    public Named {
      exprs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exprs));
    }
  }

  /**
   * Expressions passed, by position, to a record class's canonical constructor.
   *
   * <pre>{@code new Selection.Constructed<>(TitleCount.class, List.of(Exprs.field("title"), Exprs.count())) }</pre>
   *
   * @param type the record class
   * @param exprs one per component
   * @param <R> the record type
   */
  record Constructed<R>(Class<R> type, List<Expr> exprs) implements Selection<R> {
    /**
     * Copies the list.
     *
     * <pre>{@code new Selection.Constructed<>(Pair.class, List.of(a, b)) }</pre>
     */
    public Constructed {
      exprs = List.copyOf(exprs);
    }
  }
}
