package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.HasOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.List;

@Schema("a_authors")
public record AAuthor(@Id Long id, String name, @HasMany(foreignKey = "authorId") Assoc<List<APost>> posts,
    @HasOne(foreignKey = "authorId") Assoc<AProfile> profile) {
  static AAuthor named(String name) {
    return new AAuthor(null, name, null, null);
  }
}
