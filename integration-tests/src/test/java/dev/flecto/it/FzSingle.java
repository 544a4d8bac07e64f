package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/** A write of CancellationFuzzIT outside any transaction (autocommit or checkout), never part of a pair. */
@Schema("fz_singles")
public record FzSingle(@Id Long id, Integer trial, String code, Integer hits, String note) {
  static FzSingle of(int trial, String code) {
    return new FzSingle(null, trial, code, 0, "trial " + trial);
  }
}
