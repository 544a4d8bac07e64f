package dev.flecto.changeset;

import dev.flecto.query.Query;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** unsafeValidateUnique: one query for rows with the same values, the record itself excluded. */
final class UniqueCheck {
  private UniqueCheck() {}

  static <T> Mono<Changeset<T>> run(Changeset<T> cs, Function<? super Query<T>, ? extends Publisher<T>> all, List<String> fields, String message) {
    return Mono.defer(() -> {
      SchemaMeta<T> schema = cs.schema();
      boolean anyChanged = fields.stream().anyMatch(cs::changed);
      boolean anyError = fields.stream().anyMatch(f -> !cs.errorsOn(f).isEmpty());
      boolean anyNull = fields.stream().anyMatch(f -> cs.getField(f) == null);
      Changeset<T> recorded = cs.validateChange(fields.get(0), "unsafe_unique", Map.of("fields", fields), (f, v) -> List.of());
      if (!anyChanged || anyError || anyNull) {
        return Mono.just(recorded);
      }
      Query<T> query = Query.from(schema.type());
      for (String f : fields) {
        query = query.where(f, cs.getField(f));
      }
      // Two rows are enough to know whether one besides this record exists; all are read, never cancelled.
      return Flux.from(all.apply(query.limit(2))).collectList()
          .map(rows -> rows.stream().anyMatch(row -> !sameKey(schema, row, cs.data()))
              ? recorded.addError(fields.get(0), message, Map.of("validation", "unsafe_unique", "fields", fields))
              : recorded);
    });
  }

  private static <T> boolean sameKey(SchemaMeta<T> schema, T row, T data) {
    if (schema.primaryKey().isEmpty()) {
      return false;
    }
    for (SchemaField k : schema.primaryKey()) {
      Object mine = schema.get(data, k);
      if (mine == null || !mine.equals(schema.get(row, k))) {
        return false;
      }
    }
    return true;
  }
}
