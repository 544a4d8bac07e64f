package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("tree_nodes")
public record TreeNode(@Id Long id, Long parentId, String name) {}
