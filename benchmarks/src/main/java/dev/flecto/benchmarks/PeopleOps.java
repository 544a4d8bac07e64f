package dev.flecto.benchmarks;

import static org.springframework.data.domain.Sort.by;
import static org.springframework.data.relational.core.query.Criteria.where;
import static org.springframework.data.relational.core.query.Query.query;

import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.LengthRule;
import dev.flecto.changeset.NumberRule;
import dev.flecto.query.Op;
import dev.flecto.query.Query;
import io.r2dbc.spi.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operations on {@code bench_people} of W1 (get by id), W2 (a page by where + order + limit)
 * and W3 (insert one record from form parameters, cast and validated), written once per
 * implementation so that the JMH workloads and the W8 mixed load run the same code. The reactive
 * ones return a cold {@link Mono}; JDBC's block the calling thread.
 *
 * <p>W3's input is what a web form sends: text values by field name. Flecto casts and validates
 * it with a changeset; the others parse and check it by hand with {@link #validate(Map)}, the same
 * rules, so every side does the same work before its INSERT.
 *
 * <pre>{@code
 * BenchPerson p = PeopleOps.flectoGet(stacks, 42L).block();
 * BenchPerson q = PeopleOps.jdbcGet(stacks, 42L);
 * }</pre>
 */
final class PeopleOps {
  /** The fields W3 permits, as Flecto names them. */
  static final String[] PERMITTED = {"firstName", "lastName", "age", "insertedAt"};

  private PeopleOps() {}

  // ---- W1: get by primary key

  static Mono<BenchPerson> flectoGet(Stacks s, long id) {
    return flectoGet(s.repo(), id);
  }

  static Mono<BenchPerson> flectoGet(dev.flecto.repo.Repo repo, long id) {
    return repo.get(BenchPerson.class, id);
  }

  static Mono<BenchPerson> rawGet(Stacks s, long id) {
    return Flux.usingWhen(s.pool().create(),
            c -> Flux.from(c.createStatement(People.GET).bind(0, id).execute())
                .flatMap(r -> r.map((row, meta) -> People.person(row))),
            Connection::close)
        .singleOrEmpty();
  }

  static Mono<BenchPerson> springGet(Stacks s, long id) {
    return s.template().selectOne(query(where("id").is(id)), BenchPerson.class);
  }

  static Mono<BenchPerson> jooqGet(Stacks s, long id) {
    return Mono.from(s.jooq()
            .select(People.ID, People.FIRST_NAME, People.LAST_NAME, People.AGE, People.INSERTED_AT)
            .from(People.TABLE)
            .where(People.ID.eq(id)))
        .map(People::person);
  }

  static BenchPerson jdbcGet(Stacks s, long id) {
    try (java.sql.Connection c = s.jdbc().getConnection(); PreparedStatement ps = c.prepareStatement(People.JDBC_GET)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? People.person(rs) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("JDBC get by id " + id + ": " + e.getMessage(), e);
    }
  }

  // ---- W2: where + order + limit

  static Mono<List<BenchPerson>> flectoPage(Stacks s, int minAge, int limit) {
    return flectoPage(s.repo(), minAge, limit);
  }

  static Mono<List<BenchPerson>> flectoPage(dev.flecto.repo.Repo repo, int minAge, int limit) {
    return repo.all(Query.from(BenchPerson.class).where("age", Op.GE, minAge).orderBy("id").limit(limit))
        .collectList();
  }

  static Mono<List<BenchPerson>> rawPage(Stacks s, int minAge, int limit) {
    return Flux.usingWhen(s.pool().create(),
            c -> Flux.from(c.createStatement(People.PAGE).bind(0, minAge).bind(1, limit).execute())
                .flatMap(r -> r.map((row, meta) -> People.person(row))),
            Connection::close)
        .collectList();
  }

  static Mono<List<BenchPerson>> springPage(Stacks s, int minAge, int limit) {
    return s.template()
        .select(query(where("age").greaterThanOrEquals(minAge)).sort(by("id")).limit(limit), BenchPerson.class)
        .collectList();
  }

  static Mono<List<BenchPerson>> jooqPage(Stacks s, int minAge, int limit) {
    return Flux.from(s.jooq()
            .select(People.ID, People.FIRST_NAME, People.LAST_NAME, People.AGE, People.INSERTED_AT)
            .from(People.TABLE)
            .where(People.AGE.ge(minAge))
            .orderBy(People.ID)
            .limit(limit))
        .map(People::person)
        .collectList();
  }

  static List<BenchPerson> jdbcPage(Stacks s, int minAge, int limit) {
    try (java.sql.Connection c = s.jdbc().getConnection(); PreparedStatement ps = c.prepareStatement(People.JDBC_PAGE)) {
      ps.setInt(1, minAge);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<BenchPerson> out = new ArrayList<>(limit);
        while (rs.next()) {
          out.add(People.person(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("JDBC page of " + limit + ": " + e.getMessage(), e);
    }
  }

  // ---- W3: insert one record from form parameters

  /** A new person's form: text values by Flecto's field names, as a web form posts them. */
  static Map<String, Object> form(long n) {
    return Map.of("firstName", "First" + n, "lastName", "Last" + n, "age", String.valueOf(n % 90),
        "insertedAt", Instant.ofEpochSecond(1_700_000_000L + n).toString());
  }

  static Mono<BenchPerson> flectoInsert(Stacks s, Map<String, Object> form) {
    return flectoInsert(s.repo(), form);
  }

  static Mono<BenchPerson> flectoInsert(dev.flecto.repo.Repo repo, Map<String, Object> form) {
    Changeset<BenchPerson> changeset = Changeset.cast(BenchPerson.class, form, PERMITTED)
        .validateRequired("firstName", "age", "insertedAt")
        .validateLength("firstName", LengthRule.between(1, 100))
        .validateNumber("age", NumberRule.greaterThanOrEqualTo(0), NumberRule.lessThan(150));
    return repo.insert(changeset);
  }

  static Mono<BenchPerson> rawInsert(Stacks s, Map<String, Object> form) {
    BenchPerson p = validate(form);
    return Flux.usingWhen(s.pool().create(),
            c -> {
              io.r2dbc.spi.Statement st = c.createStatement(People.INSERT).bind(0, p.firstName());
              (p.lastName() == null ? st.bindNull(1, String.class) : st.bind(1, p.lastName()))
                  .bind(2, p.age()).bind(3, p.insertedAt());
              return Flux.from(st.execute()).flatMap(r -> r.map((row, meta) -> People.person(row)));
            },
            Connection::close)
        .single();
  }

  static Mono<BenchPerson> springInsert(Stacks s, Map<String, Object> form) {
    return Mono.fromSupplier(() -> validate(form)).flatMap(p -> s.template().insert(p));
  }

  static Mono<BenchPerson> jooqInsert(Stacks s, Map<String, Object> form) {
    return Mono.fromSupplier(() -> validate(form))
        .flatMap(p -> Mono.from(s.jooq()
                .insertInto(People.TABLE, People.FIRST_NAME, People.LAST_NAME, People.AGE, People.INSERTED_AT)
                .values(p.firstName(), p.lastName(), p.age(), p.insertedAt())
                .returningResult(People.ID))
            .map(r -> withId(p, r.value1())));
  }

  static BenchPerson jdbcInsert(Stacks s, Map<String, Object> form) {
    BenchPerson p = validate(form);
    try (java.sql.Connection c = s.jdbc().getConnection();
        PreparedStatement ps = c.prepareStatement(People.JDBC_INSERT)) {
      ps.setString(1, p.firstName());
      ps.setString(2, p.lastName());
      ps.setInt(3, p.age());
      ps.setTimestamp(4, Timestamp.from(p.insertedAt()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return People.person(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("JDBC insert: " + e.getMessage(), e);
    }
  }

  /**
   * What the peers do by hand for W3, with the changeset's rules: each permitted value parsed to its
   * field's type, first name and age and inserted-at required, first name 1..100 characters, age in
   * [0, 150).
   *
   * @throws IllegalArgumentException naming every field at fault
   */
  static BenchPerson validate(Map<String, Object> form) {
    List<String> errors = new ArrayList<>(0);
    String first = text(form.get("firstName"));
    String last = text(form.get("lastName"));
    Integer age = null;
    Instant at = null;
    try {
      String a = text(form.get("age"));
      age = a == null ? null : Integer.valueOf(a);
    } catch (NumberFormatException e) {
      errors.add("age: is invalid");
    }
    try {
      String t = text(form.get("insertedAt"));
      at = t == null ? null : Instant.parse(t);
    } catch (DateTimeParseException e) {
      errors.add("insertedAt: is invalid");
    }
    if (first == null) {
      errors.add("firstName: can't be blank");
    } else if (first.codePointCount(0, first.length()) > 100) {
      errors.add("firstName: should be at most 100 character(s)");
    }
    if (age == null && errors.stream().noneMatch(e -> e.startsWith("age"))) {
      errors.add("age: can't be blank");
    } else if (age != null && (age < 0 || age >= 150)) {
      errors.add("age: must be in [0, 150)");
    }
    if (at == null && errors.stream().noneMatch(e -> e.startsWith("insertedAt"))) {
      errors.add("insertedAt: can't be blank");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid person " + form + ": " + String.join(", ", errors));
    }
    return new BenchPerson(null, first, last, age, at);
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString().strip();
    return s.isEmpty() ? null : s;
  }

  private static BenchPerson withId(BenchPerson p, long id) {
    return new BenchPerson(id, p.firstName(), p.lastName(), p.age(), p.insertedAt());
  }
}
