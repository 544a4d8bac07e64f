package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

@Schema("stream_log")
public record StreamLog(@Id Long id, Long itemId) {
  static StreamLog of(Long itemId) {
    return new StreamLog(null, itemId);
  }
}
