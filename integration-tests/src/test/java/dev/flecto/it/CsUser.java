package dev.flecto.it;

import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.Map;

@Schema("cs_users")
public record CsUser(@Id Long id, String email, Long companyId, String name, Integer age, @Default("1") Integer lockVersion) {
  static Changeset<CsUser> changeset(CsUser user, Map<String, ?> params) {
    return Changeset.cast(user, params, "email", "companyId", "name", "age").validateRequired("email");
  }

  static Changeset<CsUser> registration(Map<String, ?> params) {
    return changeset(dev.flecto.schema.Schemas.of(CsUser.class).blank(), params);
  }
}
