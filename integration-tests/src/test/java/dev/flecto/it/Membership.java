package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("memberships")
public record Membership(@Id Long userId, @Id Long groupId, String role) {}
