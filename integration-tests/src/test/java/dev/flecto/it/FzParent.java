package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.Schema;
import java.util.List;

/**
 * A parent of CancellationFuzzIT (fuzz.sql, read only) with three associations to preload: a
 * belongs-to (NULL on every tenth), a has-many (empty on the last hundred) and a many-to-many.
 */
@Schema("fz_parents")
public record FzParent(@Id Long id, Long ownerId, String name, Integer rank,
    @BelongsTo Assoc<FzOwner> owner,
    @HasMany(foreignKey = "parentId") Assoc<List<FzChild>> children,
    @ManyToMany(joinTable = "fz_parents_tags", joinKey = "parent_id", relatedKey = "tag_id") Assoc<List<FzTag>> tags) {}
