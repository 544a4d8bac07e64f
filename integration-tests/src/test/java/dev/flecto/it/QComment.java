package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.time.Instant;

@Schema("q_comments")
public record QComment(@Id Long id, Long postId, String body, Integer votes, Instant postedAt) {
  static QComment of(Long postId, String body, Integer votes, Instant postedAt) {
    return new QComment(null, postId, body, votes, postedAt);
  }
}
