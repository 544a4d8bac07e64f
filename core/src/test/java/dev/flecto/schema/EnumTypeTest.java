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

/**
 * Ecto.Enum's options, cast rules and reflection helpers, {@code {:array, Ecto.Enum}} lists, and the
 * declarations it refuses (EnumTypeIT runs them on PostgreSQL).
 */
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
  record OnAStringList(@Id Long id, @Column(type = EnumType.class) List<String> statuses) {}

  @Schema("posts")
  @SuppressWarnings("rawtypes")
  record OnARawList(@Id Long id, @Column(type = EnumType.class) List statuses) {}

  @Schema("posts")
  record PartialList(@Id Long id, @Column(type = EnumType.class, params = {"DRAFT=1"}) List<Status> statuses) {}

  @Schema("posts")
  record ListKey(@Id @Column(type = EnumType.class) List<Status> id) {}

  /** Ecto's {:array, Ecto.Enum}: by integers, by mapped strings (embedded dumped), by names. */
  @Embedded
  record Lists(
      @Column(type = EnumType.class, params = {"DRAFT=1", "PUBLISHED=2", "ARCHIVED=9"}) List<Status> ints,
      @Column(type = EnumType.class, params = {"DRAFT=draft", "PUBLISHED=live", "ARCHIVED=gone", "embed_as=dumped"})
      List<Status> texts,
      @Column(type = EnumType.class) List<Status> names) {}

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
    refused(OnAStringList.class, "'statuses'", "EnumType is for Java enum fields, not java.lang.String");
    refused(OnARawList.class, "'statuses'", "EnumType on a List (Ecto's {:array, Ecto.Enum}) needs the enum as its element type");
    refused(PartialList.class, "'statuses'", "[PUBLISHED, ARCHIVED] have no value");
    refused(ListKey.class, "'id'", "a List of EnumType(Status) cannot be an @Id");
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

  @Test
  @SuppressWarnings("unchecked")
  void aListFieldIsAnArrayOfTheStoredValuesCastDumpedAndLoadedElementByElement() {
    SchemaField ints = Schemas.of(Lists.class).field("ints");
    assertThat(ints.type()).isEqualTo(FieldType.LIST);
    assertThat(ints.elementType()).isEqualTo(Status.class);
    assertThat(ints.typeName()).isEqualTo("List<EnumType(Status)>");
    assertThat(ints.readType()).as("read as an integer[]").isEqualTo(Integer[].class);
    assertThat(ints.elementBindClass()).isEqualTo(Integer.class);
    assertThat((List<Object>) ints.cast(List.of(Status.DRAFT, "ARCHIVED", 2, 9L))).as("the constant, its name or its stored value")
        .containsExactly(Status.DRAFT, Status.ARCHIVED, Status.PUBLISHED, Status.ARCHIVED);
    assertThat((List<Object>) ints.cast(new Object[] {"DRAFT"})).containsExactly(Status.DRAFT);
    assertThat((List<Object>) ints.cast(java.util.Arrays.asList(Status.DRAFT, null))).containsExactly(Status.DRAFT, null);
    for (Object bad : new Object[] {List.of("DRAFT", "draft"), List.of(1, 3), List.of("1"), "DRAFT", Status.DRAFT}) {
      assertThatThrownBy(() -> ints.cast(bad)).as("%s", bad).isInstanceOf(IllegalArgumentException.class).hasMessage("is invalid");
    }
    assertThat((Object[]) ints.dump(List.of(Status.ARCHIVED, Status.DRAFT))).isEqualTo(new Integer[] {9, 1});
    assertThat(ints.load(new Integer[] {2, null, 9})).isEqualTo(java.util.Arrays.asList(Status.PUBLISHED, null, Status.ARCHIVED));
    assertThat(ints.castElement(9)).isEqualTo(Status.ARCHIVED);
    assertThat(ints.dumpElement(ints.castElement("PUBLISHED"))).isEqualTo(2);
    assertThatThrownBy(() -> ints.castElement("draft")).hasMessage("is invalid");
    assertThatThrownBy(() -> ints.loader("schema Post (table posts)").apply(new Integer[] {1, 5}))
        .isInstanceOf(dev.flecto.LoadException.class)
        .hasMessageContaining("cannot load 5 (in [1, 5]) as EnumType(Status) for field 'ints' of schema Post (table posts)")
        .hasMessageContaining("5 is not a stored value of EnumType(Status), which stores 1, 2, 9")
        .hasMessageContaining("hint: map a constant of Status to it");

    SchemaField texts = Schemas.of(Lists.class).field("texts");
    assertThat(texts.readType()).isEqualTo(String[].class);
    assertThat((Object[]) texts.dump(texts.cast(List.of("live", "ARCHIVED")))).isEqualTo(new String[] {"live", "gone"});
    assertThat((List<Object>) texts.load(new String[] {"draft"})).containsExactly(Status.DRAFT);
    SchemaField names = Schemas.of(Lists.class).field("names");
    assertThat((Object[]) names.dump(List.of(Status.DRAFT))).isEqualTo(new String[] {"DRAFT"});
    assertThatThrownBy(() -> names.loader("schema Post (table posts)").apply(new String[] {"draft"}))
        .isInstanceOf(dev.flecto.LoadException.class).hasMessageContaining("cannot load \"draft\"");
  }

  @Test
  void aListFieldsHelpersAreItsElementsAndItIsEmbeddedAsEmbedAsSays() {
    assertThat(EnumType.dumpValues(Lists.class, "ints")).containsExactly(1, 2, 9);
    List<Status> values = EnumType.values(Lists.class, "texts");
    assertThat(values).containsExactly(Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED);
    Map<Status, Object> mappings = EnumType.mappings(Lists.class, "texts");
    assertThat(mappings).containsExactly(Map.entry(Status.DRAFT, "draft"), Map.entry(Status.PUBLISHED, "live"),
        Map.entry(Status.ARCHIVED, "gone"));

    Lists lists = new Lists(List.of(Status.ARCHIVED, Status.DRAFT), List.of(Status.PUBLISHED), List.of(Status.DRAFT));
    EmbedCodec<?> codec = EmbedCodec.of(Lists.class);
    Map<String, Object> json = codec.toJson(lists);
    assertThat(json).as("embed_as values: names; dumped: the stored values")
        .containsEntry("ints", List.of("ARCHIVED", "DRAFT")).containsEntry("texts", List.of("live"))
        .containsEntry("names", List.of("DRAFT"));
    assertThat(codec.fromJson(json)).isEqualTo(lists);
    assertThat(codec.fromJson(Map.of("ints", List.of(9, "DRAFT"), "texts", List.of("gone")))).as("values takes stored values too")
        .isEqualTo(new Lists(List.of(Status.ARCHIVED, Status.DRAFT), List.of(Status.ARCHIVED), null));
    assertThatThrownBy(() -> codec.fromJson(Map.of("texts", List.of("PUBLISHED")))).as("dumped: a name is no stored value")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'texts' of embedded Lists");
  }
}
