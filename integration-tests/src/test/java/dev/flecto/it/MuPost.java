package dev.flecto.it;

import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.Map;

@Schema("mu_posts")
public record MuPost(@Id Long id, Long userId, String title) {
  static Changeset<MuPost> changeset(MuUser author, Map<String, ?> params) {
    return Changeset.cast(new MuPost(null, author.id(), null), params, "title").validateRequired("title");
  }
}
