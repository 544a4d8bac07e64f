package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.Schema;
import java.util.List;

@Schema("a_posts")
public record APost(@Id Long id, String title, Long authorId, @BelongsTo Assoc<AAuthor> author,
    @HasMany(foreignKey = "postId") Assoc<List<AComment>> comments,
    @ManyToMany(joinTable = "a_posts_tags", joinKey = "post_id", relatedKey = "tag_id") Assoc<List<ATag>> tags) {}
