package dev.flecto.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.SchemaException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Embedded schemas read from records, and the JSON their fields are written as and read from, without a database. */
class EmbedsTest {
  enum Kind { A, B }

  @Embedded
  record Part(@Id UUID id, String partName, BigDecimal price, Instant at, Kind kind, byte[] raw, @Virtual String scratch) {}

  @Embedded
  record Node(String name, List<Node> children) {}

  @Schema("holders")
  record Holder(@Id Long id, @EmbedsOne Part part, List<Part> parts, Node tree) {}

  @Embedded
  record WithAssoc(@HasMany(foreignKey = "partId") Assoc<List<Holder>> holders) {}

  @Embedded
  record WithOwner(@Id UUID id, Long holderId, @BelongsTo Assoc<Holder> holder, @Timestamp Instant insertedAt,
      @Timestamp Instant updatedAt) {}

  @Embedded
  record Settings(Boolean dark, @Default("10") Integer pageSize, @EmbedsOne(defaultsToStruct = true) Part part) {}

  @Schema("accounts")
  record Account(@Id Long id, @EmbedsOne(defaultsToStruct = true) Settings settings,
      @EmbedsMany(loadInQuery = false) List<Part> parts, @Column(loadInQuery = false) String body) {}

  @Embedded
  record Loop(@EmbedsOne(defaultsToStruct = true) Loop next) {}

  @Embedded
  record Ping(@EmbedsOne(defaultsToStruct = true) Pong pong) {}

  @Embedded
  record Pong(@EmbedsOne(defaultsToStruct = true) Ping ping) {}

  @Embedded
  record LazyInside(@Column(loadInQuery = false) String note) {}

  @Schema("lazy_keys")
  record LazyKey(@Id @Column(loadInQuery = false) Long id) {}

  @Embedded
  record WithDbId(@Id Long id) {}

  @Embedded
  record WithStamp(@ReadOnly Instant insertedAt) {}

  @Embedded
  @Schema("both")
  record Both(String a) {}

  @Schema("bad_one")
  record BadOne(@Id Long id, @EmbedsOne List<Part> parts) {}

  @Schema("bad_many")
  record BadMany(@Id Long id, @EmbedsMany Part part) {}

  @Schema("bad_type")
  record BadType(@Id Long id, @EmbedsOne String text) {}

  @Schema("bad_replace")
  record BadReplace(@Id Long id, @EmbedsMany(onReplace = OnReplace.UPDATE) List<Part> parts) {}

  @Test
  void embedFieldsAreJsonbFieldsThatKnowWhatTheyEmbed() {
    SchemaMeta<Holder> meta = Schemas.of(Holder.class);
    SchemaField part = meta.field("part");
    assertThat(part.type()).isEqualTo(FieldType.MAP);
    assertThat(part.embed().type()).isEqualTo(Part.class);
    assertThat(part.embed().many()).isFalse();
    assertThat(meta.field("parts").embed().many()).isTrue();
    assertThat(meta.field("parts").typeName()).isEqualTo("List<Part>");
    assertThat(meta.field("parts").readType()).isEqualTo(String.class);
    assertThat(meta.blank().parts()).isEmpty();
    SchemaMeta<Part> parts = Schemas.of(Part.class);
    assertThat(parts.embedded()).isTrue();
    assertThat(parts.describe()).isEqualTo("Part (embedded)");
    assertThat(parts.field("partName").column()).isEqualTo("part_name");
    assertThat(parts.primaryKey().get(0).idGeneration()).isEqualTo(IdGeneration.CLIENT_UUID);
    assertThatThrownBy(parts::table).isInstanceOf(SchemaException.class).hasMessageContaining("Part is an @Embedded schema");
  }

