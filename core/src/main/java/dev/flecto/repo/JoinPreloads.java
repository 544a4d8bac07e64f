package dev.flecto.repo;

import dev.flecto.QueryException;
import dev.flecto.adapter.Adapter;
import dev.flecto.planner.PlannedQuery;
import dev.flecto.planner.Planner;
import dev.flecto.planner.QueryShape;
import dev.flecto.query.Expr;
import dev.flecto.query.FieldRef;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.query.Selection;
import dev.flecto.query.Source;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.Association;
import dev.flecto.schema.SchemaField;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Join preloads (Ecto's {@code preload: [comments: c]}): the query selects the columns of its
 * source and of each preloaded join in one statement, and the rows are folded back into records:
 * parents in the order they first appear, each once (by primary key), with the joined records of
 * each association in row order, each once. A left join that found nothing leaves an empty list
 * (or null). Preloads that are not joins run afterwards as their own queries, from the prefix the
 * query read its records from. As in Ecto, the query's source may be a subquery selecting a schema
 * whole, a preloaded join may read a subquery, and a through association is preloaded from the
 * join of its chain's last step, without loading the steps.
 */
final class JoinPreloads {
  private JoinPreloads() {}

  /** A binding the rows carry: the query's source (no association) or a preloaded join. */
  private static final class Node {
    final String binding;
    final SchemaMeta<?> meta;
    final Association assoc;
    final List<Node> children = new ArrayList<>();
    final int offset;
    final int[] key; // the primary key's positions among the loaded fields, or all of them

    Node(String binding, SchemaMeta<?> meta, Association assoc, int offset) {
      this.binding = binding;
      this.meta = meta;
      this.assoc = assoc;
      this.offset = offset;
      List<SchemaField> persisted = meta.loadedFields();
      int[] pk = meta.primaryKey().stream().mapToInt(persisted::indexOf).toArray();
      this.key = pk.length > 0 ? pk : java.util.stream.IntStream.range(0, persisted.size()).toArray();
    }

    int width() {
      return meta.loadedFields().size();
    }
  }

  /** One record read from the rows, and per preloaded join the records under it, by key, in row order. */
  private static final class Entry {
    final Object[] values;
    final Map<Node, LinkedHashMap<List<Object>, Entry>> under = new HashMap<>();

    Entry(Object[] values) {
      this.values = values;
    }
  }

  static boolean any(List<Preload> preloads) {
    return preloads.stream().anyMatch(p -> p.binding() != null);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> Flux<T> all(Adapter adapter, Preloader preloader, Query<T> query) {
    return Flux.defer(() -> {
      if (PreloadTakes.of(query) != query.preloads()) {
        throw new QueryException("a recordOf naming an association's fields restricts preloads by their own queries, "
            + "and this query also has join preloads, in query " + query + "; hint: name the joined records' fields "
            + "with a recordOf of their binding, or preload them by their own queries");
      }
      SchemaMeta<T> meta = (SchemaMeta<T>) recordsOf(query);
      if (meta == null) {
        throw new QueryException("join preloads fold the rows into the records of the query's source, so the query must "
            + "select them (no select, selectMerge or selectBinding) from a schema, or from a subquery selecting one, "
            + "in query " + query);
      }
      List<Node> nodes = new ArrayList<>();
      Node root = new Node(query.as(), meta, null, 0);
      nodes.add(root);
      List<Preload> others = new ArrayList<>();
      for (Preload p : query.preloads()) {
        if (p.binding() != null) {
          root.children.add(node(query, root, p, nodes));
        } else {
          others.add(p);
        }
      }
      Map<String, Expr> columns = new LinkedHashMap<>();
      for (Node n : nodes) {
        for (SchemaField f : n.meta.loadedFields()) {
          columns.put(columns.size() + "", new FieldRef(n.binding, f.name()));
        }
      }
      PlannedQuery<Map<String, Object>> planned;
      try {
        planned = Planner.plan(query.select(columns));
      } catch (QueryException e) {
        check(Planner.plan(query).shape(), nodes, query); // a binding of another schema says so, not "no such field"
        throw e;
      }
      check(planned.shape(), nodes, query);
      return adapter.all(planned).collectList().flatMapMany(rows -> {
        LinkedHashMap<List<Object>, Entry> parents = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
          Object[] values = row.values().toArray();
          fold(root, values, parents);
        }
        List<T> records = new ArrayList<>(parents.size());
        parents.values().forEach(e -> records.add((T) build(root, e)));
        List<Preload> after = new ArrayList<>(others);
        for (Preload p : query.preloads()) {
          if (p.binding() != null && hasQueryPreload(p)) {
            after.add(kept(p)); // loaded by the join: kept, and what is nested under it is loaded on it
          }
        }
        return (after.isEmpty() ? Mono.just(records) : preloader.preload(records, after, PreloadPrefix.of(query, null)))
            .flatMapIterable(l -> l);
      });
    });
  }

  /**
   * The schema of the records a query selects whole: its source's, or that of the subquery it reads
   * (Ecto preloads into a subquery source); null when it selects anything else.
   */
  private static SchemaMeta<?> recordsOf(Query<?> query) {
    if (!(query.select() instanceof Selection.Binding<?> b) || !b.merged().isEmpty()
        || (b.binding() != null && !b.binding().equals(query.as()))) {
      return null;
    }
    return schemaOf(query.source());
  }

  /** The schema whose records a source's rows are: a schema's, or a subquery's that selects one whole. */
  private static SchemaMeta<?> schemaOf(Source source) {
    if (source instanceof Source.Schema s) {
      return Schemas.of(s.type());
    }
    return source instanceof Source.Subquery sub ? recordsOf(sub.query()) : null;
  }

  /**
   * A preloaded join: of a direct association, or of a through one, whose join reads the chain's
   * last schema (Ecto: {@code join: ca in assoc(p, :comments_authors), preload: [comments_authors: ca]}
   * loads the through association alone, not the steps of its chain).
   */
  private static Node node(Query<?> query, Node parent, Preload p, List<Node> nodes) {
    Association a = parent.meta.association(p.name());
    if (a == null) {
      throw new QueryException("join preload '" + p.name() + "' (binding '" + p.binding() + "') names no association "
          + "of " + parent.meta.describe() + "; its associations are "
          + parent.meta.associations().stream().map(Association::name).toList() + ", in query " + query);
    }
    int offset = nodes.stream().mapToInt(Node::width).sum();
    Node n = new Node(p.binding(), Schemas.of(a.target()), a, offset);
    nodes.add(n);
    for (Preload nested : p.nested()) {
      if (nested.binding() != null) {
        n.children.add(node(query, n, nested, nodes));
      }
    }
    return n;
  }

  /** Each preloaded binding must join the association's schema. */
  private static void check(QueryShape shape, List<Node> nodes, Query<?> query) {
    for (Node n : nodes.subList(1, nodes.size())) {
      int index = shape.bindingIndex(n.binding);
      SchemaMeta<?> joined = index < 0 ? null : schemaOf(shape.sources().get(index).source());
      if (joined == null || joined.type() != n.meta.type()) {
        throw new QueryException("join preload '" + n.assoc.name() + "' reads binding '" + n.binding + "', which "
            + (index < 0 ? "the query does not have" : "joins " + shape.sources().get(index).describe())
            + "; it must join " + n.meta.describe() + " (joinAssoc(..., \"" + n.assoc.name() + "\", \"" + n.binding
            + "\")), in query " + query);
      }
    }
  }

  private static void fold(Node node, Object[] row, LinkedHashMap<List<Object>, Entry> into) {
    Object[] values = Arrays.copyOfRange(row, node.offset, node.offset + node.width());
    if (node.assoc != null && Arrays.stream(values).allMatch(v -> v == null)) {
      return; // a left join that matched nothing
    }
    Object[] k = new Object[node.key.length];
    for (int i = 0; i < k.length; i++) {
      k[i] = values[node.key[i]];
    }
    Entry e = into.computeIfAbsent(Arrays.asList(k), x -> new Entry(values));
    for (Node c : node.children) {
      fold(c, row, e.under.computeIfAbsent(c, x -> new LinkedHashMap<>()));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object build(Node node, Entry e) {
    SchemaMeta meta = node.meta;
    Object record = meta.fromLoaded(e.values, null);
    if (node.children.isEmpty()) {
      return record;
    }
    Map<String, Object> loaded = new HashMap<>();
    for (Node c : node.children) {
      List<Object> held = new ArrayList<>();
      e.under.getOrDefault(c, new LinkedHashMap<>()).values().forEach(x -> held.add(build(c, x)));
      loaded.put(c.assoc.name(), c.assoc.kind().many() ? Assoc.loaded(List.copyOf(held))
          : Assoc.loaded(held.isEmpty() ? null : held.get(0)));
    }
    return meta.with(record, loaded);
  }

  private static boolean hasQueryPreload(Preload p) {
    return p.nested().stream().anyMatch(n -> n.binding() == null || hasQueryPreload(n));
  }

  /** The same tree as plain preloads: the joined levels are loaded already, so they are kept. */
  private static Preload kept(Preload p) {
    List<Preload> nested = new ArrayList<>();
    for (Preload n : p.nested()) {
      if (n.binding() == null) {
        nested.add(n);
      } else if (hasQueryPreload(n)) {
        nested.add(kept(n));
      }
    }
    return new Preload(p.name(), nested, null, false);
  }
}
