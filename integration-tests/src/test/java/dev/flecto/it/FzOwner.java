package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/** An owner of parents in CancellationFuzzIT (fuzz.sql, read only). */
@Schema("fz_owners")
public record FzOwner(@Id Long id, String name) {}
