package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.changeset.CastEmbedOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetErrors;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.it.EmSchemas.EmAddress;
import dev.flecto.it.EmSchemas.EmGeo;
import dev.flecto.it.EmSchemas.EmItem;
import dev.flecto.it.EmSchemas.EmOrder;
import dev.flecto.it.EmSchemas.EmProfile;
import dev.flecto.it.EmSchemas.EmUser;
import dev.flecto.it.EmSchemas.Visibility;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** castEmbed and putEmbed (Ecto's cast_embed, put_embed): matching by id, onReplace, required, sort and drop, nested errors, writes. */
@FlectoTest(schema = "/embeds.sql")
class EmbedChangesetsIT {
  private static final Duration T = Duration.ofSeconds(10);

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static EmUser insertAnn(Repo repo) {
    return repo.insert(EmUser.changeset(EmUser.named(null), map("name", "Ann",
        "profile", map("online", "true", "darkMode", "yes", "visibility", "PUBLIC", "seenAt", "2024-05-01T10:00:00Z"),
        "addresses", List.of(map("street", "1 Main", "city", "Oslo", "geo", map("lat", "59.9", "lng", 10.7)),
            map("city", "Bergen"))))).block(T);
  }

  @Test
  void castEmbedBuildsRecordsWithGeneratedIdsAndTheRepoWritesThem(Repo repo) {
    EmUser ann = insertAnn(repo);
    assertThat(ann.profile().visibility()).isEqualTo(Visibility.PUBLIC);
    assertThat(ann.profile().seenAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(ann.profile().id()).isNotNull();
    assertThat(ann.addresses()).extracting(EmAddress::city).containsExactly("Oslo", "Bergen");
    assertThat(ann.addresses()).allSatisfy(a -> assertThat(a.id()).isNotNull());
    assertThat(ann.addresses().get(0).geo()).isEqualTo(new EmGeo(59.9, 10.7));
    assertThat(repo.reload(ann).block(T)).isEqualTo(ann);
    Map<String, Object> stored = repo.query("SELECT profile FROM em_users WHERE id = $1", List.of(ann.id())).block(T).maps().get(0);
    assertThat((Map<String, Object>) stored.get("profile")).containsEntry("theme", "yes").containsEntry("seen_at", "2024-05-01T10:00:00Z")
        .containsEntry("id", ann.profile().id().toString());
  }

  @Test
  void castEmbedMatchesCurrentRecordsByIdAndReplacesTheOthersByOnReplace(Repo repo) {
    EmUser ann = insertAnn(repo);
    EmAddress oslo = ann.addresses().get(0);
    EmAddress bergen = ann.addresses().get(1);
    Changeset<EmUser> cs = EmUser.changeset(ann, map("addresses", List.of(
        map("id", oslo.id().toString(), "city", "Oslo (new)"), map("city", "Tromsø"))));
    assertThat(cs.isValid()).isTrue();
    EmUser saved = repo.update(cs).block(T);
    assertThat(saved.addresses()).extracting(EmAddress::city).containsExactly("Oslo (new)", "Tromsø");
    assertThat(saved.addresses().get(0).id()).isEqualTo(oslo.id());
    assertThat(saved.addresses().get(0).geo()).isEqualTo(oslo.geo()); // untouched nested embed kept
    assertThat(saved.addresses().get(1).id()).isNotIn(oslo.id(), bergen.id()).isNotNull();
    assertThat(repo.reload(saved).block(T).addresses()).isEqualTo(saved.addresses());
    // Same params again: nothing changes (Ecto's skip), so nothing is recorded.
    Changeset<EmUser> same = EmUser.changeset(saved, map("addresses", List.of(
        map("id", saved.addresses().get(0).id().toString(), "city", "Oslo (new)"),
        map("id", saved.addresses().get(1).id().toString(), "city", "Tromsø"))));
    assertThat(same.changes()).isEmpty();
    assertThat(same.embedChanges()).isEmpty();
    // onReplace UPDATE (profile): params without an id update the current profile in place, keeping its id.
    EmUser updated = repo.update(EmUser.changeset(saved, map("profile", map("online", "false")))).block(T);
    assertThat(updated.profile().id()).isEqualTo(ann.profile().id());
    assertThat(updated.profile().online()).isFalse();
    assertThat(updated.profile().visibility()).isEqualTo(Visibility.PUBLIC);
    EmUser cleared = repo.update(EmUser.changeset(updated, map("profile", null, "addresses", List.of()))).block(T);
    assertThat(cleared.profile()).isNull();
    assertThat(cleared.addresses()).isEmpty();
    assertThat(repo.query("SELECT profile, addresses FROM em_users WHERE id = $1", List.of(ann.id())).block(T).maps().get(0))
        .containsEntry("profile", null).containsEntry("addresses", List.of());
  }

  @Test
  void onReplaceRaiseThrowsAndMarkAsInvalidAddsAnError(Repo repo) {
    EmOrder order = repo.insert(new EmOrder(null, "o", List.of(new EmItem(null, "Soap", 1)), new EmItem(null, "One", 1))).block(T);
    Changeset<EmOrder> base = Changeset.cast(order, Map.of("items", List.of(Map.of("title", "Other")),
        "item", Map.of("title", "Two")));
    assertThatThrownBy(() -> base.castEmbed("items", CastEmbedOptions.with(EmItem::changeset)))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("castEmbed(\"items\") on EmOrder (table em_orders)")
        .hasMessageContaining("replaces 1 embedded record(s)").hasMessageContaining("RAISE");
    Changeset<EmOrder> invalid = base.castEmbed("item", CastEmbedOptions.with(EmItem::changeset));
    assertThat(invalid.errorsByField()).containsEntry("item", List.of("is invalid"));
    assertThatThrownBy(() -> repo.update(invalid).block(T)).isInstanceOf(InvalidChangesetException.class);
    // The same item by id updates it in place; that is no replacement.
    EmOrder same = repo.update(Changeset.cast(order, Map.of("item", Map.of("id", order.item().id().toString(), "title", "Uno")))
        .castEmbed("item", CastEmbedOptions.with(EmItem::changeset))).block(T);
    assertThat(same.item()).isEqualTo(new EmItem(order.item().id(), "Uno", 1));
    assertThat(repo.reload(order).block(T).item().title()).isEqualTo("Uno");
  }

  @Test
  void invalidEmbeddedRecordsNestTheirErrorsAndNothingIsWritten(Repo repo) {
    Changeset<EmUser> cs = EmUser.changeset(EmUser.named(null), map("name", "Bob", "profile", map("online", "maybe"),
        "addresses", List.of(map("city", "Oslo"), map("street", "x", "geo", map("lat", 1)))));
    assertThat(cs.isValid()).isFalse();
    assertThat(cs.errorsByField()).containsEntry("profile", List.of("is invalid")).containsEntry("addresses", List.of("is invalid"));
    Map<String, Object> nested = ChangesetErrors.traverse(cs, e -> e.formatted());
    assertThat(nested).isEqualTo(Map.of(
        "profile", Map.of("online", List.of("is invalid"), "visibility", List.of("can't be blank")),
        "addresses", List.of(Map.of(), Map.of("city", List.of("can't be blank"), "geo", Map.of("lng", List.of("can't be blank"))))));
    assertThat(ChangesetErrors.toJson(cs)).isEqualTo(Map.of("errors", nested));
    assertThatThrownBy(() -> repo.insert(cs).block(T)).isInstanceOf(InvalidChangesetException.class)
        .satisfies(e -> assertThat(ChangesetErrors.traverse(((InvalidChangesetException) e).changeset(), x -> x.formatted()))
            .isEqualTo(nested));
    assertThat(repo.all(EmUser.class).count().block(T)).isZero();
  }

  @Test
  void aConstraintErrorOnTheParentLeavesTheDatabaseAsItWas(Repo repo) {
    EmUser ann = insertAnn(repo);
    Changeset<EmUser> dup = EmUser.changeset(EmUser.named(null), map("name", "Ann", "profile", map("visibility", "PRIVATE")));
    assertThatThrownBy(() -> repo.insert(dup).block(T)).isInstanceOf(InvalidChangesetException.class)
        .satisfies(e -> assertThat(((InvalidChangesetException) e).changeset().errorsByField())
            .containsEntry("name", List.of("has already been taken")));
    assertThat(repo.all(EmUser.class).collectList().block(T)).containsExactly(ann);
  }

  @Test
  void requiredInvalidShapesSortAndDrop(Repo repo) {
    EmUser ann = insertAnn(repo);
    CastEmbedOptions<EmAddress> required = CastEmbedOptions.with(EmAddress::changeset).withRequired(true);
    assertThat(Changeset.cast(EmUser.named(null), Map.of()).castEmbed("addresses", required).errorsByField())
        .containsEntry("addresses", List.of("can't be blank"));
    assertThat(Changeset.cast(ann, Map.of("addresses", List.of())).castEmbed("addresses", required.withRequiredMessage("add one"))
        .errorsByField()).containsEntry("addresses", List.of("add one"));
    assertThat(Changeset.cast(ann, Map.of()).castEmbed("addresses", required).isValid()).isTrue();
    assertThat(Changeset.cast(ann, Map.of("addresses", "Oslo")).castEmbed("addresses", required.withInvalidMessage("bad"))
        .errorsByField()).containsEntry("addresses", List.of("bad"));
    assertThat(Changeset.cast(ann, Map.of("profile", List.of())).castEmbed("profile").errorsByField())
        .containsEntry("profile", List.of("is invalid"));
    // Phoenix-style index maps, sorted by a sort param, one dropped; a sort index with no entry is a new, empty one.
    Map<String, Object> params = map("addresses", map("0", map("id", ann.addresses().get(0).id().toString()),
        "1", map("id", ann.addresses().get(1).id().toString()), "2", map("city", "Tromsø")),
        "sort", List.of("2", "1", "0", "9"), "drop", List.of("0"));
    Changeset<EmUser> sorted = Changeset.cast(ann, params).castEmbed("addresses",
        CastEmbedOptions.with(EmAddress::changeset).withSortParam("sort").withDropParam("drop"));
    assertThat(sorted.embedChanges().get("addresses").changesets()).hasSize(3);
    assertThat(ChangesetErrors.traverse(sorted, e -> e.formatted()).get("addresses"))
        .isEqualTo(List.of(Map.of(), Map.of(), Map.of("city", List.of("can't be blank"))));
    List<Map<String, Object>> positions = new ArrayList<>();
    EmUser saved = repo.update(Changeset.cast(ann, map("addresses", List.of(map("city", "A"), map("city", "B")), "drop", List.of(1)))
        .castEmbed("addresses", CastEmbedOptions.<EmAddress>withPosition((a, p, i) -> {
          positions.add(Map.of("at", i));
          return EmAddress.changeset(a, p);
        }).withDropParam("drop"))).block(T);
    assertThat(saved.addresses()).extracting(EmAddress::city).containsExactly("A");
    assertThat(positions).containsExactly(Map.of("at", 0));
  }

  @Test
  void putEmbedReplacesTheEmbedAsAWhole(Repo repo) {
    // Ecto's embeds_many example: items put as records get ids; an item changeset updates one in place.
    EmOrder order = repo.insert(new EmOrder(null, "o", List.of(), null)).block(T);
    EmOrder withItems = repo.update(Changeset.change(order).putEmbed("items", List.of(new EmItem(null, "Soap", 1)))).block(T);
    EmItem soap = withItems.items().get(0);
    assertThat(soap.id()).isNotNull();
    EmOrder renamed = repo.update(Changeset.change(withItems)
        .putEmbed("items", List.of(Changeset.change(soap, Map.of("title", "Mujju's Soap"))))).block(T);
    assertThat(renamed.items()).containsExactly(new EmItem(soap.id(), "Mujju's Soap", 1));
    EmOrder withItem = repo.update(Changeset.change(renamed).putEmbed("item", Map.of("title", "One", "qty", 3))).block(T);
    assertThat(withItem.item().id()).isNotNull();
    assertThat(withItem.item().title()).isEqualTo("One");
    assertThat(Changeset.change(withItem).putEmbed("item", withItem.item()).changes()).isEmpty();
    assertThat(Changeset.change(withItem).putEmbed("item", null).errorsByField()).containsEntry("item", List.of("is invalid"));
    assertThatThrownBy(() -> Changeset.change(withItem).putEmbed("items", List.of()))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("onReplace is RAISE");
    assertThatThrownBy(() -> Changeset.change(withItem).putEmbed("items", List.of("Soap")))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("an entry must be a EmItem record, a changeset of one");
    assertThat(repo.reload(withItem).block(T)).isEqualTo(withItem);
  }

  @Test
  void misuseIsRefusedNamingTheFieldAndSchema() {
    EmUser user = EmUser.named("x");
    assertThatThrownBy(() -> Changeset.cast(user, Map.of("profile", Map.of()), "profile"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("field 'profile' of schema EmUser (table em_users) is an embed")
        .hasMessageContaining("castEmbed(\"profile\")");
    assertThatThrownBy(() -> Changeset.change(user).castEmbed("profile"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("never cast");
    assertThatThrownBy(() -> Changeset.cast(user, Map.of()).castEmbed("name"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("field 'name' is not an embed")
        .hasMessageContaining("[profile, addresses]");
    assertThatThrownBy(() -> Changeset.cast(user, Map.of()).castEmbed("profile", CastEmbedOptions.defaults().withSortParam("s")))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("embeds-many only");
    assertThatThrownBy(() -> Changeset.cast(new EmSchemas.EmDoc(null, null, null, null), Map.of("keyless", List.of(Map.of())))
        .castEmbed("keyless"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("EmKeyless has no static method changeset")
        .hasMessageContaining("CastEmbedOptions.with");
    assertThat(Changeset.change(user).putEmbed("profile", new EmProfile(null, true, null, Visibility.PUBLIC, null))
        .applyChanges().profile().id()).isNotNull();
    assertThat(Changeset.change(user).putEmbed("profile", Map.of("online", true)).getChange("profile"))
        .isInstanceOf(EmProfile.class);
    UUID id = UUID.randomUUID();
    assertThat(Changeset.change(user).putEmbed("addresses", List.of(new EmAddress(id, null, "Oslo", null))).applyChanges()
        .addresses()).containsExactly(new EmAddress(id, null, "Oslo", null));
  }
}
