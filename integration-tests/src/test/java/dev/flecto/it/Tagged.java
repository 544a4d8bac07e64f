package dev.flecto.it;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.List;

@Schema("tagged")
public record Tagged(@Id Long id, List<String> tags, List<Long> scores, List<Mood> moods) {
  public enum Mood { HAPPY, SAD }
}
