package dev.flecto.repo;

import dev.flecto.schema.Embed;
import dev.flecto.schema.IdGeneration;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import dev.flecto.schema.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Ecto's {@code Ecto.Embedded.prepare/4} on a parent's write: each embedded record written gets
 * its generated id and its timestamps by the action Ecto gives it. On the parent's insert every
 * embedded record is inserted: a null id is generated, null {@code @Timestamp}s are set. On the
 * parent's update of an embed field each new record is matched to the one it replaces (by key,
 * or in place for an embeds-one with onReplace UPDATE): a new record is inserted as above; a
 * changed one gets its UPDATED timestamps unless it changed them itself; an unchanged one is
 * written as it was. Nested embeds follow their record's action. Planned once per embedded class.
 */
final class EmbedStamps {
  private static final ClassValue<Plan> PLANS = new ClassValue<>() {
    @Override
    protected Plan computeValue(Class<?> type) {
      return new Plan(Schemas.of(type));
    }
  };

  private EmbedStamps() {}

  /** What an embedded schema needs on a write: its generated key, timestamps and nested embeds. */
  private static final class Plan {
    final SchemaMeta<Object> meta;
    final SchemaField id;
    final List<SchemaField> keys;
    final List<SchemaField> timestamps;
    final List<SchemaField> embeds;

    @SuppressWarnings("unchecked")
    Plan(SchemaMeta<?> schema) {
      this.meta = (SchemaMeta<Object>) schema;
      List<SchemaField> pk = meta.primaryKey();
      this.id = pk.size() == 1 && pk.get(0).idGeneration() == IdGeneration.CLIENT_UUID ? pk.get(0) : null;
      this.keys = pk;
      this.timestamps = meta.fields().stream().filter(f -> f.timestamp() != null).toList();
      this.embeds = meta.persistedFields().stream().filter(f -> f.embed() != null).toList();
    }

    boolean inert() {
      return id == null && timestamps.isEmpty() && embeds.isEmpty();
    }
  }

  /**
   * The value of an embed field as the parent's insert writes it.
   *
   * @param embed the field's embed
   * @param value a record, a list of them, or null
   * @param now the time a timestamp field takes, one per type for the whole write
   */
  static Object inserted(Embed embed, Object value, Function<SchemaField, Object> now) {
    Plan plan = PLANS.get(embed.type());
    if (value == null || plan.inert()) {
      return value;
    }
    if (!embed.many()) {
      return insertOne(plan, value, now);
    }
    List<Object> out = new ArrayList<>();
    for (Object r : (List<?>) value) {
      out.add(r == null ? null : insertOne(plan, r, now));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The value of an embed field as the parent's update writes it, given the value it replaces.
   *
   * @param embed the field's embed
   * @param before the field's value in the changeset's data
   * @param after the changed value
   * @param now the time a timestamp field takes, one per type for the whole write
   */
  static Object updated(Embed embed, Object before, Object after, Function<SchemaField, Object> now) {
    Plan plan = PLANS.get(embed.type());
    if (after == null || plan.inert()) {
      return after;
    }
    if (!embed.many()) {
      return before != null && inPlace(embed, plan, before, after) ? updateOne(plan, before, after, now)
          : insertOne(plan, after, now);
    }
    Map<List<Object>, Object> current = new HashMap<>();
    for (Object r : before instanceof List<?> l ? l : List.of()) {
      List<Object> k = r == null ? null : key(plan, r);
      if (k != null && !blank(k)) {
        current.put(k, r);
      }
    }
    List<Object> out = new ArrayList<>();
    for (Object r : (List<?>) after) {
      Object matched = r == null ? null : current.get(key(plan, r));
      out.add(r == null ? null : matched != null ? updateOne(plan, matched, r, now) : insertOne(plan, r, now));
    }
    return Collections.unmodifiableList(out);
  }

  /** As castEmbed matches an embeds-one: the same key, or any record under onReplace UPDATE. */
  private static boolean inPlace(Embed embed, Plan plan, Object before, Object after) {
    List<Object> was = key(plan, before);
    List<Object> is = key(plan, after);
    return !blank(is) && is.equals(was) || embed.onReplace() == OnReplace.UPDATE && (blank(is) || is.equals(was));
  }

  private static Object insertOne(Plan plan, Object record, Function<SchemaField, Object> now) {
    Object[] values = plan.meta.values(record);
    if (plan.id != null && values[plan.id.index()] == null) {
      values[plan.id.index()] = UUID.randomUUID();
    }
    for (SchemaField t : plan.timestamps) {
      if (values[t.index()] == null) {
        values[t.index()] = now.apply(t);
      }
    }
    for (SchemaField e : plan.embeds) {
      values[e.index()] = inserted(e.embed(), values[e.index()], now);
    }
    return plan.meta.newInstance(values);
  }

  private static Object updateOne(Plan plan, Object before, Object after, Function<SchemaField, Object> now) {
    Object[] was = plan.meta.values(before);
    Object[] values = plan.meta.values(after);
    if (before == after || Arrays.deepEquals(was, values)) {
      return after; // Ecto: an embed whose changeset changes nothing is written as it was
    }
    if (plan.id != null && values[plan.id.index()] == null) {
      values[plan.id.index()] = UUID.randomUUID();
    }
    for (SchemaField t : plan.timestamps) {
      if (t.timestamp() == Timestamp.Kind.UPDATED && Objects.equals(was[t.index()], values[t.index()])) {
        values[t.index()] = now.apply(t); // Ecto's autoupdate, unless the change set it
      }
    }
    for (SchemaField e : plan.embeds) {
      values[e.index()] = updated(e.embed(), was[e.index()], values[e.index()], now);
    }
    return plan.meta.newInstance(values);
  }

  private static List<Object> key(Plan plan, Object record) {
    List<Object> k = new ArrayList<>(plan.keys.size());
    for (SchemaField f : plan.keys) {
      k.add(plan.meta.get(record, f));
    }
    return k;
  }

  private static boolean blank(List<Object> k) {
    return k.isEmpty() || k.contains(null);
  }
}
