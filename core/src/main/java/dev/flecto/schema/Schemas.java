package dev.flecto.schema;

import dev.flecto.ArgumentException;

/**
 * The entry point to schema metadata: built once per record class, validated, and cached.
 *
 * <pre>{@code
 * SchemaMeta<Person> people = Schemas.of(Person.class);
 * people.table()       // "people"
 * people.primaryKey()  // [id]
 * }</pre>
 */
public final class Schemas {
  private static final ClassValue<SchemaMeta<?>> CACHE = new ClassValue<>() {
    @Override
    protected SchemaMeta<?> computeValue(Class<?> type) {
      return SchemaReader.read(type);
    }
  };

  private Schemas() {}

  /**
   * The metadata of a schema record, built and validated on first use and then cached.
   *
   * <pre>{@code Schemas.of(Person.class).field("firstName").column() // "first_name" }</pre>
   *
   * @param type a record annotated {@link Schema}
   * @param <T> the record type
   * @return its metadata
   * @throws dev.flecto.SchemaException naming the record and component when it is not a valid schema
   */
  @SuppressWarnings("unchecked")
  public static <T> SchemaMeta<T> of(Class<T> type) {
    return (SchemaMeta<T>) CACHE.get(type);
  }

  /**
   * The metadata of a record instance's class.
   *
   * <pre>{@code Schemas.ofRecord(person).table() }</pre>
   *
   * @param record a schema record
   * @param <T> the record type
   * @return its metadata
   */
  @SuppressWarnings("unchecked")
  public static <T> SchemaMeta<T> ofRecord(T record) {
    if (record == null) {
      throw new ArgumentException("expected a schema record, got null");
    }
    return (SchemaMeta<T>) of(record.getClass());
  }

  /**
   * The join table of a many-to-many declared with {@code joinTable}, as a schema of two fields
   * named after its columns ({@code joinKey}, then {@code relatedKey}), typed as the keys they
   * hold; the Repo writes join rows with it. A join schema ({@code joinThrough}) is a schema of
   * its own: use {@link #of(Class)}.
   *
   * <pre>{@code Schemas.joinTable(Schemas.of(Post.class), posts.association("tags")).fields() // [post_id, tag_id] }</pre>
   *
   * @param owner the schema declaring the association
   * @param association its many-to-many association with a join table
   * @return the join table's metadata, one per association
   * @throws ArgumentException for another kind of association, or a join schema
   */
  public static SchemaMeta<?> joinTable(SchemaMeta<?> owner, Association association) {
    return JoinTables.of(owner, association);
  }
}
