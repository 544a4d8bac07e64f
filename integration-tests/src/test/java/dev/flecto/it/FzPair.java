package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/**
 * One row of a transactional trial of CancellationFuzzIT: a committed trial has exactly the rows
 * {@code pairNo} 1 and 2 with its trial number, an aborted one none.
 */
@Schema("fz_pairs")
public record FzPair(@Id Long id, Integer trial, Integer pairNo, String note) {
  static FzPair of(int trial, int pairNo) {
    return new FzPair(null, trial, pairNo, "trial " + trial);
  }
}
