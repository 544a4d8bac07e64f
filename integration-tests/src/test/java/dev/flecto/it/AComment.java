package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("a_comments")
public record AComment(@Id Long id, Long postId, String body, @BelongsTo Assoc<APost> post) {
  static AComment on(Long postId, String body) {
    return new AComment(null, postId, body, null);
  }
}
