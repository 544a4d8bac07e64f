package dev.flecto.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.SchemaException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SchemaMetaTest {
  @Schema("people")
  public record Person(@Id Long id, String firstName, @Column("surname") String lastName, @Default("18") int age,
      @Virtual String password, @ReadOnly String slug, @Timestamp Instant insertedAt, @Timestamp Instant updatedAt) {
    Person withPassword(String pw) {
      return new Person(id, firstName, lastName, age, pw, slug, insertedAt, updatedAt);
    }
  }

  @Schema(value = "tokens", prefix = "auth", naming = NamingStrategy.AS_IS)
  public record Token(@Id UUID tokenId, String ownerName) {}

  @Schema("memberships")
  public record Membership(@Id Long userId, @Id Long groupId) {}

  @Schema("hidden")
  private record Hidden(@Id Long id, int rank, boolean on, String name) {
    @Override
    public String name() {
      if ("boom".equals(name)) {
        throw new IllegalStateException("accessor refuses");
      }
      return name;
    }
  }

  @Test
  void componentsAreReadThroughTheirAccessorsWhateverTheRecordsVisibility() {
    SchemaMeta<Hidden> meta = Schemas.of(Hidden.class);
    Hidden h = new Hidden(7L, 3, true, "Ann");
    assertThat(meta.get(h, meta.field("id"))).isEqualTo(7L);
    assertThat(meta.get(h, meta.field("rank"))).as("a primitive, boxed").isEqualTo(3);
    assertThat(meta.get(h, meta.field("on"))).isEqualTo(true);
    assertThat(meta.get(h, meta.field("name"))).as("the record's own accessor, not its field").isEqualTo("Ann");
    assertThat(meta.values(h)).containsExactly(7L, 3, true, "Ann");
    assertThatThrownBy(() -> meta.get(new Hidden(1L, 0, false, "boom"), meta.field("name")))
        .isInstanceOf(IllegalStateException.class).hasMessage("accessor refuses");
    assertThat(meta.componentsIfNull()).as("what newInstance gives a null component").containsExactly(null, 0, false, null);
    assertThat(meta.newInstance(new Object[] {7L, null, null, "Ann"})).isEqualTo(new Hidden(7L, 0, false, "Ann"));
    assertThat(SchemaReader.accessors(Hidden.class)[0]).as("made once per record class, even if a read is tried again")
        .isSameAs(SchemaReader.accessors(Hidden.class)[0]);
    SchemaMeta<Person> people = Schemas.of(Person.class);
    Person p = new Person(1L, "Ann", "Lee", 28, "pw", "ann", null, null);
    assertThat(people.get(p, people.field("age"))).isEqualTo(28);
    assertThat(people.get(p, people.field("lastName"))).isEqualTo("Lee");
  }

  @Test
  void readsTableColumnsKeysAndFlags() {
    SchemaMeta<Person> meta = Schemas.of(Person.class);
    assertThat(meta.table()).isEqualTo("people");
    assertThat(meta.prefix()).isNull();
    assertThat(meta.fields()).extracting(SchemaField::column)
        .containsExactly("id", "first_name", "surname", "age", "password", "slug", "inserted_at", "updated_at");
    assertThat(meta.persistedFields()).extracting(SchemaField::name).doesNotContain("password");
    assertThat(meta.primaryKey()).extracting(SchemaField::name).containsExactly("id");
    assertThat(meta.field("id").idGeneration()).isEqualTo(IdGeneration.DATABASE);
    assertThat(meta.field("id").insertable()).isFalse();
    assertThat(meta.field("slug").insertable()).isFalse();
    assertThat(meta.field("slug").updatable()).isFalse();
    assertThat(meta.field("insertedAt").timestamp()).isEqualTo(Timestamp.Kind.INSERTED);
    assertThat(meta.field("updatedAt").timestamp()).isEqualTo(Timestamp.Kind.UPDATED);
    assertThat(meta.field("age").defaultValue()).isEqualTo(18);
    assertThat(meta.describe()).isEqualTo("Person (table people)");
    assertThat(Schemas.of(Person.class)).as("built once and cached").isSameAs(meta);
  }

  @Test
  void honoursPrefixNamingAndKeyGeneration() {
    SchemaMeta<Token> meta = Schemas.of(Token.class);
    assertThat(meta.describe()).isEqualTo("Token (table auth.tokens)");
    assertThat(meta.field("ownerName").column()).isEqualTo("ownerName");
    assertThat(meta.field("tokenId").idGeneration()).isEqualTo(IdGeneration.CLIENT_UUID);
    SchemaMeta<Membership> m = Schemas.of(Membership.class);
    assertThat(m.primaryKey()).hasSize(2).allMatch(f -> f.idGeneration() == IdGeneration.NONE);
  }

  @Test
  void constructsCopiesAndReadsRecords() {
    SchemaMeta<Person> meta = Schemas.of(Person.class);
    Person blank = meta.blank();
    assertThat(blank.age()).isEqualTo(18);
    assertThat(blank.firstName()).isNull();
    Person p = meta.with(blank, Map.of("firstName", "Ann"));
    assertThat(p.firstName()).isEqualTo("Ann");
    assertThat(blank.firstName()).as("records are never mutated").isNull();
    assertThat(meta.get(p, meta.field("age"))).isEqualTo(18);
    Object[] persisted = {1L, "Bo", "Lee", 3, "bo", null, null};
    Person loaded = meta.fromPersisted(persisted, p.withPassword("pw"));
    assertThat(loaded.password()).isEqualTo("pw");
    assertThat(loaded.lastName()).isEqualTo("Lee");
    assertThat(meta.fromPersisted(new Object[] {1L, "Bo", "Lee", null, null, null, null}, null).age())
        .as("null for a primitive becomes zero").isZero();
    assertThatThrownBy(() -> meta.field("nope")).hasMessageContaining("field 'nope' does not exist in schema Person (table people)")
        .hasMessageContaining("firstName");
  }

  @Test
  void snakeCase() {
    assertThat(NamingStrategy.SNAKE_CASE.columnName("addressLine2")).isEqualTo("address_line2");
    assertThat(NamingStrategy.SNAKE_CASE.columnName("id")).isEqualTo("id");
    assertThat(NamingStrategy.SNAKE_CASE.columnName("userID")).isEqualTo("user_id");
    assertThat(NamingStrategy.SNAKE_CASE.columnName("httpURLPath")).isEqualTo("http_url_path");
    assertThat(NamingStrategy.SNAKE_CASE.columnName("insertedAt")).isEqualTo("inserted_at");
    assertThat(NamingStrategy.AS_IS.columnName("insertedAt")).isEqualTo("insertedAt");
  }

  public record NotAnnotated(Long id) {}

  public static final class NotARecord {}

  @Schema("x")
  public record Unsupported(@Id Long id, java.util.Set<String> tags) {}

  @Schema("x")
  public record SameColumn(@Id Long id, String a, @Column("a") String b) {}

  @Schema("x")
  public record PrimitiveDbId(@Id long id) {}

  @Schema("x")
  public record StringDbId(@Id(generated = IdGeneration.DATABASE) String id) {}

  @Schema("x")
  public record LongUuid(@Id(generated = IdGeneration.CLIENT_UUID) Long id) {}

  @Schema("x")
  public record BadDefault(@Id Long id, @Default("abc") Integer n) {}

  @Schema("x")
  public record BadTimestamp(@Id Long id, @Timestamp LocalDate day) {}

  @Schema("x")
  public record UnnamedTimestamp(@Id Long id, @Timestamp Instant createdAt) {}

  @Schema("x")
  public record VirtualId(@Id @Virtual Long id) {}

  @Schema(" ")
  public record BlankTable(@Id Long id) {}

  @Schema("x")
  public record IntegerKeys(@Id Long id, Map<Integer, Object> data) {}

  @Schema("x")
  public record WildcardKeys(@Id Long id, Map<?, ?> data) {}

  @Schema("x")
  @SuppressWarnings("rawtypes")
  public record RawMap(@Id Long id, Map data) {}

  @Schema("x")
  public record StringKeys(@Id Long id, Map<String, Object> data, Map<String, Integer> counts) {}

  public enum Status { OPEN, CLOSED }

  @Schema("tickets")
  public record Ticket(@Id Long id, Status status, List<Status> labels) {}

  @Test
  void badSchemasFailAtFirstUseNamingRecordAndComponent() {
    expect(NotAnnotated.class, "SchemaMetaTest$NotAnnotated is not a schema: annotate it with @Schema(\"table\")");
    expect(NotARecord.class, "is not a schema: schemas are records");
    expect(Unsupported.class, "component 'tags': type java.util.Set<java.lang.String> is not supported");
    expect(SameColumn.class, "components 'a' and 'b' both map to column 'a'");
    expect(PrimitiveDbId.class, "component 'id': a database-generated @Id must be boxed (Long, not long)");
    expect(StringDbId.class, "a database-generated @Id must be Long, Integer or Short, not String");
    expect(LongUuid.class, "a client-generated @Id must be a UUID, not Long");
    expect(BadDefault.class, "component 'n': @Default(\"abc\") cannot be cast to Integer");
    expect(BadTimestamp.class, "component 'day': a @Timestamp must be Instant, OffsetDateTime or LocalDateTime");
    expect(UnnamedTimestamp.class, "component 'createdAt': cannot tell which timestamp this is");
    expect(VirtualId.class, "a @Virtual component has no column");
    expect(BlankTable.class, "@Schema needs a table name");
    expect(IntegerKeys.class, "component 'data': type java.util.Map<java.lang.Integer, java.lang.Object> is not supported");
    expect(IntegerKeys.class, "keys of another type would come back as strings: declare it Map<String, Object>");
    expect(WildcardKeys.class, "component 'data': type java.util.Map<?, ?> is not supported");
    expect(RawMap.class, "component 'data': type java.util.Map is not supported");
    assertThat(Schemas.of(StringKeys.class).field("counts").type()).isEqualTo(FieldType.MAP);
  }

  @Test
  void aValueTheFieldCannotLoadNamesTheValueFieldAndSchema() {
    SchemaMeta<Ticket> meta = Schemas.of(Ticket.class);
    java.util.function.UnaryOperator<Object> status = meta.field("status").loader("schema " + meta.describe());
    assertThat(status.apply("OPEN")).isEqualTo(Status.OPEN);
    assertThat(status.apply(null)).isNull();
    assertThatThrownBy(() -> status.apply("ARCHIVED")).isInstanceOf(dev.flecto.LoadException.class)
        .hasMessage("cannot load \"ARCHIVED\" as Status (one of OPEN, CLOSED) for field 'status' of schema Ticket (table tickets);"
            + " hint: add the constant to Status, or change the rows holding it")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    java.util.function.UnaryOperator<Object> labels = meta.field("labels").loader("schema " + meta.describe());
    assertThat(labels.apply(new String[] {"CLOSED", "OPEN"})).isEqualTo(List.of(Status.CLOSED, Status.OPEN));
    assertThatThrownBy(() -> labels.apply(new String[] {"OPEN", "STALE"})).isInstanceOf(dev.flecto.LoadException.class)
        .hasMessageStartingWith("cannot load \"STALE\" (in [\"OPEN\", \"STALE\"]) as Status (one of OPEN, CLOSED) for field "
            + "'labels' of schema Ticket (table tickets)");
  }

  private static void expect(Class<?> type, String message) {
    assertThatThrownBy(() -> Schemas.of(type)).isInstanceOf(SchemaException.class)
        .hasMessageContaining(type.getName().contains("$") ? type.getName() : "").hasMessageContaining(message);
  }
}
