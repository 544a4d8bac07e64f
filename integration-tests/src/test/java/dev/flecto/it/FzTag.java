package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/** A tag of parents in CancellationFuzzIT, through fz_parents_tags (fuzz.sql, read only). */
@Schema("fz_tags")
public record FzTag(@Id Long id, String name) {}
