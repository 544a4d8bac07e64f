package dev.flecto.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.ChangesetErrors;
import dev.flecto.changeset.InvalidChangesetException;
import java.io.IOException;
import java.util.function.Function;

/**
 * Writes a changeset, or the InvalidChangesetException carrying one, as Phoenix's
 * {@code {"errors": ...}}: what an API hands back for a refused write. The shape is built by the
 * core's ChangesetErrors, shared with the Jackson 3 module.
 */
final class ChangesetErrorsSerializer extends StdSerializer<Object> {
  private static final long serialVersionUID = 1L;
  private final transient Function<ChangesetError, String> messages;

  ChangesetErrorsSerializer(Class<?> type, Function<ChangesetError, String> messages) {
    super(type, false);
    this.messages = messages;
  }

  @Override
  public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    Changeset<?> changeset = value instanceof InvalidChangesetException e ? e.changeset() : (Changeset<?>) value;
    provider.defaultSerializeValue(ChangesetErrors.toJson(changeset, messages), gen);
  }
}
