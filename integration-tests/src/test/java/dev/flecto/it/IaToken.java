package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.UUID;

@Schema("ia_tokens")
public record IaToken(@Id UUID id, String value) {}
