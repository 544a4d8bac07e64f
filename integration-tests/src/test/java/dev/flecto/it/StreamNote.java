package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("stream_notes")
public record StreamNote(@Id Long id, Long itemId, String body) {}
