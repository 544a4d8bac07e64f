package dev.flecto.test;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("support_notes")
public record Note(@Id Long id, String body) {}
