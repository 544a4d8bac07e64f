package dev.flecto.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.MultiplePrimaryKeyException;
import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.ReadOnly;
import dev.flecto.schema.Schema;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import dev.flecto.schema.Timestamp;
import dev.flecto.schema.Virtual;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which columns inserts and updates write, and the record an update leaves (Ecto's rules). */
class WritePlanTest {
  @Schema("notes")
  public record Note(@Id Long id, String title, @Default("draft") String state, Integer lockVersion,
      @ReadOnly String slug, @Virtual String scratch, @Timestamp Instant insertedAt, @Timestamp Instant updatedAt) {}

  @Schema("tokens")
  public record Token(@Id UUID id, String owner) {}

  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05.123456Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final SchemaMeta<Note> meta = Schemas.of(Note.class);

  @Test
  void aRecordsNullFieldsAreLeftOutSoTheDatabaseDefaultsApply() {
    WritePlan plan = WritePlan.insert(meta, new Note(null, "Hi", null, null, null, "x", null, null), Map.of(), CLOCK);
    assertThat(names(plan)).as("no id (the database's), no lockVersion (its column default), no read-only or virtual")
        .containsExactly("title", "state", "insertedAt", "updatedAt");
    assertThat(plan.values).containsExactly("Hi", "draft", NOW, NOW);
  }

  @Test
  void writesNamingTheSameFieldsShareOneFieldList() {
    WritePlan first = WritePlan.insert(meta, new Note(null, "A", null, null, null, null, null, null), Map.of(), CLOCK);
    WritePlan second = WritePlan.insert(meta, new Note(null, "B", "done", null, null, null, null, null), Map.of(), CLOCK);
    assertThat(second.fields).as("the same fields: the list of the schema's last insert").isSameAs(first.fields);
    assertThat(second.values).containsExactly("B", "done", NOW, NOW);
    WritePlan other = WritePlan.insert(meta, new Note(null, "C", null, 3, null, null, null, null), Map.of(), CLOCK);
    assertThat(names(other)).containsExactly("title", "state", "lockVersion", "insertedAt", "updatedAt");
    assertThat(other.values).containsExactly("C", "draft", 3, NOW, NOW);
    assertThat(first.fields).as("an earlier plan keeps its own fields").extracting(SchemaField::name)
        .containsExactly("title", "state", "insertedAt", "updatedAt");
    WritePlan all = WritePlan.insert(meta, new Note(7L, "D", "x", 1, null, null, NOW, NOW), Map.of(), CLOCK);
    assertThat(all.values).as("every writable field").containsExactly(7L, "D", "x", 1, NOW, NOW);
  }

  @Test
  void aChangeToNullIsWrittenEvenOverADefault() {
    Changeset<Note> cs = Changeset.change(meta.blank(), Map.of("title", "Hi")).putChange("state", null);
    assertThat(cs.changes()).containsEntry("state", null);
    WritePlan plan = WritePlan.insert(meta, cs.data(), cs.changes(), CLOCK);
    assertThat(names(plan)).containsExactly("title", "state", "insertedAt", "updatedAt");
    assertThat(plan.values).containsExactly("Hi", null, NOW, NOW);
  }

  @Test
  void aChangeToNullOfATimestampIsWrittenAsEctoDoes() {
    Map<String, Object> changes = new HashMap<>();
    changes.put("insertedAt", null);
    WritePlan plan = WritePlan.insert(meta, meta.blank(), changes, CLOCK);
    assertThat(names(plan)).containsExactly("state", "insertedAt", "updatedAt");
    assertThat(plan.values).containsExactly("draft", null, NOW);
  }

  @Test
  void aNullKeyIsGeneratedOrLeftToTheDatabaseEvenWhenChangedToNull() {
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put("id", null);
    assertThat(names(WritePlan.insert(meta, meta.blank(), nullKey, CLOCK))).doesNotContain("id");
    WritePlan token = WritePlan.insert(Schemas.of(Token.class), new Token(null, null), Map.of(), CLOCK);
    assertThat(names(token)).containsExactly("id");
    assertThat(token.values[0]).isInstanceOf(UUID.class);
  }

  @Test
  void theColumnsWrittenFollowTheValuesNotTheSchema() {
    Note full = new Note(7L, "Hi", "done", 3, "ignored", null, NOW, NOW);
    assertThat(names(WritePlan.insert(meta, full, Map.of(), CLOCK)))
        .containsExactly("id", "title", "state", "lockVersion", "insertedAt", "updatedAt");
    assertThat(names(WritePlan.insert(meta, new Note(null, null, null, null, null, null, null, null), Map.of(), CLOCK)))
        .containsExactly("state", "insertedAt", "updatedAt");
  }

  @Test
  void anUpdateLeavesTheDataWithItsChangesTheTimestampWrittenAndWhatWasReadBack() {
    Note loaded = new Note(7L, "Hi", "draft", 1, "hi", "scratch", NOW.minusSeconds(60), NOW.minusSeconds(60));
    Changeset<Note> cs = Changeset.change(loaded, Map.of("title", "Bye"));
    WritePlan plan = WritePlan.update(cs, CLOCK);
    assertThat(names(plan)).containsExactly("title", "updatedAt");
    List<SchemaField> readBack = meta.readOnlyFields();
    Note merged = plan.merged(meta, cs.applyChanges(), readBack, new Object[] {"bye"});
    assertThat(merged).isEqualTo(new Note(7L, "Bye", "draft", 1, "bye", "scratch", NOW.minusSeconds(60), NOW));
  }

  @Test
  void aSharedKeyIsReportedWithTheSchemaTheKeyAndTheCount() {
    MultiplePrimaryKeyException e = WritePlan.multiple("delete", meta, new Object[] {7L}, "id = 7", 3);
    assertThat(e.getMessage()).contains("delete", "Note (table notes)", "id = 7", "3 rows", "nothing was changed");
    assertThat(e.schema()).isEqualTo(Note.class);
    assertThat(e.key()).containsExactly(Map.entry("id", 7L));
    assertThat(e.count()).isEqualTo(3);
  }

  private static List<String> names(WritePlan plan) {
    return plan.fields.stream().map(SchemaField::name).toList();
  }
}
