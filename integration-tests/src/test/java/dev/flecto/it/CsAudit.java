package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("cs_audit")
public record CsAudit(@Id Long id, String note) {}
