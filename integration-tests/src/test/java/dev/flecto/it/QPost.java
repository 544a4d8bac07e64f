package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("q_posts")
public record QPost(@Id Long id, String title, Integer votes, Long authorId, Status status) {

  public enum Status { DRAFT, PUBLISHED, ARCHIVED }

  static QPost of(String title, Integer votes, Long authorId, Status status) {
    return new QPost(null, title, votes, authorId, status);
  }
}
