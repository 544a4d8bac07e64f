package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.List;

@Schema("a_authors")
public record AAuthor(@Id Long id, String name, @HasMany(foreignKey = "authorId") Assoc<List<APost>> posts) {}
