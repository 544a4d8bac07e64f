package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/** A row of {@code pb_posts} (PgBouncerIT). */
@Schema("pb_posts")
public record PbPost(@Id Long id, Long userId, String title) {}
