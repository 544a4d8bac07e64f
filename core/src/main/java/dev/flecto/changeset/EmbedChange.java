package dev.flecto.changeset;

import dev.flecto.schema.SchemaField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code castEmbed} or {@code putEmbed} made of an embed: one changeset per embedded record of
 * the new value, in its order (none for an embeds-one set to null). Their applied records are the
 * field's change, which the Repo writes as a whole, as Ecto writes an embed; the changesets keep
 * each record's own errors for {@link ChangesetErrors#traverse}.
 *
 * <pre>{@code
 * Changeset<User> cs = Changeset.cast(user, params, "name").castEmbed("addresses");
 * cs.embedChanges().get("addresses").changesets() // one changeset per address sent
 * cs.getChange("addresses")                       // the addresses as they will be written
 * }</pre>
 *
 * @param field the embed field
 * @param changesets the embedded records' changesets, the new value's in its order
 */
public record EmbedChange(SchemaField field, List<Changeset<?>> changesets) {
  /**
   * Copies the changesets.
   *
   * <pre>{@code new EmbedChange(Schemas.of(User.class).field("profile"), List.of(Changeset.change(profile))) }</pre>
   */
  public EmbedChange {
    changesets = List.copyOf(changesets);
  }

  /**
   * The field's new value: the records with their changes applied (a list for embeds many; the one
   * record, or null, for embeds one).
   *
   * <pre>{@code change.applied() // [Address[...], Address[...]] }</pre>
   *
   * @return the value
   */
  public Object applied() {
    if (!field.embed().many()) {
      return changesets.isEmpty() ? null : changesets.get(0).applyChanges();
    }
    List<Object> out = new ArrayList<>(changesets.size());
    changesets.forEach(c -> out.add(c.applyChanges()));
    return Collections.unmodifiableList(out);
  }

  /**
   * Whether an embedded record's changeset has errors.
   *
   * <pre>{@code change.valid() }</pre>
   *
   * @return true when every changeset is valid
   */
  public boolean valid() {
    return changesets.stream().allMatch(Changeset::isValid);
  }
}