  @Test
  void valuesAreWrittenAsEctoDumpsEmbedsAndReadBackWithTheFieldsCasting() {
    SchemaField field = Schemas.of(Holder.class).field("part");
    Part p = new Part(null, "bolt", new BigDecimal("1.50"), Instant.parse("2024-01-01T00:00:00.1234567Z"), Kind.B,
        new byte[] {1, 2}, "not stored");
    JsonText json = (JsonText) field.dump(p);
    Map<String, Object> stored = JsonText.parse(json.text());
    assertThat(stored).containsEntry("part_name", "bolt").containsEntry("price", "1.50")
        .containsEntry("at", "2024-01-01T00:00:00.123456Z").containsEntry("kind", "B").containsEntry("raw", "AQI=")
        .doesNotContainKey("scratch");
    assertThat(UUID.fromString((String) stored.get("id"))).isNotNull(); // generated when written
    Part back = (Part) field.load(json.text());
    assertThat(back.price()).isEqualTo(new BigDecimal("1.50"));
    assertThat(back.at()).isEqualTo(Instant.parse("2024-01-01T00:00:00.123456Z"));
    assertThat(back.raw()).containsExactly(1, 2);
    assertThat(back.scratch()).isNull();
    assertThat(field.cast(Map.of("partName", "nut"))).isEqualTo(new Part(null, "nut", null, null, null, null, null));
    assertThatThrownBy(() -> field.cast("nut")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> field.cast(Map.of("part_name", "nut"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'part_name' is not a stored field of embedded Part");
    assertThat(Embed.json(Schemas.of(Part.class).field("kind"), "A")).isEqualTo("A");
    assertThatThrownBy(() -> Embed.json(Schemas.of(Part.class).field("kind"), "C")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recursiveEmbedsResolveWhenUsed() {
    SchemaField tree = Schemas.of(Holder.class).field("tree");
    Node node = new Node("root", List.of(new Node("leaf", List.of())));
    assertThat(tree.load(((JsonText) tree.dump(node)).text())).isEqualTo(node);
    assertThat(tree.load("{\"name\": \"x\"}")).isEqualTo(new Node("x", List.of()));
    assertThat(Schemas.of(Holder.class).field("parts").load(null)).isEqualTo(List.of());
  }

  @Test
  void badEmbeddedSchemasAreRefusedNamingTheComponent() {
    assertThatThrownBy(() -> Schemas.of(WithAssoc.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("embedded schema").hasMessageContaining("'holders'").hasMessageContaining("@BelongsTo associations only");
    assertThatThrownBy(() -> Schemas.of(WithDbId.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("'id'").hasMessageContaining("no database can generate");
    assertThatThrownBy(() -> Schemas.of(WithStamp.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("'insertedAt'").hasMessageContaining("@ReadOnly");
    assertThatThrownBy(() -> Schemas.of(Loop.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("'next'").hasMessageContaining("defaultsToStruct makes a cycle");
    assertThatThrownBy(() -> Schemas.of(Ping.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("'pong'").hasMessageContaining("[Ping, Pong] -> Ping");
    assertThatThrownBy(() -> Schemas.of(LazyInside.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("embedded schema").hasMessageContaining("'note'").hasMessageContaining("loadInQuery = false");
    assertThatThrownBy(() -> Schemas.of(LazyKey.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("'id'").hasMessageContaining("an @Id is always loaded");
    assertThatThrownBy(() -> Schemas.of(Both.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("both @Schema and @Embedded");
    assertThatThrownBy(() -> Schemas.of(BadOne.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("'parts'").hasMessageContaining("is @EmbedsMany, not @EmbedsOne");
    assertThatThrownBy(() -> Schemas.of(BadMany.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("'part'").hasMessageContaining("is @EmbedsOne, not @EmbedsMany");
    assertThatThrownBy(() -> Schemas.of(BadType.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("'text'").hasMessageContaining("@Embedded record");
    assertThatThrownBy(() -> Schemas.of(BadReplace.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("onReplace UPDATE does not apply to @EmbedsMany");
  }

  @Test
  void anEmbeddedSchemaMayBelongToASchemaAndHoldTimestamps() {
    SchemaMeta<WithOwner> meta = Schemas.of(WithOwner.class);
    assertThat(meta.associations()).extracting(Association::name).containsExactly("holder");
    assertThat(meta.association("holder").foreignKey()).isEqualTo("holderId");
    assertThat(meta.persistedFields()).extracting(SchemaField::name).containsExactly("id", "holderId", "insertedAt", "updatedAt");
    assertThat(meta.field("updatedAt").timestamp()).isEqualTo(Timestamp.Kind.UPDATED);
    WithOwner back = (WithOwner) EmbedCodec.of(WithOwner.class).fromJson(Map.of("holder_id", 7));
    assertThat(back.holderId()).isEqualTo(7L);
    assertThat(back.holder().isLoaded()).as("an association of a loaded embedded record is not loaded").isFalse();
  }

  @Test
  void defaultsToStructAndLoadInQueryShapeTheBlankAndTheLoadedFields() {
    SchemaMeta<Account> meta = Schemas.of(Account.class);
    Settings defaults = new Settings(null, 10, new Part(null, null, null, null, null, null, null));
    assertThat(meta.blank().settings()).isEqualTo(defaults);
    assertThat(meta.field("settings").embed().defaultsToStruct()).isTrue();
    assertThat(meta.field("settings").defaultValue()).isEqualTo(defaults);
    assertThat(meta.loadedFields()).extracting(SchemaField::name).containsExactly("id", "settings");
    assertThat(meta.persistedFields()).extracting(SchemaField::name).containsExactly("id", "settings", "parts", "body");
    assertThat(meta.field("body").loadedByQueries()).isFalse();
    assertThat(meta.field("body").column()).isEqualTo("body");
    Account read = meta.fromLoaded(new Object[] {1L, null}, null);
    assertThat(read.settings()).as("a NULL column stays null, as in Ecto").isNull();
    assertThat(read.parts()).isEmpty();
    assertThat(read.body()).isNull();
    Object[] partial = meta.rowComponents();
    assertThat(partial[meta.field("settings").index()]).as("not read: the default record").isEqualTo(defaults);
    SchemaField settings = meta.field("settings");
    assertThat(settings.load("{}")).as("a key missing from the JSON takes the field's default, as Ecto's embedded_load")
        .isEqualTo(new Settings(null, 10, defaults.part()));
    assertThat(settings.load("{\"part\": null}")).as("an explicit null stays null").isEqualTo(new Settings(null, 10, null));
  }
}
