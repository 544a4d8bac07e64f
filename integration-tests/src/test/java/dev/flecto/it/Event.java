package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema(value = "events", prefix = "audit")
public record Event(@Id Long id, String kind) {}
