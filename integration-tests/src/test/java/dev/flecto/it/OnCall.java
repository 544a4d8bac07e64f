package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/** A doctor on call: the classic write-skew example (at least one must stay on duty). */
@Schema("on_call")
public record OnCall(@Id Long id, String name, Boolean onDuty) {}
