package dev.flecto.jackson3;

import dev.flecto.schema.Assoc;
import java.lang.reflect.RecordComponent;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.std.ReferenceTypeDeserializer;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.jsontype.TypeDeserializer;

/**
 * Reads a JSON value (null included) as a loaded association, and an absent property as a
 * not-loaded one named like those the core makes for records read from the database, so that a
 * record written with its associations left out reads back equal.
 */
final class AssocDeserializer extends ReferenceTypeDeserializer<Assoc<?>> {
  // Only reachable for an Assoc that is not a property (a root value), where no name is known.
  private static final Assoc<?> UNNAMED = Assoc.notLoaded("JSON", "(unnamed)");

  private final Assoc<?> absent;

  AssocDeserializer(JavaType type, ValueInstantiator instantiator, TypeDeserializer typeDeserializer,
      ValueDeserializer<?> valueDeserializer) {
    this(type, instantiator, typeDeserializer, valueDeserializer, UNNAMED);
  }

  private AssocDeserializer(JavaType type, ValueInstantiator instantiator, TypeDeserializer typeDeserializer,
      ValueDeserializer<?> valueDeserializer, Assoc<?> absent) {
    super(type, instantiator, typeDeserializer, valueDeserializer);
    this.absent = absent;
  }

  @Override
  protected ReferenceTypeDeserializer<Assoc<?>> withResolved(TypeDeserializer typeDeserializer,
      ValueDeserializer<?> valueDeserializer) {
    return new AssocDeserializer(_fullType, _valueInstantiator, typeDeserializer, valueDeserializer, absent);
  }

  @Override
  public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
    AssocDeserializer resolved = (AssocDeserializer) super.createContextual(ctxt, property);
    if (property == null || property.getMember() == null) {
      return resolved;
    }
    return new AssocDeserializer(_fullType, _valueInstantiator, resolved._valueTypeDeserializer,
        resolved._valueDeserializer, absentFor(property));
  }

  // A record's canonical constructor parameter is named by its component, as the core names it: a
  // JSON name changed by a naming strategy or @JsonProperty must not change the association's name.
  private static Assoc<?> absentFor(BeanProperty property) {
    AnnotatedMember member = property.getMember();
    Class<?> owner = member.getDeclaringClass();
    RecordComponent[] components = owner.isRecord() ? owner.getRecordComponents() : new RecordComponent[0];
    if (member instanceof AnnotatedParameter p && p.getOwner().getParameterCount() == components.length) {
      return Assoc.notLoaded(components[p.getIndex()]);
    }
    return Assoc.notLoaded(owner.getSimpleName(), property.getName());
  }

  @Override
  public Assoc<?> getNullValue(DeserializationContext ctxt) {
    return Assoc.loaded(null);
  }

  @Override
  public Object getAbsentValue(DeserializationContext ctxt) {
    return absent;
  }

  @Override
  public Assoc<?> referenceValue(Object contents) {
    return Assoc.loaded(contents);
  }

  @Override
  public Assoc<?> updateReference(Assoc<?> reference, Object contents) {
    return Assoc.loaded(contents);
  }

  @Override
  public Object getReferenced(Assoc<?> reference) {
    return reference.isLoaded() ? reference.get() : null;
  }
}
