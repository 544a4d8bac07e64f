package dev.flecto.jackson3;

import dev.flecto.schema.Assoc;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.ReferenceTypeSerializer;
import tools.jackson.databind.type.ReferenceType;
import tools.jackson.databind.util.NameTransformer;

/**
 * Writes a loaded association as its value (null for a loaded belongs-to without a parent); a
 * not-loaded one is "absent": left out under the NON_ABSENT inclusion the module sets, else null.
 * Jackson's reference-type support does the rest (content inclusion, typing, unwrapping).
 */
final class AssocSerializer extends ReferenceTypeSerializer<Assoc<?>> {
  AssocSerializer(ReferenceType type, boolean staticTyping, TypeSerializer typeSerializer,
      ValueSerializer<Object> valueSerializer) {
    super(type, staticTyping, typeSerializer, valueSerializer);
  }

  private AssocSerializer(AssocSerializer base, BeanProperty property, TypeSerializer typeSerializer,
      ValueSerializer<?> valueSerializer, NameTransformer unwrapper, Object suppressableValue, boolean suppressNulls) {
    super(base, property, typeSerializer, valueSerializer, unwrapper, suppressableValue, suppressNulls);
  }

  @Override
  protected ReferenceTypeSerializer<Assoc<?>> withResolved(BeanProperty property, TypeSerializer typeSerializer,
      ValueSerializer<?> valueSerializer, NameTransformer unwrapper) {
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
