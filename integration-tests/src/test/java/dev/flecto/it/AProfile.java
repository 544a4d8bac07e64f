package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("a_profiles")
public record AProfile(@Id Long id, Long authorId, String bio) {}
