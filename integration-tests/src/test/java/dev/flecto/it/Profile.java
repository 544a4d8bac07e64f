package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.Map;

@Schema("profiles")
public record Profile(@Id Long id, String name, Map<String, Object> settings) {}
