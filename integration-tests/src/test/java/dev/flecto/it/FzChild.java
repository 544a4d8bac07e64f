package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/** A child of a parent in CancellationFuzzIT (fuzz.sql, read only). */
@Schema("fz_children")
public record FzChild(@Id Long id, Long parentId, String body, Integer pos, @BelongsTo Assoc<FzParent> parent) {}
