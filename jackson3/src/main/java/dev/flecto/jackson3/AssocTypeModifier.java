package dev.flecto.jackson3;

import dev.flecto.schema.Assoc;
import java.lang.reflect.Type;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.ReferenceType;
import tools.jackson.databind.type.TypeBindings;
import tools.jackson.databind.type.TypeFactory;
import tools.jackson.databind.type.TypeModifier;

/**
 * Makes {@code Assoc<T>} a reference type to Jackson, like {@code Optional<T>}: its value is then
 * written and read with T's own (de)serializer, and "not loaded" is Jackson's "absent", which the
 * NON_ABSENT inclusion leaves out of the JSON with no annotation on the record.
 */
final class AssocTypeModifier extends TypeModifier {
  @Override
  public JavaType modifyType(JavaType type, Type jdkType, TypeBindings bindings, TypeFactory typeFactory) {
    if (type.isReferenceType() || type.isContainerType() || !type.hasRawClass(Assoc.class)) {
      return type;
    }
    return ReferenceType.upgradeFrom(type, type.containedTypeOrUnknown(0));
  }
}
