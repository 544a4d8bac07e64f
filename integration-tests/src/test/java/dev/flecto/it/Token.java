package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.UUID;

@Schema("tokens")
public record Token(@Id UUID id, String value) {}
