package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.List;

@Schema("stream_items")
public record StreamItem(@Id Long id, Integer n, String label, @HasMany(foreignKey = "itemId") Assoc<List<StreamNote>> notes) {}
