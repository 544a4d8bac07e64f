package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/** A note of the read replica tests (ReplicaIT). */
@Schema("rp_notes")
public record RpNote(@Id Long id, String body) {
  static RpNote of(String body) {
    return new RpNote(null, body);
  }
}
