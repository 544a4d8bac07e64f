package dev.flecto.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.adapter.BulkInsert;
import dev.flecto.adapter.Upsert;
import dev.flecto.query.Updates;
import dev.flecto.schema.Id;
import dev.flecto.schema.ReadOnly;
import dev.flecto.schema.Schema;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** InsertOptions' values and how UpsertPlanner turns them into the adapter's Upsert. */
class InsertOptionsTest {
  @Schema("tags")
  public record Tag(@Id Long id, String name, Integer uses, @ReadOnly String slug, Instant insertedAt) {}

  private final SchemaMeta<Tag> meta = Schemas.of(Tag.class);

  @Test
  void withStepsReturnNewValues() {
    InsertOptions d = InsertOptions.defaults();
    InsertOptions o = d.withOnConflict(InsertAllOptions.OnConflict.REPLACE, "name").withConflictTarget("name")
        .withReturning("uses").withStaleErrorField("uses");
    assertThat(d).isEqualTo(InsertOptions.defaults());
    assertThat(o.onConflict()).isEqualTo(InsertOptions.OnConflict.replace("name"));
    assertThat(o.conflictTarget()).isEqualTo(InsertOptions.ConflictTarget.fields("name"));
    assertThat(o.returning()).containsExactly("uses");
    assertThat(o.stale().staleErrorField()).isEqualTo("uses");
  }

  @Test
  void everyKindOfOnConflictIsPlanned() {
    // Guards UpsertPlanner's instanceof ladder over the sealed OnConflict.
    assertThat(InsertOptions.OnConflict.class.getPermittedSubclasses())
        .containsExactlyInAnyOrder(InsertOptions.Standard.class, InsertOptions.Update.class);
    InsertOptions target = InsertOptions.defaults().withConflictTarget("name");
    assertThat(UpsertPlanner.plan(meta, target.withOnConflict(InsertOptions.OnConflict.NOTHING)).shape().conflict())
        .isEqualTo(BulkInsert.Conflict.NOTHING);
    Upsert update = UpsertPlanner.plan(meta, target.withOnConflictUpdate(Updates.inc("uses", 1)));
    assertThat(update.shape().updates()).hasSize(1);
    assertThat(update.params()).containsExactly(1);
  }

  @Test
  void optionsWithoutValuesArePlannedOncePerSchemaAndOptions() {
    Upsert first = UpsertPlanner.plan(meta, InsertOptions.defaults().withOnConflict(InsertOptions.OnConflict.replace("uses"))
        .withConflictTarget("name"));
    assertThat(UpsertPlanner.plan(meta, InsertOptions.defaults().withOnConflict(InsertAllOptions.OnConflict.REPLACE, "uses")
        .withConflictTarget("name"))).isSameAs(first);
  }

  @Test
  void replaceAllLeavesOutTheConflictTargetAsEctoDoes() {
    Upsert u = UpsertPlanner.plan(meta, InsertOptions.defaults().withOnConflict(InsertOptions.OnConflict.REPLACE_ALL)
        .withConflictTarget("name"));
    assertThat(u.shape().replace()).extracting(f -> f.name()).containsExactly("id", "uses", "insertedAt");
  }

  @Test
  void returningAListAddsTheKeyAndReadOnlyFields() {
    Upsert u = UpsertPlanner.plan(meta, InsertOptions.defaults().withReturning("uses"));
    assertThat(u.shape().returning()).extracting(f -> f.name()).containsExactly("id", "uses", "slug");
    assertThat(UpsertPlanner.plan(meta, InsertOptions.defaults()).shape().returning()).isEqualTo(meta.persistedFields());
  }

  @Test
  void aConstraintAndAFragmentAreTargetsToo() {
    Upsert u = UpsertPlanner.plan(meta, InsertOptions.defaults().withOnConflict(InsertOptions.OnConflict.replace("uses"))
        .withConflictTarget(InsertOptions.ConflictTarget.constraint("tags_name_key")));
    assertThat(u.shape().targetConstraint()).isEqualTo("tags_name_key");
    assertThatThrownBy(() -> UpsertPlanner.plan(meta, InsertOptions.defaults().withConflictTarget(
        InsertOptions.ConflictTarget.unsafeFragment("(lower(name))"))))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("forbidden when onConflict is RAISE");
  }
}
