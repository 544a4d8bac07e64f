package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.BinaryOp;
import dev.flecto.query.Call;
import dev.flecto.query.CastExpr;
import dev.flecto.query.Expr;
import dev.flecto.query.FieldRef;
import dev.flecto.query.InExpr;
import dev.flecto.query.JsonPath;
import dev.flecto.query.Operator;
import dev.flecto.query.Over;
import dev.flecto.query.Param;
import dev.flecto.query.ParentRef;
import dev.flecto.query.SubqueryExpr;
import dev.flecto.schema.FieldType;
import dev.flecto.schema.JsonText;
import dev.flecto.schema.SchemaField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Casts the values of comparisons, operators and {@code in} lists to the type of what they meet
 * (Ecto's parameter casting): a value compared with a field becomes that field's type, dumped
 * once; a value compared with a cast takes the cast's type; a null comparison, an uncastable
 * value or a LIKE pattern that does not fit fails naming the field. Apart from {@link ExprPlanner} because this is where the typing rules live.
 */
final class ParamPlanner {
  private ParamPlanner() {}

  static Expr binary(Scope scope, BinaryOp b, String clause) {
    if (b.op() == Operator.AND || b.op() == Operator.OR) {
      return new BinaryOp(b.op(), ExprPlanner.expr(scope, b.left(), clause), ExprPlanner.expr(scope, b.right(), clause));
    }
    SchemaField leftType = typeOf(scope, b.left(), clause);
    SchemaField rightType = typeOf(scope, b.right(), clause);
    Expr left = b.left() instanceof Param p ? typed(scope, p, rightType, b, clause) : ExprPlanner.expr(scope, b.left(), clause);
    Expr right = b.right() instanceof Param p ? typed(scope, p, leftType, b, clause) : ExprPlanner.expr(scope, b.right(), clause);
    return new BinaryOp(b.op(), left, right);
  }

  private static Expr typed(Scope scope, Param p, SchemaField against, BinaryOp b, String clause) {
    if (p.value() == null && b.op().comparison()) {
      boolean named = against != null && !CastTypes.isCast(against);
      String name = named ? "field '" + against.name() + "'" : "an expression";
      throw new QueryException("comparing " + name + " with null is forbidden as it is unsafe, in " + clause
          + " of query " + scope.query + "; hint: use " + (named ? "whereNull(\"" + against.name()
          + "\") or field(\"" + against.name() + "\").isNull()" : "isNull()") + " to match NULL");
    }
    if (b.op() == Operator.LIKE || b.op() == Operator.ILIKE) {
      return pattern(scope, p, against, b.op(), clause);
    }
    Expr other = b.left() instanceof Param ? b.right() : b.left();
    SchemaField embedded = other instanceof JsonPath path ? EmbedPaths.leaf(scope, path, clause) : null;
    if (embedded != null) {
      return scope.bind(EmbedPaths.compared(scope, (JsonPath) other, embedded, p.value(), clause));
    }
    if (other instanceof JsonPath j && !j.asText()) {
      try {
        return scope.bind(JsonText.of(p.value())); // jsonb compares with jsonb, as Ecto encodes it
      } catch (IllegalArgumentException e) {
        throw new QueryException("value " + dev.flecto.schema.ValueText.quoted(p.value()) + " compared with a JSON path in " + clause
            + " cannot be encoded as JSON (" + e.getMessage() + "), in query " + scope.query);
      }
    }
    if (against == null && isCount(other)) {
      try {
        return scope.bind(FieldType.LONG.cast(p.value(), Long.class)); // count(...) is a bigint, as Ecto types it
      } catch (IllegalArgumentException e) {
        throw new QueryException("value " + dev.flecto.schema.ValueText.quoted(p.value()) + " in " + clause
            + " cannot be compared with a count, in query " + scope.query + "; hint: pass a whole number");
      }
    }
    return against == null ? scope.bind(p.value()) : scope.placeholder(castTo(scope, against, p.value(), clause));
  }

  /**
   * A LIKE pattern is text, bound as text; against a bytea field it is bytes (PostgreSQL's
   * {@code bytea LIKE bytea}), given as a byte[] or as a String read as UTF-8, as Ecto binds a
   * binary pattern. PostgreSQL has no ILIKE for bytea, so that fails here rather than in the server.
   */
  private static Expr pattern(Scope scope, Param p, SchemaField against, Operator op, String clause) {
    if (against == null || against.type() != FieldType.BYTES || against.elementType() != null) {
      if (!(p.value() instanceof CharSequence)) {
        throw new QueryException(op + " in " + clause + " needs a string pattern, got " + dev.flecto.schema.ValueText.quoted(p.value())
            + ", in query " + scope.query);
      }
      return scope.bind(p.value().toString());
    }
    if (op == Operator.ILIKE) {
      throw new QueryException("ILIKE on field '" + against.name() + "' in " + clause + " of schema " + scope.owner(against)
          + " compares bytes, and PostgreSQL has no case-insensitive LIKE for bytea, in query " + scope.query
          + "; hint: like(...) matches the bytes as they are");
    }
    if (p.value() instanceof byte[] bytes) {
      return scope.placeholder(bytes);
    }
    if (p.value() instanceof CharSequence text) {
      return scope.placeholder(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    throw new QueryException(op + " on bytea field '" + against.name() + "' in " + clause + " needs a String or byte[] pattern, got "
        + dev.flecto.schema.ValueText.quoted(p.value()) + ", in query " + scope.query);
  }

  /** The value of {@code cast(param(value), type)}, cast to the type and dumped (Ecto casts a type/2 parameter with Ecto.Type.cast). */
  static Object castValue(Scope scope, FieldType type, Class<?> javaType, Object value, String clause) {
    try {
      return type.dump(type.cast(value, javaType));
    } catch (IllegalArgumentException e) {
      throw new QueryException("value " + dev.flecto.schema.ValueText.quoted(value) + " in " + clause + " cannot be cast to "
          + javaType.getSimpleName() + " in cast(…, " + javaType.getSimpleName() + "), in query " + scope.query
          + "; hint: pass a " + javaType.getSimpleName() + " or text it can be cast from");
    }
  }

  private static boolean isCount(Expr e) {
    return e instanceof Call c && c.fn() == Call.Fn.COUNT
        || e instanceof Over o && o.function().fn() == Call.Fn.COUNT;
  }

  static Expr in(Scope scope, InExpr in, String clause) {
    if (in.values() instanceof SubqueryExpr q) {
      return new InExpr(ExprPlanner.expr(scope, in.operand(), clause),
          new SubqueryExpr(NestedPlanner.subquery(scope, q.query(), clause, true)), in.negated());
    }
    if (!(in.values() instanceof Param)) {
      return inArray(scope, in, clause);
    }
    if (!(in.values() instanceof Param p) || !(p.value() instanceof Collection<?> values)) {
      throw new QueryException("in(...) in " + clause + " takes a list of values, in query " + scope.query);
    }
    SchemaField type = typeOf(scope, in.operand(), clause);
    Expr operand = ExprPlanner.expr(scope, in.operand(), clause);
    List<Object> cast = new ArrayList<>(values.size());
    Class<?> element = null;
    for (Object v : values) {
      if (v == null) {
        throw new QueryException("in(...) in " + clause + " holds null, which never matches, in query " + scope.query
            + "; hint: combine with isNull()");
      }
      Object c = type == null ? PlanValues.dumpRaw(v) : castTo(scope, type, v, clause);
      element = element == null ? c.getClass() : element;
      cast.add(c);
    }
    Class<?> component = element == null ? (type == null ? String.class : PlanValues.bindClass(type)) : element;
    Object array = java.lang.reflect.Array.newInstance(component, cast.size());
    if (array instanceof Object[] boxed) {
      cast.toArray(boxed); // one copy, no reflective store per element (a preload binds thousands of keys)
    } else {
      for (int i = 0; i < cast.size(); i++) {
        java.lang.reflect.Array.set(array, i, cast.get(i));
      }
    }
    return new InExpr(operand, scope.placeholder(array), in.negated());
  }

  /**
   * Ecto's {@code value in p.tags}: {@code value = ANY(array)} over an array expression, the value
   * cast to the array field's element type (an enum to its text) so it compares as stored.
   */
  private static Expr inArray(Scope scope, InExpr in, String clause) {
    SchemaField array = typeOf(scope, in.values(), clause);
    if (array != null && array.elementType() == null) {
      throw new QueryException("in(" + (in.values() instanceof FieldRef f ? "field(\"" + f.field() + "\")" : "...")
          + ") in " + clause + " needs a list (array) field, but it is " + array.typeName() + ", in query " + scope.query
          + "; hint: in(List.of(...)) for a list of values");
    }
    Expr values = ExprPlanner.expr(scope, in.values(), clause);
    Expr operand;
    if (in.operand() instanceof Param p && array != null) {
      if (p.value() == null) {
        throw new QueryException("null in(...) an array in " + clause + " never matches, in query " + scope.query);
      }
      try {
        operand = scope.bind(array.dumpElement(array.castElement(p.value())));
      } catch (IllegalArgumentException e) {
        throw new QueryException("value " + dev.flecto.schema.ValueText.quoted(p.value()) + " in " + clause + " cannot be cast to "
            + (array.custom() != null ? array.custom().name() : array.elementType().getSimpleName()) + ", the elements of field '"
            + array.name() + "', in query " + scope.query);
      }
    } else {
      operand = ExprPlanner.expr(scope, in.operand(), clause);
    }
    return new InExpr(operand, values, in.negated());
  }

  private static Object castTo(Scope scope, SchemaField field, Object value, String clause) {
    try {
      return field.dump(field.cast(value));
    } catch (IllegalArgumentException e) {
      String what = CastTypes.isCast(field) ? "compared with " + field.name()
          : "for field '" + field.name() + "' of schema " + scope.owner(field);
      throw new QueryException("value " + dev.flecto.schema.ValueText.quoted(value) + " in " + clause + " cannot be cast to " + field.typeName()
          + " " + what + " in query " + scope.query + "; hint: pass a " + field.typeName() + " or text it can be cast from");
    }
  }

  /** The field whose type an expression has, when it has one: a field, or arithmetic over one. */
  private static SchemaField typeOf(Scope scope, Expr e, String clause) {
    if (e instanceof FieldRef f) {
      return scope.field(f, clause);
    }
    if (e instanceof ParentRef r && scope.parent != null) {
      return scope.parentField(r, clause);
    }
    if (e instanceof CastExpr c) {
      return CastTypes.of(c.type());
    }
    if (e instanceof BinaryOp b && !b.op().comparison() && b.op() != Operator.AND && b.op() != Operator.OR) {
      SchemaField left = typeOf(scope, b.left(), clause);
      SchemaField right = typeOf(scope, b.right(), clause);
      return left == null ? right : right == null ? left : CastTypes.wider(left, right);
    }
    if (e instanceof Call c && c.fn() != Call.Fn.COUNT && !c.args().isEmpty()) {
      return typeOf(scope, c.args().get(0), clause);
    }
    return null;
  }
}
