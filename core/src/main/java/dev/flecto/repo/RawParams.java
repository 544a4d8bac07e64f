package dev.flecto.repo;

import dev.flecto.schema.FieldType;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of {@code repo.query}'s placeholders: bound as given, but times truncated to
 * microseconds as every other bound time is (PostgreSQL would round a finer one, moving
 * {@code 23:59:59.999999999} to the next day). Other values keep the driver's own encoding.
 */
final class RawParams {
  private RawParams() {}

  static List<Object> of(List<?> params) {
    List<Object> out = new ArrayList<>(params.size());
    for (Object p : params) {
      out.add(p == null ? null : truncated(p));
    }
    return out;
  }

  private static Object truncated(Object value) {
    FieldType t = FieldType.of(value.getClass());
    boolean time = t == FieldType.INSTANT || t == FieldType.OFFSET_DATE_TIME || t == FieldType.LOCAL_DATE_TIME
        || t == FieldType.LOCAL_TIME;
    return time ? t.dump(value) : value;
  }
}
