package dev.flecto.repo;

import dev.flecto.ArgumentException;
import java.util.Optional;
import java.util.function.Function;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Tenants by prefix (PostgreSQL schema) for a whole pipeline: a default prefix carried in the
 * Reactor Context, as the transaction's connection is, which every Repo operation subscribed
 * under it uses where nothing nearer names one (Ecto's {@code default_options/1} returning
 * {@code prefix:}, read per subscription instead of per process).
 *
 * <p>Where a table is looked for, nearest first. Queries ({@code all}, {@code one},
 * {@code stream}, {@code aggregate}, {@code exists}, {@code updateAll}, {@code deleteAll}, the
 * queries of preloads and of Multi steps), as Ecto's "Query prefix" rule:
 * <ol>
 *   <li>the source's own prefix ({@code Query.sourcePrefix}, a join's source prefix);
 *   <li>its schema's {@code @Schema(prefix)};
 *   <li>the query's prefix ({@code Query.prefix}); a subquery, CTE or combined query without one
 *       takes its enclosing query's;
 *   <li>the default: {@link Repo#withPrefix(String)}'s, else this Context's;
 *   <li>the connection's {@code search_path}.
 * </ol>
 * Writes of records and changesets ({@code insert}, {@code update}, {@code delete}, their
 * associations) and {@code insertAll}, as Ecto's {@code :prefix} option on schema operations:
 * <ol>
 *   <li>the call's own prefix ({@code InsertAllOptions.withPrefix});
 *   <li>the default: {@link Repo#withPrefix(String)}'s, else this Context's;
 *   <li>the schema's {@code @Schema(prefix)};
 *   <li>the connection's {@code search_path}.
 * </ol>
 * So, as in Ecto, a default prefix sends a write of a schema that names its own prefix (a table
 * shared by all tenants) into the tenant's prefix: write shared tables through a Repo whose
 * {@code withPrefix} names their prefix. The Repo's default wins over the Context's because it is
 * nearer the call: the Context's is set once at the edge of a pipeline, the Repo's where the code
 * chose it. Raw SQL ({@code repo.query}) and {@code toSql(Command)} are never rewritten; migrations
 * take the Repo's default (see {@code Migrator.of}).
 *
 * <pre>{@code
 * Mono<List<Order>> orders = repo.all(Query.from(Order.class).where("state", "open")).collectList()
 *     .contextWrite(Tenancy.prefix("tenant_42"));    // SELECT ... FROM "tenant_42"."orders" ...
 * }</pre>
 *
 * <p>Cost: an operation of any Repo reads the Context once (a lookup among its few entries, lost
 * in the noise of a subscription) and, when a default applies, copies its planned statement's
 * shape with the prefix (one more hash of the query's shape, about half the cost of planning it);
 * statement texts are cached per prefix.
 */
public final class Tenancy {
  private static final Object KEY = Tenancy.class.getName() + ".prefix";

  private Tenancy() {}

  /**
   * Sets the default prefix of everything the pipeline below it does, for {@code contextWrite}.
   *
   * <pre>{@code
   * repo.transact(multi).contextWrite(Tenancy.prefix("tenant_42"))
   * }</pre>
   *
   * @param schemaName the tenant's PostgreSQL schema
   * @return the Context change
   * @throws ArgumentException when the name is null or blank
   */
  public static Function<Context, Context> prefix(String schemaName) {
    String checked = checked(schemaName, "Tenancy.prefix");
    return ctx -> ctx.put(KEY, checked);
  }

  /**
   * Removes the Context's default prefix below it, for a part of a tenant's pipeline that works on
   * shared tables in the search path.
   *
   * <pre>{@code repo.all(Query.from(Plan.class)).contextWrite(Tenancy.noPrefix()) }</pre>
   *
   * @return the Context change
   */
  public static Function<Context, Context> noPrefix() {
    return ctx -> ctx.delete(KEY);
  }

  /**
   * The Context's default prefix, if one is set.
   *
   * <pre>{@code Mono.deferContextual(ctx -> Mono.justOrEmpty(Tenancy.currentPrefix(ctx))) }</pre>
   *
   * @param ctx the Context
   * @return the prefix, or empty
   */
  public static Optional<String> currentPrefix(ContextView ctx) {
    return Optional.ofNullable(prefixIn(ctx));
  }

  static String prefixIn(ContextView ctx) {
    return ctx.getOrDefault(KEY, null);
  }

  static String checked(String schemaName, String where) {
    if (schemaName == null || schemaName.isBlank()) {
      throw new ArgumentException(where + " needs the name of a PostgreSQL schema (a tenant's prefix), got "
          + (schemaName == null ? "null" : "a blank string") + "; hint: create it with Migrations.createPrefix(name)");
    }
    return schemaName;
  }
}
