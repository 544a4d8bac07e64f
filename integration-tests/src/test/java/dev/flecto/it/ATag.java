package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("a_tags")
public record ATag(@Id Long id, String name) {}
