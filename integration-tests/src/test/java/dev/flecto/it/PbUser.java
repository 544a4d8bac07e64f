package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.List;

/** A row of {@code pb_users} (PgBouncerIT), with its posts. */
@Schema("pb_users")
public record PbUser(@Id Long id, String email, String name, @HasMany(foreignKey = "userId") Assoc<List<PbPost>> posts) {
  static PbUser of(String email, String name) {
    return new PbUser(null, email, name, null);
  }
}
