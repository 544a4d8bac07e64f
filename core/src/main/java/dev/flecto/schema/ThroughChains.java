package dev.flecto.schema;

import dev.flecto.SchemaException;
import java.util.ArrayList;
import java.util.List;

/** Resolves a through association into the direct associations it follows, for {@link SchemaMeta#chain}. */
final class ThroughChains {
  private ThroughChains() {}

  static List<Association> chain(SchemaMeta<?> owner, Association through) {
    List<Association> out = new ArrayList<>();
    SchemaMeta<?> at = owner;
    for (String step : through.through()) {
      Association a = at.association(step);
      if (a == null) {
        throw new SchemaException("schema " + owner.type().getName() + ", association '" + through.name() + "': step '"
            + step + "' of its through chain " + through.through() + " is not an association of " + at.describe()
            + "; its associations are " + at.associations().stream().map(Association::name).toList());
      }
      out.addAll(a.isThrough() ? at.chain(a) : List.of(a));
      at = Schemas.of(a.target());
    }
    if (at.type() != through.target()) {
      throw new SchemaException("schema " + owner.type().getName() + ", association '" + through.name() + "': its through "
          + "chain " + through.through() + " ends at " + at.describe() + ", not at " + through.target().getSimpleName());
    }
    return out;
  }
}
