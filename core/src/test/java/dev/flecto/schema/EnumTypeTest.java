package dev.flecto.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.SchemaException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ecto.Enum's options, cast rules and reflection helpers, and the declarations it refuses (EnumTypeIT runs them on PostgreSQL). */
class EnumTypeTest {
  enum Status { DRAFT, PUBLISHED, ARCHIVED }

  enum Empty {}

  @Schema("posts")
  record Post(@Id Long id,
      @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=2", "ARCHIVED=9"}) Status status,
      @Column(type = EnumType.class, params = {"DRAFT=draft", "PUBLISHED=live", "ARCHIVED=\"9\"", "embed_as=dumped"}) Status stage,
      @Column(type = EnumType.class) Status byName,
      Status plain,
      List<Status> many,
      String title) {}

  @Schema("posts")
  record NotAnEnum(@Id Long id, @Column(type = EnumType.class) String title) {}

  @Schema("posts")
  record NoSuchConstant(@Id Long id, @Column(type = EnumType.class, params = {"DRAFT=1", "LOST=2"}) Status status) {}

  @Schema("posts")
  record Duplicate(@Id Long id, @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=1", "ARCHIVED=3"}) Status status) {}

  @Schema("posts")
  record Mixed(@Id Long id, @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=two", "ARCHIVED=3"}) Status status) {}

  @Schema("posts")
  record Partial(@Id Long id, @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=2"}) Status status) {}

  @Schema("posts")
  record BadEmbedAs(@Id Long id, @Column(type = EnumType.class, params = "embed_as=self") Status status) {}

  @Schema("posts")
  record OnAList(@Id Long id, @Column(type = EnumType.class) List<Status> statuses) {}

  private static EnumType<Status> ints() {
    Map<String, String> params = new java.util.LinkedHashMap<>(); // in declaration order, as @Column params are given
    params.put("DRAFT", "1");
    params.put("PUBLISHED", "2");
    params.put("ARCHIVED", "9");
    return new EnumType<>(Status.class, params);
  }

  @Test
  void integersAreStoredAsIntegersAndCastFromTheConstantItsNameOrItsStoredValue() {
    EnumType<Status> t = ints();
    assertThat(t.storedAs()).isEqualTo(Integer.class);
    assertThat(t.dump(Status.ARCHIVED)).isEqualTo(9);
    assertThat(t.load(2)).isEqualTo(Status.PUBLISHED);
    assertThat(t.load(2L)).as("a bigint column's value").isEqualTo(Status.PUBLISHED);
    assertThat(t.cast(Status.DRAFT)).isEqualTo(Status.DRAFT);
    assertThat(t.cast("DRAFT")).isEqualTo(Status.DRAFT);
    assertThat(t.cast(9)).isEqualTo(Status.ARCHIVED);
    assertThat(t.cast(9L)).isEqualTo(Status.ARCHIVED);
    assertThat(t.cast(BigInteger.TWO)).isEqualTo(Status.PUBLISHED);
    assertThat(t.cast(new BigDecimal("2"))).isEqualTo(Status.PUBLISHED);
    for (Object bad : new Object[] {"draft", "1", 3, 9.0d, 4_294_967_305L, new BigDecimal("2.5"), true, new Object()}) {
      assertThatThrownBy(() -> t.cast(bad)).as("%s", bad).isInstanceOf(IllegalArgumentException.class).hasMessage("is invalid");
    }
    assertThatThrownBy(() -> t.load(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("3 is not a stored value of EnumType(Status), which stores 1, 2, 9");
    assertThat(t.name()).isEqualTo("EnumType(Status)");
    assertThat(t.embedAs()).isEqualTo(CustomType.EmbedAs.SELF);
  }

  @Test
  void stringsAreStoredAsMappedAndAQuotedValueStaysAString() {
    EnumType<Status> t = new EnumType<>(Status.class, Map.of("DRAFT", "draft", "PUBLISHED", "live", "ARCHIVED", "\"9\"",
        "embed_as", "dumped"));
    assertThat(t.storedAs()).isEqualTo(String.class);
    assertThat(t.dump(Status.ARCHIVED)).isEqualTo("9");
    assertThat(t.load("live")).isEqualTo(Status.PUBLISHED);
    assertThat(t.cast("live")).isEqualTo(Status.PUBLISHED);
    assertThat(t.cast("PUBLISHED")).isEqualTo(Status.PUBLISHED);
    assertThat(t.cast("9")).isEqualTo(Status.ARCHIVED);
    assertThatThrownBy(() -> t.cast(9)).hasMessage("is invalid");
    assertThatThrownBy(() -> t.cast("Live")).hasMessage("is invalid");
    assertThat(t.embedAs()).isEqualTo(CustomType.EmbedAs.DUMP);

    EnumType<Status> byName = new EnumType<>(Status.class, Map.of());
    assertThat(byName.dump(Status.DRAFT)).isEqualTo("DRAFT");
    assertThat(byName.cast("ARCHIVED")).isEqualTo(Status.ARCHIVED);
  }

  @Test
  void reflectionHelpersGiveValuesDumpValuesAndMappingsInDeclarationOrder() {
    List<Status> values = EnumType.values(Post.class, "status");
    assertThat(values).containsExactly(Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED);
    assertThat(EnumType.dumpValues(Post.class, "status")).containsExactly(1, 2, 9);
    assertThat(EnumType.dumpValues(Post.class, "stage")).containsExactly("draft", "live", "9");
    Map<Status, Object> mappings = EnumType.mappings(Post.class, "status");
    assertThat(mappings).containsExactly(Map.entry(Status.DRAFT, 1), Map.entry(Status.PUBLISHED, 2), Map.entry(Status.ARCHIVED, 9));
    assertThat(EnumType.dumpValues(Post.class, "byName")).containsExactly("DRAFT", "PUBLISHED", "ARCHIVED");
    assertThat(EnumType.dumpValues(Post.class, "plain")).as("a plain enum field: by name").containsExactly("DRAFT", "PUBLISHED", "ARCHIVED");
    List<Status> elements = EnumType.values(Post.class, "many");
    assertThat(elements).as("a List of enums: its elements'").containsExactly(Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED);
    assertThatThrownBy(() -> mappings.put(Status.DRAFT, 3)).isInstanceOf(UnsupportedOperationException.class);

    assertThatThrownBy(() -> EnumType.values(Post.class, "title")).isInstanceOf(ArgumentException.class)
        .hasMessage("field 'title' of schema Post (table posts) is not an enum field (it is String): Ecto.Enum's values, dump "
            + "values and mappings are an enum field's");
    assertThatThrownBy(() -> EnumType.mappings(Post.class, "nope")).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("field 'nope' does not exist in schema Post (table posts)");
  }

  @Test
  void badDeclarationsAreRefusedNamingTheSchemaAndTheField() {
    refused(NotAnEnum.class, "'title'", "EnumType is for Java enum fields, not java.lang.String");
    refused(NoSuchConstant.class, "'status'", "\"LOST\" is no constant of Status (its constants are DRAFT, PUBLISHED, ARCHIVED");
    refused(Duplicate.class, "'status'", "DRAFT and PUBLISHED are both stored as 1");
    refused(Mixed.class, "'status'", "the values mix integers and strings");
    refused(Partial.class, "'status'", "[ARCHIVED] has no value");
    refused(BadEmbedAs.class, "'status'", "embed_as is values or dumped, got \"self\"");
    refused(OnAList.class, "'statuses'", "{:array, Ecto.Enum}) is not supported");
    assertThatThrownBy(() -> new EnumType<>(Empty.class, Map.of())).hasMessageContaining("has no constants");
  }

  private static void refused(Class<?> schema, String field, String reason) {
    assertThatThrownBy(() -> Schemas.of(schema)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("schema " + schema.getName()).hasMessageContaining(field).hasMessageContaining(reason);
  }

  @Test
  void theFieldUsesTheTypeOnEveryPath() {
    SchemaField status = Schemas.of(Post.class).field("status");
    assertThat(status.type()).isEqualTo(FieldType.INTEGER);
    assertThat(status.dump(status.cast("ARCHIVED"))).isEqualTo(9);
    assertThat(status.typeName()).isEqualTo("EnumType(Status)");
    assertThatThrownBy(() -> status.loader("schema Post (table posts)").apply(5)).isInstanceOf(dev.flecto.LoadException.class)
        .hasMessageContaining("cannot load 5 as EnumType(Status) for field 'status' of schema Post (table posts)")
        .hasMessageContaining("hint: map a constant of Status to it");
    assertThat(Schemas.of(Post.class).field("stage").type()).isEqualTo(FieldType.STRING);
  }
}
