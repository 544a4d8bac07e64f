package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("q_authors")
public record QAuthor(@Id Long id, String name, String nickname) {
  static QAuthor of(String name, String nickname) {
    return new QAuthor(null, name, nickname);
  }
}
