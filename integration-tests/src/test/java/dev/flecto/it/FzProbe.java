package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/** An autocommit insert CancellationFuzzIT makes after each batch and reads back on another connection. */
@Schema("fz_probes")
public record FzProbe(@Id Long id, Integer batch, Integer slot) {}
