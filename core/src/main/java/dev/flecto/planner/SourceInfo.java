package dev.flecto.planner;

import dev.flecto.QueryException;
import dev.flecto.query.Expr;
import dev.flecto.query.FieldRef;
import dev.flecto.query.Query;
import dev.flecto.query.RecordOf;
import dev.flecto.query.Selection;
import dev.flecto.query.Source;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A binding's source as the planner resolved it: its schema when it has one, and for a subquery
 * the fields it selects (with their types when known).
 *
 * <pre>{@code shape.sources().get(0).schema().table() }</pre>
 *
 * @param source the source (a subquery's already planned)
 * @param schema the schema, or null for a table or subquery
 * @param fields for a subquery, its selected field names to their typed field (null when untyped)
 */
public record SourceInfo(Source source, SchemaMeta<?> schema, Map<String, SchemaField> fields) {
  /**
   * Resolves a source.
   *
   * <pre>{@code SourceInfo.of(new Source.Schema(Person.class, null)) }</pre>
   *
   * @param source the source
   * @return its information
   */
  public static SourceInfo of(Source source) {
    if (source instanceof Source.Schema s) {
      return new SourceInfo(source, Schemas.of(s.type()), null);
    }
    if (source instanceof Source.Table) {
      return new SourceInfo(source, null, null);
    }
    if (source instanceof Source.Sql f) {
      return new SourceInfo(source, f.schema() == null ? null : Schemas.of(f.schema()), null);
    }
    if (source instanceof Source.Values v) {
      Map<String, SchemaField> fields = new LinkedHashMap<>();
      int i = 0;
      for (Map.Entry<String, Class<?>> t : v.types().entrySet()) {
        dev.flecto.schema.FieldType type = dev.flecto.schema.FieldType.of(t.getValue());
        if (type == null || type == dev.flecto.schema.FieldType.LIST || type == dev.flecto.schema.FieldType.ASSOC) {
          throw new QueryException("values column '" + t.getKey() + "' has type " + t.getValue().getName()
              + ", which is not a field type; hint: " + dev.flecto.schema.FieldType.supportedTypes());
        }
        fields.put(t.getKey(), new SchemaField(t.getKey(), t.getKey(), i++, t.getValue(), type, false,
            dev.flecto.schema.IdGeneration.NONE, null, null, false, false));
      }
      return new SourceInfo(source, null, fields);
    }
    Query<?> sub = ((Source.Subquery) source).query();
    Map<String, SchemaField> fields = new LinkedHashMap<>();
    Selection<?> sel = sub.select();
    SourceInfo inner = of(sub.source());
    if (sel instanceof Selection.Binding<?> b && b.binding() == null && inner.schema() != null) {
      inner.schema().loadedFields().forEach(f -> fields.put(f.name(), f)); // what its SQL selects
    } else if (sel instanceof Selection.Named named) {
      named.exprs().forEach((name, e) -> fields.put(name, typed(e, inner)));
    } else if (sel instanceof Selection.Single<?> single && single.expr() instanceof RecordOf r) {
      SourceInfo row = bound(sub, r.binding()); // Ecto's struct/2 and map/2 in a subquery: its fields, typed as they are
      r.fields().forEach(name -> fields.put(name, row.typedField(name)));
    } else {
      throw new QueryException("a subquery used as a source must select its schema, a binding's recordOf or mapOf, or a "
          + "map of named expressions, got " + sub + "; hint: subquery.select(Map.of(\"name\", expr, ...))");
    }
    return new SourceInfo(source, null, fields);
  }

  // The source of a binding of a planned query: its joins are resolved (an association's expanded) by then.
  private static SourceInfo bound(Query<?> q, String binding) {
    if (binding == null || binding.equals(q.as()) || binding.equals(FieldRef.POSITION + "0")) {
      return of(q.source());
    }
    for (int i = 0; i < q.joins().size(); i++) {
      if (binding.equals(q.joins().get(i).as()) || binding.equals(FieldRef.POSITION + (i + 1))) {
        return of(q.joins().get(i).source());
      }
    }
    throw new AssertionError(binding); // the planner resolved it
  }

  private static SchemaField typed(Expr e, SourceInfo inner) {
    if (e instanceof FieldRef f && f.binding() == null && inner.schema() != null) {
      return inner.schema().findField(f.field());
    }
    return null;
  }

  /**
   * The table name used in SQL, or null for a subquery.
   *
   * <pre>{@code info.table() // "people" }</pre>
   *
   * @return the table
   */
  public String table() {
    if (source instanceof Source.Schema s) {
      return s.table() != null ? s.table() : schema.table();
    }
    if (source instanceof Source.Table t) {
      return t.name();
    }
    return null;
  }

  /**
   * Whether the source has a field of that name (a table accepts any).
   *
   * <pre>{@code info.hasField("age") }</pre>
   *
   * @param name the field name
   * @return true when it has
   */
  public boolean hasField(String name) {
    if (schema != null) {
      return schema.findField(name) != null;
    }
    return fields == null || fields.containsKey(name);
  }

  /**
   * The field's typed definition, or null when the source does not type it.
   *
   * <pre>{@code info.typedField("age") }</pre>
   *
   * @param name the field name
   * @return the field or null
   */
  public SchemaField typedField(String name) {
    if (schema != null) {
      return schema.findField(name);
    }
    return fields == null ? null : fields.get(name);
  }

  /**
   * The column the field reads: the schema's column for a schema, the name itself otherwise.
   *
   * <pre>{@code info.column("firstName") // "first_name" }</pre>
   *
   * @param name the field name
   * @return the column
   */
  public String column(String name) {
    if (schema != null) {
      return schema.findField(name).column();
    }
    SchemaField f = fields == null ? null : fields.get(name);
    return f != null && fields != null && source instanceof Source.Subquery s
        && s.query().select() instanceof Selection.Binding<?> ? f.column() : name;
  }

  /**
   * A readable name for messages.
   *
   * <pre>{@code info.describe() }</pre>
   *
   * @return the description
   */
  public String describe() {
    return schema != null && source instanceof Source.Schema s && s.table() == null ? schema.describe() : Source.describe(source);
  }

  /**
   * The known field names, for hints.
   *
   * <pre>{@code info.fieldNames() }</pre>
   *
   * @return the names, or a note for a table
   */
  public String fieldNames() {
    if (schema != null) {
      return schema.fieldNames();
    }
    return fields == null ? "(any column of the table)" : String.join(", ", fields.keySet());
  }
}
