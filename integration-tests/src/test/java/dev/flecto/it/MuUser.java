package dev.flecto.it;

import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.Map;
import java.util.regex.Pattern;

@Schema("mu_users")
public record MuUser(@Id Long id, String email, String name) {
  static Changeset<MuUser> registration(Map<String, ?> params) {
    return Changeset.cast(MuUser.class, params, "email", "name").validateRequired("email")
        .validateFormat("email", Pattern.compile("@")).uniqueConstraint("email");
  }
}
