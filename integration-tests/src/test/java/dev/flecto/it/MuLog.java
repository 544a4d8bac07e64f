package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("mu_log")
public record MuLog(@Id Long id, String note) {
  static MuLog of(String note) {
    return new MuLog(null, note);
  }
}
