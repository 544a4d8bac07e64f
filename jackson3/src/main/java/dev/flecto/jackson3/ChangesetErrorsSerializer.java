package dev.flecto.jackson3;

import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.ChangesetErrors;
import dev.flecto.changeset.InvalidChangesetException;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a changeset, or the InvalidChangesetException carrying one, as Phoenix's
 * {@code {"errors": ...}}: what an API hands back for a refused write. The shape is built by the
 * core's ChangesetErrors, shared with the Jackson 2 module.
 */
final class ChangesetErrorsSerializer extends StdSerializer<Object> {
  private final Function<ChangesetError, String> messages;

  ChangesetErrorsSerializer(Class<?> type, Function<ChangesetError, String> messages) {
    super(type);
    this.messages = messages;
  }

  @Override
  public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
    Changeset<?> changeset = value instanceof InvalidChangesetException e ? e.changeset() : (Changeset<?>) value;
    ctxt.writeValue(gen, ChangesetErrors.toJson(changeset, messages));
  }
}
