package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.jsonText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.QueryException;
import dev.flecto.changeset.CastEmbedOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.it.EmSchemas.EmItem;
import dev.flecto.it.EmSchemas.EmOrder;
import dev.flecto.it.EmSchemas.EmShelf;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Embeds-many in a jsonb[] column, and embeds written by insertAll (VALUES and COPY). */
@FlectoTest(schema = "/embeds.sql")
class EmbedArraysIT {
  private static final Duration T = Duration.ofSeconds(10);
  private static final String HOSTILE = "q\"uote \\back {brace}, comma\ttab\nline NULL é ∑";

  @Test
  void aJsonbArrayColumnRoundTripsWithAnyText(Repo repo) {
    EmShelf shelf = repo.insert(new EmShelf(null, "s", List.of(new EmItem(null, HOSTILE, 1), new EmItem(null, "NULL", null)))).block(T);
    assertThat(shelf.items()).extracting(EmItem::title).containsExactly(HOSTILE, "NULL");
    assertThat(shelf.items()).allSatisfy(i -> assertThat(i.id()).isNotNull());
    assertThat(repo.reload(shelf).block(T)).isEqualTo(shelf);
    assertThat(repo.query("SELECT array_length(items, 1) AS n, items[1]->>'title' AS t FROM em_shelves WHERE id = $1",
        List.of(shelf.id())).block(T).maps().get(0)).containsEntry("n", 2).containsEntry("t", HOSTILE);
    EmShelf empty = repo.insert(new EmShelf(null, "e", List.of())).block(T);
    EmShelf none = repo.insert(new EmShelf(null, "n", null)).block(T);
    assertThat(repo.reload(empty).block(T).items()).isEmpty();
    assertThat(repo.reload(none).block(T).items()).isEmpty();
    assertThat(repo.query("SELECT items IS NULL AS isnull FROM em_shelves WHERE id = $1", List.of(none.id())).block(T).maps().get(0))
        .containsEntry("isnull", true);
    EmShelf cast = repo.update(Changeset.cast(shelf, Map.of("items", List.of(
        Map.of("id", shelf.items().get(1).id().toString(), "title", "kept"), Map.of("title", "new")))).castEmbed("items",
        CastEmbedOptions.with(EmItem::changeset))).block(T);
    assertThat(cast.items()).extracting(EmItem::title).containsExactly("kept", "new");
    assertThat(repo.reload(cast).block(T)).isEqualTo(cast);
    repo.updateAll(Query.from(EmShelf.class).where(field("id").eq(cast.id())), Updates.set("items", List.of(new EmItem(null, "u", 2))))
        .block(T);
    assertThat(repo.reload(cast).block(T).items()).extracting(EmItem::title).containsExactly("u");
    assertThatThrownBy(() -> repo.all(Query.from(EmShelf.class).where(jsonText(field("items"), 0, "title").eq("u"))).collectList()
        .block(T)).isInstanceOf(QueryException.class).hasMessageContaining("stored as jsonb[]");
  }

  @Test
  void insertAllWritesEmbedsThroughTheEncoderWithValuesAndCopy(Repo repo) {
    List<EmShelf> shelves = new ArrayList<>();
    List<EmOrder> orders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shelves.add(new EmShelf(null, "s" + i, List.of(new EmItem(null, HOSTILE + i, i))));
      orders.add(new EmOrder(null, "o" + i, List.of(new EmItem(null, HOSTILE, i)), new EmItem(null, "one", i)));
    }
    for (InsertAllOptions.Copy copy : InsertAllOptions.Copy.values()) {
      repo.insertAll(EmShelf.class, shelves, InsertAllOptions.defaults().withCopy(copy)).block(T);
      repo.insertAll(EmOrder.class, orders, InsertAllOptions.defaults().withCopy(copy)).block(T);
    }
    int rounds = InsertAllOptions.Copy.values().length;
    assertThat(repo.all(Query.from(EmShelf.class).orderBy("id")).collectList().block(T)).hasSize(3 * rounds)
        .allSatisfy(s -> assertThat(s.items().get(0).title()).isEqualTo(HOSTILE + s.label().substring(1)))
        .allSatisfy(s -> assertThat(s.items().get(0).id()).isNotNull());
    assertThat(repo.all(Query.from(EmOrder.class)).collectList().block(T)).hasSize(3 * rounds)
        .allSatisfy(o -> assertThat(o.items()).extracting(EmItem::title).containsExactly(HOSTILE))
        .allSatisfy(o -> assertThat(o.item().id()).isNotNull());
  }
}
