package dev.flecto.jackson;

import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.std.ReferenceTypeSerializer;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.databind.util.NameTransformer;
import dev.flecto.schema.Assoc;

/**
 * Writes a loaded association as its value (null for a loaded belongs-to without a parent); a
 * not-loaded one is "absent": left out under the NON_ABSENT inclusion the module sets, else null.
 * Jackson's reference-type support does the rest (content inclusion, typing, unwrapping).
 */
final class AssocSerializer extends ReferenceTypeSerializer<Assoc<?>> {
  private static final long serialVersionUID = 1L;

  AssocSerializer(ReferenceType type, boolean staticTyping, TypeSerializer typeSerializer,
      JsonSerializer<Object> valueSerializer) {
    super(type, staticTyping, typeSerializer, valueSerializer);
  }

  private AssocSerializer(AssocSerializer base, BeanProperty property, TypeSerializer typeSerializer,
      JsonSerializer<?> valueSerializer, NameTransformer unwrapper, Object suppressableValue, boolean suppressNulls) {
    super(base, property, typeSerializer, valueSerializer, unwrapper, suppressableValue, suppressNulls);
  }

  @Override
  protected ReferenceTypeSerializer<Assoc<?>> withResolved(BeanProperty property, TypeSerializer typeSerializer,
      JsonSerializer<?> valueSerializer, NameTransformer unwrapper) {
    return new AssocSerializer(this, property, typeSerializer, valueSerializer, unwrapper, _suppressableValue,
        _suppressNulls);
  }

  @Override
  public ReferenceTypeSerializer<Assoc<?>> withContentInclusion(Object suppressableValue, boolean suppressNulls) {
    return new AssocSerializer(this, _property, _valueTypeSerializer, _valueSerializer, _unwrapper, suppressableValue,
        suppressNulls);
  }

  @Override
  protected boolean _isValuePresent(Assoc<?> value) {
    return value.isLoaded();
  }

  @Override
  protected Object _getReferenced(Assoc<?> value) {
    return value.get();
  }

  @Override
  protected Object _getReferencedIfPresent(Assoc<?> value) {
    return value.isLoaded() ? value.get() : null;
  }
}
