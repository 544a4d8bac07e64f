package dev.flecto.query;

/**
 * A path into a map (jsonb) field (Ecto's {@code p.meta["a"]["b"]}): {@code base #> $n} for the
 * jsonb value, or {@code base #>> $n} for its text. The path is bound as one text array.
 *
 * <pre>{@code
 * Exprs.jsonText(field("settings"), "theme").eq("dark")
 * Exprs.jsonPath(field("meta"), "tags", 0)
 * }</pre>
 *
 * @param base the jsonb expression
 * @param path a {@link Param} holding the keys (and array indices) as a String[]
 * @param asText whether the result is text ({@code #>>}) rather than jsonb ({@code #>})
 */
public record JsonPath(Expr base, Expr path, boolean asText) implements Expr {}
