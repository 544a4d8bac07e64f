package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("deferred_items")
public record DeferredItem(@Id Long id, String code) {}
