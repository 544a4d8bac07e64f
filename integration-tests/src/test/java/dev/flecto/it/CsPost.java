package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("cs_posts")
public record CsPost(@Id Long id, Long userId, String title) {}
