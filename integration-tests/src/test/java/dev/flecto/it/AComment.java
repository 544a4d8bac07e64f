package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("a_comments")
public record AComment(@Id Long id, Long postId, String body) {}
