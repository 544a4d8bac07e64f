package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import dev.flecto.schema.Association;
import dev.flecto.schema.NamingStrategy;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bodies of Changeset's constraint declarations: the constraint names inferred as Ecto (and
 * its migrations) name them, and the lookup that turns a violation the database reported into
 * the declared constraint's error. Apart from {@link Changeset} because the naming rules (the
 * association kinds, join tables, conventions) are a concept of their own.
 *
 * <pre>{@code
 * ConstraintDeclarations.unique(cs, List.of("email"), ConstraintOptions.defaults()) // users_email_index
 * }</pre>
 */
final class ConstraintDeclarations {
  private ConstraintDeclarations() {}

  static <T> Changeset<T> unique(Changeset<T> cs, List<String> fields, ConstraintOptions options) {
    String name = options.name() != null ? options.name()
        : table(cs, "uniqueConstraint") + "_" + columns(cs, fields) + "_index";
    return add(cs, Constraint.Type.UNIQUE, name, options, fields.get(0), "has already been taken", "unique");
  }

  static <T> Changeset<T> foreignKey(Changeset<T> cs, String field, ConstraintOptions options) {
    String name = options.name() != null ? options.name()
        : table(cs, "foreignKeyConstraint") + "_" + columns(cs, List.of(field)) + "_fkey";
    return add(cs, Constraint.Type.FOREIGN_KEY, name, options, field, "does not exist", "foreign");
  }

  static <T> Changeset<T> assoc(Changeset<T> cs, String assoc, ConstraintOptions options) {
    Shape<T> shape = cs.shape();
    String name = options.name();
    Association declared = shape.schema() == null ? null : shape.schema().association(assoc);
    if (declared != null && declared.kind() != Association.Kind.BELONGS_TO) {
      throw new ArgumentException("assocConstraint(\"" + assoc + "\") on " + shape.describe() + ": it applies to "
          + "belongs-to associations; '" + assoc + "' is " + declared.kind() + " (use noAssocConstraint)");
    }
    if (name == null) {
      String fk = declared != null ? declared.foreignKey() : assoc + "Id";
      if (shape.field(fk) == null) {
        throw new ArgumentException("assocConstraint(\"" + assoc + "\") on " + shape.describe()
            + " looks for the foreign key field '" + fk + "', which does not exist; give the constraint name with "
            + "ConstraintOptions.named(...)");
      }
      name = table(cs, "assocConstraint") + "_" + columns(cs, List.of(fk)) + "_fkey";
    }
    return add(cs, Constraint.Type.FOREIGN_KEY, name, options, assoc, "does not exist", "assoc");
  }

  static <T> Changeset<T> noAssoc(Changeset<T> cs, String assoc, ConstraintOptions options) {
    String name = options.name();
    SchemaMeta<T> schema = requireSchema(cs, "noAssocConstraint");
    Association declared = schema.association(assoc);
    if (declared != null && (declared.kind() == Association.Kind.BELONGS_TO || declared.isThrough())) {
      throw new ArgumentException("noAssocConstraint(\"" + assoc + "\") on " + cs.describe() + ": it applies to "
          + "has-one, has-many and many-to-many associations; '" + assoc + "' is "
          + (declared.isThrough() ? "a through association" : "BELONGS_TO (use assocConstraint)"));
    }
    if (name == null && declared != null) {
      name = childrenForeignKey(declared);
    } else if (name == null) {
      String owner = NamingStrategy.SNAKE_CASE.columnName(schema.type().getSimpleName());
      name = NamingStrategy.SNAKE_CASE.columnName(assoc) + "_" + owner + "_id_fkey";
    }
    String message = declared != null && declared.kind() == Association.Kind.HAS_ONE
        ? "is still associated with this entry" : "are still associated with this entry";
    return add(cs, Constraint.Type.FOREIGN_KEY, name, options, assoc, message, "no_assoc");
  }

  // Ecto: the children's (or the join table's) foreign key constraint, <table>_<column>_fkey.
  private static String childrenForeignKey(Association declared) {
    if (declared.kind() == Association.Kind.MANY_TO_MANY) {
      String column = declared.joinSchema() == null ? declared.joinKey()
          : Schemas.of(declared.joinSchema()).field(declared.joinKey()).column();
      return declared.joinTable() + "_" + column + "_fkey";
    }
    SchemaMeta<?> target = Schemas.of(declared.target());
    return target.table() + "_" + target.field(declared.foreignKey()).column() + "_fkey";
  }

  static <T> Changeset<T> check(Changeset<T> cs, String field, ConstraintOptions options) {
    if (options.name() == null) {
      throw new ArgumentException("checkConstraint on field '" + field + "' of " + cs.describe()
          + " needs the constraint's name: checkConstraint(\"" + field + "\", ConstraintOptions.named(\"...\"))");
    }
    return add(cs, Constraint.Type.CHECK, options.name(), options, field, "is invalid", "check");
  }

  static <T> Changeset<T> exclusion(Changeset<T> cs, String field, ConstraintOptions options) {
    String name = options.name() != null ? options.name()
        : table(cs, "exclusionConstraint") + "_" + columns(cs, List.of(field)) + "_exclusion";
    return add(cs, Constraint.Type.EXCLUSION, name, options, field, "violates an exclusion constraint", "exclusion");
  }

  /** The first declared constraint the violation matches, as its error; empty when none does. */
  static <T> Optional<Changeset<T>> violated(Changeset<T> cs, String sqlState, String constraintName) {
    for (Constraint c : cs.constraints()) {
      if (c.matches(sqlState, constraintName)) {
        return Optional.of(cs.addError(c.field(), c.message(),
            Map.of("constraint", c.errorType(), "constraint_name", constraintName)));
      }
    }
    return Optional.empty();
  }

  private static <T> Changeset<T> add(Changeset<T> cs, Constraint.Type type, String name, ConstraintOptions options,
      String field, String defaultMessage, String errorType) {
    ChangesetState<T> s = cs.state();
    String key = options.errorKey() != null ? options.errorKey() : field;
    String message = options.message() != null ? options.message() : defaultMessage;
    s.constraints().add(new Constraint(type, name, options.match(), key, message, errorType));
    return new Changeset<>(s);
  }

  private static String table(Changeset<?> cs, String declaration) {
    return requireSchema(cs, declaration).table();
  }

  private static <T> SchemaMeta<T> requireSchema(Changeset<T> cs, String declaration) {
    SchemaMeta<T> schema = cs.shape().schema();
    if (schema == null) {
      throw new ArgumentException(declaration + " on " + cs.describe()
          + " cannot infer a constraint name without a table; give it with ConstraintOptions.named(...)");
    }
    return schema;
  }

  private static String columns(Changeset<?> cs, List<String> fields) {
    List<String> cols = new ArrayList<>();
    for (String f : fields) {
      cols.add(cs.field(f).column());
    }
    return String.join("_", cols);
  }
}
