package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Timestamp;
import java.time.Instant;

@Schema("people")
public record Person(@Id Long id, String firstName, String lastName, Integer age,
    @Timestamp Instant insertedAt, @Timestamp Instant updatedAt) {
  static Person of(String first, String last, Integer age) {
    return new Person(null, first, last, age, null, null);
  }
}
