package dev.flecto.r2dbc.postgres;

import static dev.flecto.query.Exprs.ago;
import static dev.flecto.query.Exprs.and;
import static dev.flecto.query.Exprs.avg;
import static dev.flecto.query.Exprs.cast;
import static dev.flecto.query.Exprs.coalesce;
import static dev.flecto.query.Exprs.count;
import static dev.flecto.query.Exprs.countDistinct;
import static dev.flecto.query.Exprs.dateAdd;
import static dev.flecto.query.Exprs.datetimeAdd;
import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static dev.flecto.query.Exprs.fromNow;
import static dev.flecto.query.Exprs.jsonPath;
import static dev.flecto.query.Exprs.jsonText;
import static dev.flecto.query.Exprs.lower;
import static dev.flecto.query.Exprs.max;
import static dev.flecto.query.Exprs.min;
import static dev.flecto.query.Exprs.not;
import static dev.flecto.query.Exprs.or;
import static dev.flecto.query.Exprs.over;
import static dev.flecto.query.Exprs.param;
import static dev.flecto.query.Exprs.parentAs;
import static dev.flecto.query.Exprs.rowNumber;
import static dev.flecto.query.Exprs.selected;
import static dev.flecto.query.Exprs.selectedAs;
import static dev.flecto.query.Exprs.splice;
import static dev.flecto.query.Exprs.sum;
import static dev.flecto.query.Exprs.upper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.planner.PlannedUpdate;
import dev.flecto.planner.Planner;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Call;
import dev.flecto.query.DateAdd;
import dev.flecto.query.Expr;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.query.Source;
import dev.flecto.query.Updates;
import dev.flecto.query.Window;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.Column;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.Schema;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One small case per construct and per combination of constructs, each asserting the exact SQL
 * (and the bound values where there are any), in the manner of ecto_sql's postgres_test.exs.
 */
class PostgresCompilerCasesTest {
  public enum Status { ACTIVE, BANNED }

  @Schema("users")
  public record User(@Id Long id, String name, Integer age, Status status, List<String> tags, Long teamId,
      Map<String, Object> meta) {}

  @Schema("posts")
  public record Post(@Id Long id, Long userId, String title, Integer votes, Double rating, Instant insertedAt, LocalDate day) {}

  @Schema("teams")
  public record Team(@Id Long id, String name) {}

  @Schema("grants")
  public record Grant(@Id Long userId, @Id Long teamId, String role) {}

  @Schema("owners")
  public record Owner(@Id Long id, String name, @HasMany Assoc<List<Pet>> pets,
      @ManyToMany(joinTable = "owners_clubs") Assoc<List<Club>> clubs) {}

  @Schema("pets")
  public record Pet(@Id Long id, Long ownerId, String kind, @BelongsTo Assoc<Owner> owner) {}

  @Schema("clubs")
  public record Club(@Id Long id, String title) {}

  @Schema("Odd \"Table\"")
  public record Odd(@Id @Column("ID") Long id, @Column("first name") String firstName, @Column("Mixed\"Case") String mixed) {}

  @Schema("1st_things")
  public record First(@Id Long id) {}

  public record NameAge(String name, Integer age) {}

  private final PostgresDialect dialect = new PostgresDialect(64);

  private static final String U = "u0.\"id\", u0.\"name\", u0.\"age\", u0.\"status\", u0.\"tags\", u0.\"team_id\", u0.\"meta\"";
  private static final String FU = " FROM \"users\" AS u0";
  private static final String SU = "SELECT " + U + FU;
  private static final String P = "p0.\"id\", p0.\"user_id\", p0.\"title\", p0.\"votes\", p0.\"rating\", p0.\"inserted_at\", p0.\"day\"";
  private static final String FP = " FROM \"posts\" AS p0";
  private static final String SP = "SELECT " + P + FP;

  private String select(Query<?> q) {
    return dialect.select(Planner.plan(q).shape());
  }

  private static List<Object> params(Query<?> q) {
    return Planner.plan(q).params();
  }

  private static Query<User> users() {
    return Query.from(User.class);
  }

  private static Query<Post> posts() {
    return Query.from(Post.class);
  }

  @SafeVarargs
  private static Map<String, Expr> cols(Map.Entry<String, ? extends Expr>... entries) {
    Map<String, Expr> m = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Expr> e : entries) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }

  private static Map.Entry<String, Expr> col(String name, Expr e) {
    return Map.entry(name, e);
  }

  // ---- boolean trees and arithmetic ----

  @Test
  void orInsideAndIsParenthesized() {
    assertThat(select(users().where(field("age").gt(1).and(field("name").eq("a").or(field("name").eq("b"))))))
        .isEqualTo(SU + " WHERE u0.\"age\" > $1 AND (u0.\"name\" = $2 OR u0.\"name\" = $3)");
  }

  @Test
  void chainedOrsStayFlat() {
    assertThat(select(users().where(or(field("age").eq(1), field("age").eq(2), field("age").eq(3)))))
        .isEqualTo(SU + " WHERE u0.\"age\" = $1 OR u0.\"age\" = $2 OR u0.\"age\" = $3");
  }

  @Test
  void andOfOrsParenthesizesEachOr() {
    assertThat(select(users().where(and(or(field("age").eq(1), field("age").eq(2)), or(field("name").eq("a"), field("name").isNull())))))
        .isEqualTo(SU + " WHERE (u0.\"age\" = $1 OR u0.\"age\" = $2) AND (u0.\"name\" = $3 OR u0.\"name\" IS NULL)");
  }

  @Test
  void notWrapsItsOperandAndNests() {
    assertThat(select(users().where(not(field("age").gt(1).and(field("name").eq("a"))))))
        .isEqualTo(SU + " WHERE NOT (u0.\"age\" > $1 AND u0.\"name\" = $2)");
    assertThat(select(users().where(not(not(field("age").eq(1))))))
        .isEqualTo(SU + " WHERE NOT (NOT (u0.\"age\" = $1))");
    assertThat(select(users().where(or(not(field("age").eq(1)), field("name").eq("a")))))
        .isEqualTo(SU + " WHERE NOT (u0.\"age\" = $1) OR u0.\"name\" = $2");
  }

  @Test
  void whereWhereThenOrWhereGroupsTheEarlierConditions() {
    assertThat(select(users().where("age", 1).where("name", "a").orWhere(field("teamId").eq(3))))
        .isEqualTo(SU + " WHERE (u0.\"age\" = $1 AND u0.\"name\" = $2) OR u0.\"team_id\" = $3");
    assertThat(params(users().where("age", 1).where("name", "a").orWhere(field("teamId").eq(3)))).containsExactly(1, "a", 3L);
  }

  @Test
  void nestedArithmeticIsFullyParenthesized() {
    assertThat(select(users().where(field("age").plus(1).minus(field("age").times(2)).eq(3))))
        .isEqualTo(SU + " WHERE ((u0.\"age\" + $1) - (u0.\"age\" * $2)) = $3");
    assertThat(select(posts().where(field("rating").dividedBy(field("votes").plus(1)).ge("1.5"))))
        .isEqualTo(SP + " WHERE (p0.\"rating\" / (p0.\"votes\" + $1)) >= $2");
    assertThat(params(posts().where(field("rating").dividedBy(field("votes").plus(1)).ge("1.5")))).containsExactly(1, 1.5);
  }

  @Test
  void aConditionUsedAsAValueIsParenthesized() {
    assertThat(select(users().where(field("age").gt(1).eq(true))))
        .isEqualTo(SU + " WHERE (u0.\"age\" > $1) = $2");
    assertThat(params(users().where(field("age").gt(1).eq(true)))).containsExactly(1, true);
  }

  // ---- comparisons ----

  @Test
  void aValueOnTheLeftTakesTheFieldsType() {
    Query<User> q = users().where(param("3").lt(field("age"))).where(param("7").ne(field("teamId")));
    assertThat(select(q)).isEqualTo(SU + " WHERE $1 < u0.\"age\" AND $2 <> u0.\"team_id\"");
    assertThat(params(q)).containsExactly(3, 7L);
  }

  @Test
  void everyComparisonBetweenFields() {
    assertThat(select(users().where(field("age").eq(field("teamId"))).where(field("age").ne(field("id")))
        .where(field("age").lt(field("id"))).where(field("age").le(field("id"))).where(field("age").gt(field("id")))
        .where(field("age").ge(field("id")))))
        .isEqualTo(SU + " WHERE u0.\"age\" = u0.\"team_id\" AND u0.\"age\" <> u0.\"id\" AND u0.\"age\" < u0.\"id\""
            + " AND u0.\"age\" <= u0.\"id\" AND u0.\"age\" > u0.\"id\" AND u0.\"age\" >= u0.\"id\"");
  }

  @Test
  void likeAndIlikeOnExpressionsAndFields() {
    Query<User> q = users().where(lower(field("name")).like("a%")).where(upper(field("name")).ilike(field("name")));
    assertThat(select(q)).isEqualTo(SU + " WHERE lower(u0.\"name\") LIKE $1 AND upper(u0.\"name\") ILIKE u0.\"name\"");
    assertThat(params(q)).containsExactly("a%");
  }

  @Test
  void likePatternOnAJoinedField() {
    Query<User> q = users().as("u").join(Post.class, "p", field("p", "userId").eq(field("u", "id")))
        .where(field("p", "title").ilike("%sql%"));
    assertThat(select(q)).isEqualTo(SU + " INNER JOIN \"posts\" AS p1 ON p1.\"user_id\" = u0.\"id\" WHERE p1.\"title\" ILIKE $1");
  }

  // ---- in / not in ----

  @Test
  void inOnAnIntegerFieldBindsAnIntegerArray() {
    Query<User> q = users().where(field("age").in(List.of(1, "2", 3L)));
    assertThat(select(q)).isEqualTo(SU + " WHERE u0.\"age\" = ANY($1)");
    assertThat((Integer[]) params(q).get(0)).containsExactly(1, 2, 3);
  }

  @Test
  void inOnAnEnumFieldBindsAStringArray() {
    Query<User> q = users().where(field("status").in(List.of(Status.ACTIVE, "BANNED")));
    assertThat(select(q)).isEqualTo(SU + " WHERE u0.\"status\" = ANY($1)");
    assertThat((String[]) params(q).get(0)).containsExactly("ACTIVE", "BANNED");
  }

  @Test
  void inOnAnEmptyListBindsAnEmptyArrayOfTheFieldsType() {
    Query<User> q = users().where(field("teamId").notIn(List.of()));
    assertThat(select(q)).isEqualTo(SU + " WHERE NOT (u0.\"team_id\" = ANY($1))");
    assertThat((Long[]) params(q).get(0)).isEmpty();
  }

  @Test
  void inOnAFunctionTakesItsArgumentsType() {
    Query<User> q = users().where(lower(field("name")).in(List.of("a", "b")));
    assertThat(select(q)).isEqualTo(SU + " WHERE lower(u0.\"name\") = ANY($1)");
    assertThat((String[]) params(q).get(0)).containsExactly("a", "b");
  }

  @Test
  void notInASubquery() {
    Query<User> q = users().where(field("id").notIn(posts().where(field("votes").lt(0)).select(field("userId"), Long.class)));
    assertThat(select(q)).isEqualTo(SU + " WHERE NOT (u0.\"id\" IN (SELECT sp0.\"user_id\" FROM \"posts\" AS sp0 WHERE sp0.\"votes\" < $1))");
  }

  @Test
  void inSubqueryParametersAreNumberedWhereTheyAppear() {
    Query<User> q = users().where(field("age").gt(1))
        .where(field("id").in(posts().where(field("votes").gt(5)).select(field("userId"), Long.class)))
        .where(field("name").eq("x"));
    assertThat(select(q)).isEqualTo(SU + " WHERE u0.\"age\" > $1 AND u0.\"id\" IN (SELECT sp0.\"user_id\" FROM \"posts\" AS sp0"
        + " WHERE sp0.\"votes\" > $2) AND u0.\"name\" = $3");
    assertThat(params(q)).containsExactly(1, 5, "x");
  }

  @Test
  void inOnAJoinedFieldAndAParentCorrelatedSubquery() {
    Query<User> q = users().as("u").join(JoinKind.LEFT, Team.class, "t", field("t", "id").eq(field("u", "teamId")))
        .where(field("t", "id").in(List.of(1L, 2L)))
        .where(field("u", "id").in(posts().where(field("title").eq(parentAs("t", "name"))).select(field("userId"), Long.class)));
    assertThat(select(q)).isEqualTo(SU + " LEFT OUTER JOIN \"teams\" AS t1 ON t1.\"id\" = u0.\"team_id\" WHERE t1.\"id\" = ANY($1)"
        + " AND u0.\"id\" IN (SELECT sp0.\"user_id\" FROM \"posts\" AS sp0 WHERE sp0.\"title\" = t1.\"name\")");
  }

  // ---- null checks ----

  @Test
  void nullChecksOnExpressions() {
    assertThat(select(users().where(field("age").plus(1).isNull())))
        .isEqualTo(SU + " WHERE (u0.\"age\" + $1) IS NULL");
    assertThat(select(users().where(field("age").gt(1).isNotNull())))
        .isEqualTo(SU + " WHERE (u0.\"age\" > $1) IS NOT NULL");
    assertThat(select(users().where(coalesce(field("name"), field("status")).isNull().or(lower(field("name")).isNotNull()))))
        .isEqualTo(SU + " WHERE coalesce(u0.\"name\", u0.\"status\") IS NULL OR lower(u0.\"name\") IS NOT NULL");
  }

  // ---- aggregates ----

  @Test
  void everyAggregateOverAField() {
    assertThat(select(users().select(cols(col("c", count(field("age"))), col("s", sum(field("age"))), col("a", avg(field("age"))),
        col("mn", min(field("age"))), col("mx", max(field("age")))))))
        .isEqualTo("SELECT count(u0.\"age\"), sum(u0.\"age\"), avg(u0.\"age\"), min(u0.\"age\"), max(u0.\"age\")" + FU);
  }

  @Test
  void everyAggregateWithDistinct() {
    Map<String, Expr> m = new LinkedHashMap<>();
    for (Call.Fn fn : List.of(Call.Fn.COUNT, Call.Fn.SUM, Call.Fn.AVG, Call.Fn.MIN, Call.Fn.MAX)) {
      m.put(fn.sql(), new Call(fn, List.of(field("age")), true));
    }
    assertThat(select(users().select(m)))
        .isEqualTo("SELECT count(DISTINCT u0.\"age\"), sum(DISTINCT u0.\"age\"), avg(DISTINCT u0.\"age\"),"
            + " min(DISTINCT u0.\"age\"), max(DISTINCT u0.\"age\")" + FU);
  }

  @Test
  void everyAggregateWithAFilter() {
    Expr adult = field("age").ge(18);
    Query<Map<String, Object>> q = users().select(cols(col("c", count(field("id")).filter(adult)), col("s", sum(field("age")).filter(adult)),
        col("a", avg(field("age")).filter(adult)), col("mn", min(field("age")).filter(adult)), col("mx", max(field("age")).filter(adult))));
    assertThat(select(q)).isEqualTo("SELECT count(u0.\"id\") FILTER (WHERE u0.\"age\" >= $1), sum(u0.\"age\") FILTER (WHERE u0.\"age\" >= $2),"
        + " avg(u0.\"age\") FILTER (WHERE u0.\"age\" >= $3), min(u0.\"age\") FILTER (WHERE u0.\"age\" >= $4),"
        + " max(u0.\"age\") FILTER (WHERE u0.\"age\" >= $5)" + FU);
    assertThat(params(q)).containsExactly(18, 18, 18, 18, 18);
  }

  @Test
  void distinctAggregateWithABooleanTreeFilter() {
    assertThat(select(users().select(countDistinct(field("teamId")).filter(field("age").gt(1).or(field("name").isNull())), Long.class)))
        .isEqualTo("SELECT count(DISTINCT u0.\"team_id\") FILTER (WHERE u0.\"age\" > $1 OR u0.\"name\" IS NULL)" + FU);
  }

  @Test
  void filteredAggregateInHavingBindsTheCountAsBigint() {
    Query<Long> q = users().groupBy(field("teamId")).having(count().filter(field("age").gt("1")).gt(2))
        .select(field("teamId"), Long.class);
    assertThat(select(q)).isEqualTo("SELECT u0.\"team_id\"" + FU
        + " GROUP BY u0.\"team_id\" HAVING count(*) FILTER (WHERE u0.\"age\" > $1) > $2");
    assertThat(params(q)).containsExactly(1, 2L);
  }

  // ---- coalesce and casts ----

  @Test
  void coalesceWithValuesInSelectAndWhere() {
    Query<String> q = users().where(coalesce(field("age"), field("teamId"), 0).gt("5")).select(coalesce(field("name"), "anon"), String.class);
    assertThat(select(q)).isEqualTo("SELECT coalesce(u0.\"name\", $3)" + FU + " WHERE coalesce(u0.\"age\", u0.\"team_id\", $1) > $2");
    assertThat(params(q)).containsExactly(0, 5, "anon");
  }

  @Test
  void castToTextualAndNumericTypes() {
    Map<String, Expr> m = new LinkedHashMap<>();
    m.put("a", cast(field("age"), String.class));
    m.put("b", cast(field("name"), Integer.class));
    m.put("c", cast(field("age"), Long.class));
    m.put("d", cast(field("age"), Short.class));
    m.put("e", cast(field("name"), Boolean.class));
    m.put("f", cast(field("age"), Double.class));
    m.put("g", cast(field("age"), Float.class));
    m.put("h", cast(field("age"), BigDecimal.class));
    m.put("i", cast(field("age"), Status.class));
    assertThat(select(users().select(m))).isEqualTo("SELECT CAST(u0.\"age\" AS text), CAST(u0.\"name\" AS integer),"
        + " CAST(u0.\"age\" AS bigint), CAST(u0.\"age\" AS smallint), CAST(u0.\"name\" AS boolean),"
        + " CAST(u0.\"age\" AS double precision), CAST(u0.\"age\" AS real), CAST(u0.\"age\" AS numeric), CAST(u0.\"age\" AS text)" + FU);
  }

  @Test
  void castToTemporalBinaryAndUuidTypes() {
    Map<String, Expr> m = new LinkedHashMap<>();
    m.put("a", cast(field("name"), UUID.class));
    m.put("b", cast(field("name"), Instant.class));
    m.put("c", cast(field("name"), OffsetDateTime.class));
    m.put("d", cast(field("name"), LocalDateTime.class));
    m.put("e", cast(field("name"), LocalDate.class));
    m.put("f", cast(field("name"), LocalTime.class));
    m.put("g", cast(field("name"), byte[].class));
    assertThat(select(users().select(m))).isEqualTo("SELECT CAST(u0.\"name\" AS uuid), CAST(u0.\"name\" AS timestamptz),"
        + " CAST(u0.\"name\" AS timestamptz), CAST(u0.\"name\" AS timestamp), CAST(u0.\"name\" AS date), CAST(u0.\"name\" AS time),"
        + " CAST(u0.\"name\" AS bytea)" + FU);
  }

  @Test
  void castOfABoundValueAndComparedWithAField() {
    Query<User> q = users().where(cast(param("5"), Integer.class).lt(field("age"))).where(field("name").eq(cast(field("age"), String.class)));
    assertThat(select(q)).isEqualTo(SU + " WHERE CAST($1 AS integer) < u0.\"age\" AND u0.\"name\" = CAST(u0.\"age\" AS text)");
    assertThat(params(q)).as("Ecto's type(^\"5\", :integer): the value is cast before it is bound").containsExactly(5);
  }

  @Test
  void castToAMapIsJsonb() {
    // Ecto's type(x, :map) is ::jsonb; FieldType.MAP is stored as jsonb.
    assertThat(select(users().select(cast(field("name"), Map.class), Object.class)))
        .isEqualTo("SELECT CAST(u0.\"name\" AS jsonb)" + FU);
  }

  // ---- fragments ----

  @Test
  void fragmentWithSeveralArguments() {
    Query<User> q = users().where(fragment("? BETWEEN ? AND ?", field("age"), 1, field("teamId")));
    assertThat(select(q)).isEqualTo(SU + " WHERE u0.\"age\" BETWEEN $1 AND u0.\"team_id\"");
    assertThat(params(q)).containsExactly(1);
  }

  @Test
  void fragmentsNestInFragmentsAndAppearInSelectAndOrder() {
    Query<String> q = users().select(fragment("concat(?, ?)", field("name"), fragment("upper(?)", "x")), String.class)
        .orderBy(Order.desc(fragment("length(?)", field("name"))));
    assertThat(select(q)).isEqualTo("SELECT concat(u0.\"name\", upper($1))" + FU + " ORDER BY length(u0.\"name\") DESC");
  }

  @Test
  void escapedQuestionMarksAreJsonbOperators() {
    Query<User> q = users().where(fragment("? \\?| ? AND ? \\?& ?", field("meta"), new String[] {"a"}, field("meta"), new String[] {"b"}));
    assertThat(select(q)).isEqualTo(SU + " WHERE u0.\"meta\" ?| $1 AND u0.\"meta\" ?& $2");
    assertThat((String[]) params(q).get(0)).containsExactly("a");
  }

  @Test
  void spliceAmongOtherArguments() {
    Query<User> q = users().where(fragment("? = ANY(ARRAY[?]) AND ? > ?", field("name"), splice(List.of("a", "b")), field("age"), 3));
    assertThat(select(q)).isEqualTo(SU + " WHERE u0.\"name\" = ANY(ARRAY[$1, $2]) AND u0.\"age\" > $3");
    assertThat(params(q)).containsExactly("a", "b", 3);
  }

  @Test
  void spliceOfFieldsAndValues() {
    assertThat(select(users().where(fragment("? IN (?)", field("age"), splice(List.of(field("teamId"), 2))))))
        .isEqualTo(SU + " WHERE u0.\"age\" IN (u0.\"team_id\", $1)");
  }

  // ---- joins ----

  @Test
  void innerLateralJoinOfACorrelatedSubquery() {
    Query<Post> top = posts().where(field("userId").eq(parentAs("u", "id"))).orderBy(Order.desc("votes")).limit(3);
    Query<Map<String, Object>> q = users().as("u").join(JoinKind.INNER_LATERAL, new Source.Subquery(top), "t", param(true).eq(true))
        .select(cols(col("name", field("u", "name")), col("title", field("t", "title"))));
    assertThat(select(q)).isEqualTo("SELECT u0.\"name\", s1.\"title\"" + FU + " INNER JOIN LATERAL (SELECT "
        + P.replace("p0.", "sp0.") + " FROM \"posts\" AS sp0 WHERE sp0.\"user_id\" = u0.\"id\" ORDER BY sp0.\"votes\" DESC LIMIT $1) AS s1"
        + " ON $2 = $3");
    assertThat(params(q)).containsExactly(3L, true, true);
  }

  @Test
  void crossJoinOfASubquery() {
    Query<Map<String, Object>> stats = posts().select(cols(col("n", count())));
    assertThat(select(users().join(JoinKind.CROSS, new Source.Subquery(stats), "s", null).select(field("s", "n"), Long.class)))
        .isEqualTo("SELECT s1.\"n\"" + FU + " CROSS JOIN (SELECT count(*) AS \"n\" FROM \"posts\" AS sp0) AS s1");
  }

  @Test
  void joinOfAGroupedSubquery() {
    Query<Map<String, Object>> perUser = posts().groupBy(field("userId")).having(count().gt(1))
        .select(cols(col("uid", field("userId")), col("n", count())));
    Query<User> q = users().where(field("age").gt(2)).join(JoinKind.LEFT, new Source.Subquery(perUser), "s", field("s", "uid").eq(field("id")));
    assertThat(select(q)).isEqualTo(SU + " LEFT OUTER JOIN (SELECT sp0.\"user_id\" AS \"uid\", count(*) AS \"n\" FROM \"posts\" AS sp0"
        + " GROUP BY sp0.\"user_id\" HAVING count(*) > $1) AS s1 ON s1.\"uid\" = u0.\"id\" WHERE u0.\"age\" > $2");
    assertThat(params(q)).containsExactly(1L, 2);
  }

  @Test
  void joinOfASchemaUnderAnotherTableName() {
    assertThat(select(users().join(JoinKind.INNER, new Source.Schema(Post.class, "recent_posts"), "p",
        field("p", "userId").eq(field("id")).and(field("p", "votes").gt("3")))))
        .isEqualTo(SU + " INNER JOIN \"recent_posts\" AS r1 ON r1.\"user_id\" = u0.\"id\" AND r1.\"votes\" > $1");
  }

  @Test
  void joinOfASchemalessTable() {
    Query<User> q = users().join(JoinKind.LEFT, new Source.Table("audit_entries"), "a",
        field("a", "user_id").eq(field("id")).and(field("a", "action").eq("login")));
    assertThat(select(q)).isEqualTo(SU + " LEFT OUTER JOIN \"audit_entries\" AS a1 ON a1.\"user_id\" = u0.\"id\" AND a1.\"action\" = $1");
    assertThat(params(q)).containsExactly("login");
  }

  @Test
  void joinsReferringToEarlierJoins() {
    Query<User> q = users().as("u")
        .join(Post.class, "p", field("p", "userId").eq(field("u", "id")))
        .join(JoinKind.LEFT, Post.class, "p2", field("p2", "userId").eq(field("p", "userId")).and(field("p2", "id").ne(field("p", "id"))))
        .join(JoinKind.RIGHT, Team.class, "t", field("t", "id").eq(field("u", "teamId")).and(field("t", "name").eq(field("p2", "title"))));
    assertThat(select(q)).isEqualTo(SU + " INNER JOIN \"posts\" AS p1 ON p1.\"user_id\" = u0.\"id\""
        + " LEFT OUTER JOIN \"posts\" AS p2 ON p2.\"user_id\" = p1.\"user_id\" AND p2.\"id\" <> p1.\"id\""
        + " RIGHT OUTER JOIN \"teams\" AS t3 ON t3.\"id\" = u0.\"team_id\" AND t3.\"name\" = p2.\"title\"");
  }

  @Test
  void joinConditionsAreNumberedBeforeWhere() {
    Query<User> q = users().where(field("age").gt(1)).join(Post.class, "p", field("p", "userId").eq(field("id")).and(field("p", "title").eq("x")));
    assertThat(select(q)).isEqualTo(SU + " INNER JOIN \"posts\" AS p1 ON p1.\"user_id\" = u0.\"id\" AND p1.\"title\" = $1 WHERE u0.\"age\" > $2");
    assertThat(params(q)).containsExactly("x", 1);
  }

  @Test
  void selectBindingOfEachJoin() {
    Query<User> q = users().as("u").join(Post.class, "p", field("p", "userId").eq(field("u", "id")))
        .join(JoinKind.LEFT, Team.class, "t", field("t", "id").eq(field("u", "teamId")));
    String from = FU + " INNER JOIN \"posts\" AS p1 ON p1.\"user_id\" = u0.\"id\" LEFT OUTER JOIN \"teams\" AS t2 ON t2.\"id\" = u0.\"team_id\"";
    assertThat(select(q.selectBinding("u", User.class))).isEqualTo("SELECT " + U + from);
    assertThat(select(q.selectBinding("p", Post.class))).isEqualTo("SELECT " + P.replace("p0.", "p1.") + from);
    assertThat(select(q.selectBinding("t", Team.class))).isEqualTo("SELECT t2.\"id\", t2.\"name\"" + from);
  }

  @Test
  void selectBindingOfASubqueryJoin() {
    Query<Map<String, Object>> perUser = posts().groupBy(field("userId")).select(cols(col("uid", field("userId")), col("n", count())));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Query<Map> q = users().join(JoinKind.INNER, new Source.Subquery(perUser), "s", field("s", "uid").eq(field("id")))
        .selectBinding("s", Map.class);
    assertThat(select(q)).isEqualTo("SELECT s1.\"uid\", s1.\"n\"" + FU + " INNER JOIN (SELECT sp0.\"user_id\" AS \"uid\", count(*) AS \"n\""
        + " FROM \"posts\" AS sp0 GROUP BY sp0.\"user_id\") AS s1 ON s1.\"uid\" = u0.\"id\"");
  }

  @Test
  void aBindingsRowAsTheSelectOfASubqueryIsNamedByFieldAndOfACteByColumn() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Query<Map> sub = posts().as("p").select(dev.flecto.query.Exprs.mapOf("p", "userId", "title"), Map.class);
    assertThat(select(Query.from(sub).as("s").where(field("s", "userId").eq(1L)).select(field("s", "title"), String.class)))
        .isEqualTo("SELECT s0.\"title\" FROM (SELECT sp0.\"user_id\" AS \"userId\", sp0.\"title\" AS \"title\""
            + " FROM \"posts\" AS sp0) AS s0 WHERE s0.\"userId\" = $1");
    assertThat(select(Query.from(Post.class, "picked").withCte("picked", posts().as("p")
        .select(dev.flecto.query.Exprs.recordOf("p"), Post.class))))
        .isEqualTo("WITH \"picked\" AS (SELECT " + P + " FROM \"posts\" AS p0) SELECT " + P + " FROM \"picked\" AS p0");
  }

  // ---- selections ----

  @Test
  void selectIntoAMapWithParameters() {
    Query<Map<String, Object>> q = users().where(field("name").eq("a"))
        .select(cols(col("next", field("age").plus(1)), col("label", coalesce(field("name"), "?"))));
    assertThat(select(q)).isEqualTo("SELECT (u0.\"age\" + $2), coalesce(u0.\"name\", $3)" + FU + " WHERE u0.\"name\" = $1");
    assertThat(params(q)).containsExactly("a", 1, "?");
  }

  @Test
  void selectIntoARecordClass() {
    Query<NameAge> q = users().select(NameAge.class, upper(field("name")), field("age").times(2));
    assertThat(select(q)).isEqualTo("SELECT upper(u0.\"name\"), (u0.\"age\" * $1)" + FU);
  }

  @Test
  void selectOneExpressionBetweenWhereAndOrderParameters() {
    Query<Integer> q = users().select(field("age").plus(5), Integer.class).where(field("name").eq("a"))
        .orderBy(Order.asc(field("age").times(2)));
    assertThat(select(q)).isEqualTo("SELECT (u0.\"age\" + $2)" + FU + " WHERE u0.\"name\" = $1 ORDER BY (u0.\"age\" * $3)");
    assertThat(params(q)).containsExactly("a", 5, 2);
  }

  @Test
  void selectACount() {
    assertThat(select(users().select(count(), Long.class))).isEqualTo("SELECT count(*)" + FU);
  }

  @Test
  void selectMergeOfAJoinedBinding() {
    Query<User> q = users().as("u").join(Post.class, "p", field("p", "userId").eq(field("u", "id")));
    assertThat(select(q.selectBinding("p", Post.class).selectMerge(cols(col("title", coalesce(field("u", "name"), "x"))))))
        .isEqualTo("SELECT " + P.replace("p0.", "p1.") + ", coalesce(u0.\"name\", $1)" + FU + " INNER JOIN \"posts\" AS p1 ON p1.\"user_id\" = u0.\"id\"");
  }

  @Test
  void selectMergeReplacesAMapKeyInPlaceAndAppendsNewOnes() {
    Query<Map<String, Object>> q = users().select(cols(col("a", field("age")), col("b", field("name"))))
        .selectMerge(cols(col("a", count()), col("c", max(field("id")))));
    assertThat(select(q)).isEqualTo("SELECT count(*), u0.\"name\", max(u0.\"id\")" + FU);
  }

  // ---- distinct ----

  @Test
  void distinctOnSeveralExpressions() {
    Query<User> q = users().distinctOn(field("teamId"), lower(field("name"))).orderBy(Order.asc("teamId"), Order.asc(lower(field("name"))),
        Order.desc("age"));
    assertThat(select(q)).isEqualTo("SELECT DISTINCT ON (u0.\"team_id\", lower(u0.\"name\")) " + U + FU
        + " ORDER BY u0.\"team_id\", lower(u0.\"name\"), u0.\"age\" DESC");
  }

  @Test
  void distinctOnIsNumberedAfterOrderBy() {
    Query<User> q = users().where(field("name").eq("a")).distinctOn(field("age").plus(1)).orderBy(Order.asc(field("age").plus(1)));
    // Prepended to the ORDER BY as Ecto does; its parameter is another one than the order's, so
    // the two expressions differ (ecto_sql's order_by_concat compares them with their parameters too).
    assertThat(select(q)).isEqualTo("SELECT DISTINCT ON ((u0.\"age\" + $3)) " + U + FU
        + " WHERE u0.\"name\" = $1 ORDER BY (u0.\"age\" + $3), (u0.\"age\" + $2)");
  }

  @Test
  void distinctOfAMapSelection() {
    assertThat(select(users().select(cols(col("n", field("name")), col("a", field("age")))).distinct()))
        .isEqualTo("SELECT DISTINCT u0.\"name\", u0.\"age\"" + FU);
  }

  // ---- order by ----

  @Test
  void orderByExpressionsWithNullsPlacement() {
    assertThat(select(users().orderBy(Order.desc("age").nullsFirst(), Order.asc(lower(field("name"))).nullsLast(), Order.desc("id").nullsLast())))
        .isEqualTo(SU + " ORDER BY u0.\"age\" DESC NULLS FIRST, lower(u0.\"name\") NULLS LAST, u0.\"id\" DESC NULLS LAST");
  }

  @Test
  void orderByFieldNamesAndByAJoinedAggregate() {
    assertThat(select(users().orderBy("name", "id"))).isEqualTo(SU + " ORDER BY u0.\"name\", u0.\"id\"");
    Query<Map<String, Object>> q = users().as("u").join(JoinKind.LEFT, Post.class, "p", field("p", "userId").eq(field("u", "id")))
        .groupBy(field("u", "id")).select(cols(col("id", field("u", "id"))))
        .orderBy(Order.desc(count(field("p", "id"))).nullsLast(), Order.asc(field("u", "id")));
    assertThat(select(q)).isEqualTo("SELECT u0.\"id\"" + FU + " LEFT OUTER JOIN \"posts\" AS p1 ON p1.\"user_id\" = u0.\"id\""
        + " GROUP BY u0.\"id\" ORDER BY count(p1.\"id\") DESC NULLS LAST, u0.\"id\"");
  }

  @Test
  void orderByCalledTwiceAppends() {
    assertThat(select(users().orderBy("name").orderBy(Order.desc("age"))))
        .isEqualTo(SU + " ORDER BY u0.\"name\", u0.\"age\" DESC");
  }

  // ---- group by and having ----

  @Test
  void groupBySeveralExpressions() {
    Query<Map<String, Object>> q = posts().groupBy(field("userId"), lower(field("title")), fragment("date_trunc('day', ?)", field("insertedAt")))
        .select(cols(col("u", field("userId")), col("n", count())));
    assertThat(select(q)).isEqualTo("SELECT p0.\"user_id\", count(*)" + FP
        + " GROUP BY p0.\"user_id\", lower(p0.\"title\"), date_trunc('day', p0.\"inserted_at\")");
  }

  @Test
  void groupByParametersFollowWhere() {
    Query<Integer> q = users().where(field("age").gt(1)).groupBy(field("age").plus(10)).select(field("age").plus(10), Integer.class);
    assertThat(select(q)).isEqualTo("SELECT (u0.\"age\" + $3)" + FU + " WHERE u0.\"age\" > $1 GROUP BY (u0.\"age\" + $2)");
    assertThat(params(q)).containsExactly(1, 10, 10);
  }

  @Test
  void havingWithSeveralAggregatesAndParameters() {
    Query<Long> q = users().groupBy(field("teamId")).having(count().gt(1).and(max(field("age")).lt("90")))
        .orHaving(avg(field("age")).ge(50)).select(field("teamId"), Long.class);
    assertThat(select(q)).isEqualTo("SELECT u0.\"team_id\"" + FU
        + " GROUP BY u0.\"team_id\" HAVING (count(*) > $1 AND max(u0.\"age\") < $2) OR avg(u0.\"age\") >= $3");
    assertThat(params(q)).containsExactly(1L, 90, 50);
  }

  // ---- limit and offset ----

  @Test
  void limitWithoutOrder() {
    Query<User> q = users().limit(10);
    assertThat(select(q)).isEqualTo(SU + " LIMIT $1");
    assertThat(params(q)).containsExactly(10L);
  }

  @Test
  void limitAndOffsetFollowEveryOtherParameter() {
    Query<User> q = users().where(field("age").gt(1)).orderBy(Order.asc(field("age").plus(2))).offset(20).limit(0);
    assertThat(select(q)).isEqualTo(SU + " WHERE u0.\"age\" > $1 ORDER BY (u0.\"age\" + $2) LIMIT $3 OFFSET $4");
    assertThat(params(q)).containsExactly(1, 2, 0L, 20L);
  }

  @Test
  void offsetWithOrder() {
    assertThat(select(users().orderBy(Order.desc("id")).offset(3))).isEqualTo(SU + " ORDER BY u0.\"id\" DESC OFFSET $1");
  }

  // ---- locks ----

  @Test
  void everyLockStrengthInAnyCase() {
    assertThat(select(users().lock("FOR UPDATE"))).isEqualTo(SU + " FOR UPDATE");
    assertThat(select(users().lock("for no key update"))).isEqualTo(SU + " FOR NO KEY UPDATE");
    assertThat(select(users().lock("For Share"))).isEqualTo(SU + " FOR SHARE");
    assertThat(select(users().lock("for KEY share"))).isEqualTo(SU + " FOR KEY SHARE");
  }

  @Test
  void everyLockStrengthWithNowaitAndSkipLocked() {
    assertThat(select(users().lock("for update nowait"))).isEqualTo(SU + " FOR UPDATE NOWAIT");
    assertThat(select(users().lock("FOR NO KEY UPDATE SKIP LOCKED"))).isEqualTo(SU + " FOR NO KEY UPDATE SKIP LOCKED");
    assertThat(select(users().lock("for share nowait"))).isEqualTo(SU + " FOR SHARE NOWAIT");
    assertThat(select(users().lock("for key share skip locked"))).isEqualTo(SU + " FOR KEY SHARE SKIP LOCKED");
  }

  @Test
  void lockComesLastAfterJoinsOrderAndLimit() {
    Query<User> q = users().join(Team.class, "t", field("t", "id").eq(field("teamId"))).where(field("age").gt(1))
        .orderBy("id").limit(5).lock("FOR UPDATE SKIP LOCKED");
    assertThat(select(q)).isEqualTo(SU + " INNER JOIN \"teams\" AS t1 ON t1.\"id\" = u0.\"team_id\" WHERE u0.\"age\" > $1"
        + " ORDER BY u0.\"id\" LIMIT $2 FOR UPDATE SKIP LOCKED");
  }

  @Test
  void malformedLocksFailWhenPlanned() {
    assertThatThrownBy(() -> Planner.plan(users().lock("FOR UPDATE; DROP TABLE users"))).hasMessageContaining("is not a PostgreSQL lock clause");
    assertThatThrownBy(() -> Planner.plan(users().lock("FOR UPDATE NOWAIT SKIP LOCKED"))).hasMessageContaining("is not a PostgreSQL lock clause");
  }

  // ---- CTEs ----

  @Test
  void oneCteReadAsASchema() {
    Query<User> q = Query.from(User.class, "adults").withCte("adults", users().where(field("age").ge(18))).where(field("name").eq("Ann"));
    assertThat(select(q)).isEqualTo("WITH \"adults\" AS (" + SU + " WHERE u0.\"age\" >= $1) SELECT "
        + U.replace("u0.", "a0.") + " FROM \"adults\" AS a0 WHERE a0.\"name\" = $2");
    assertThat(params(q)).containsExactly(18, "Ann");
  }

  @Test
  void twoCtesOneJoinedAsATable() {
    Query<User> q = Query.from(User.class, "adults")
        .withCte("adults", users().where(field("age").ge(18)))
        .withCte("sizes", users().groupBy(field("teamId")).select(cols(col("team", field("teamId")), col("n", count()))))
        .join(JoinKind.INNER, new Source.Table("sizes"), "s", field("s", "team").eq(field("teamId")).and(field("s", "n").gt(3)));
    assertThat(select(q)).isEqualTo("WITH \"adults\" AS (" + SU + " WHERE u0.\"age\" >= $1), \"sizes\" AS (SELECT u0.\"team_id\" AS \"team\","
        + " count(*) AS \"n\"" + FU + " GROUP BY u0.\"team_id\") SELECT " + U.replace("u0.", "a0.") + " FROM \"adults\" AS a0"
        + " INNER JOIN \"sizes\" AS s1 ON s1.\"team\" = a0.\"team_id\" AND s1.\"n\" > $2");
    assertThat(params(q)).containsExactly(18, 3);
  }

  @Test
  void recursiveCteJoiningItself() {
    Query<Post> base = posts().where(field("id").eq(1));
    Query<Post> step = posts().as("p").join(JoinKind.INNER, new Source.Schema(Post.class, "chain"), "c", field("c", "id").eq(field("p", "userId")))
        .selectBinding("p", Post.class);
    Query<Post> q = Query.from(Post.class, "chain").withCte("chain", base.unionAll(step)).recursiveCtes(true).limit(10);
    assertThat(select(q)).isEqualTo("WITH RECURSIVE \"chain\" AS (" + SP + " WHERE p0.\"id\" = $1 UNION ALL (" + SP
        + " INNER JOIN \"chain\" AS c1 ON c1.\"id\" = p0.\"user_id\")) SELECT " + P.replace("p0.", "c0.") + " FROM \"chain\" AS c0 LIMIT $2");
    assertThat(params(q)).containsExactly(1L, 10L);
  }

  @Test
  void cteParametersComeBeforeTheMainQuerys() {
    Query<Map<String, Object>> q = Query.fromTable("t").withCte("t", users().where(field("age").gt(5)).select(cols(col("x", field("name")))))
        .where(field("x").eq("b")).select(cols(col("x", field("x"))));
    assertThat(select(q)).isEqualTo("WITH \"t\" AS (SELECT u0.\"name\" AS \"x\"" + FU + " WHERE u0.\"age\" > $1)"
        + " SELECT t0.\"x\" FROM \"t\" AS t0 WHERE t0.\"x\" = $2");
    assertThat(params(q)).containsExactly(5, "b");
  }

  // ---- windows ----

  @Test
  void namedWindowPartitionedBySeveralExpressions() {
    Query<Map<String, Object>> q = users().window("w", Window.partitionBy(field("teamId"), field("status")))
        .select(cols(col("id", field("id")), col("n", over(count(), "w"))));
    assertThat(select(q)).isEqualTo("SELECT u0.\"id\", count(*) OVER \"w\"" + FU + " WINDOW \"w\" AS (PARTITION BY u0.\"team_id\", u0.\"status\")");
  }

  @Test
  void inlineWindowOrderedOnly() {
    assertThat(select(users().select(over(rowNumber(), Window.ordered(Order.desc("age").nullsLast(), Order.asc("id"))), Long.class)))
        .isEqualTo("SELECT row_number() OVER (ORDER BY u0.\"age\" DESC NULLS LAST, u0.\"id\")" + FU);
  }

  @Test
  void emptyWindowAndFrameOnlyWindow() {
    assertThat(select(users().select(over(count(), new Window(List.of(), List.of(), null)), Long.class)))
        .isEqualTo("SELECT count(*) OVER ()" + FU);
    assertThat(select(users().select(over(sum(field("age")), new Window(List.of(), List.of(), fragment("ROWS UNBOUNDED PRECEDING"))), Long.class)))
        .isEqualTo("SELECT sum(u0.\"age\") OVER (ROWS UNBOUNDED PRECEDING)" + FU);
  }

  @Test
  void windowPartitionOrderAndFrameWithABoundOffset() {
    Query<Long> q = users().where(field("age").gt(1))
        .window("w", Window.partitionBy(field("teamId")).orderBy(Order.asc("id")).frame(fragment("ROWS BETWEEN ? PRECEDING AND CURRENT ROW", 2)))
        .select(over(sum(field("age")), "w"), Long.class);
    assertThat(select(q)).isEqualTo("SELECT sum(u0.\"age\") OVER \"w\"" + FU + " WHERE u0.\"age\" > $1"
        + " WINDOW \"w\" AS (PARTITION BY u0.\"team_id\" ORDER BY u0.\"id\" ROWS BETWEEN $2 PRECEDING AND CURRENT ROW)");
    assertThat(params(q)).containsExactly(1, 2);
  }

  @Test
  void severalNamedWindowsAndAFilteredAggregateOverOne() {
    Query<Map<String, Object>> q = users()
        .window("by_team", Window.partitionBy(field("teamId")))
        .window("by_age", Window.ordered(Order.desc("age")))
        .select(cols(col("a", over(sum(field("age")).filter(field("age").gt(3)), "by_team")), col("b", over(rowNumber(), "by_age"))));
    assertThat(select(q)).isEqualTo("SELECT sum(u0.\"age\") FILTER (WHERE u0.\"age\" > $1) OVER \"by_team\", row_number() OVER \"by_age\"" + FU
        + " WINDOW \"by_team\" AS (PARTITION BY u0.\"team_id\"), \"by_age\" AS (ORDER BY u0.\"age\" DESC)");
  }

  @Test
  void windowParametersComeBeforeSelectParameters() {
    Query<Map<String, Object>> q = users().window("w", Window.partitionBy(field("age").plus(1)))
        .select(cols(col("x", field("age").plus(2)), col("r", over(rowNumber(), "w"))));
    assertThat(select(q)).isEqualTo("SELECT (u0.\"age\" + $2), row_number() OVER \"w\"" + FU + " WINDOW \"w\" AS (PARTITION BY (u0.\"age\" + $1))");
    assertThat(params(q)).containsExactly(1, 2);
  }

  // ---- combinations ----

  @Test
  void unionOrderedAndLimitedAsAWholeBySelectedName() {
    Query<String> q = users().select(selectedAs(field("name"), "n"), String.class)
        .union(posts().select(field("title"), String.class)).orderBy(Order.asc(selected("n"))).limit(3);
    assertThat(select(q)).isEqualTo("SELECT u0.\"name\" AS \"n\"" + FU + " UNION (SELECT p0.\"title\"" + FP + ") ORDER BY \"n\" LIMIT $1");
  }

  @Test
  void chainedCombinationsNumberTheirParametersInOrder() {
    Query<String> q = users().where(field("age").gt(1)).select(field("name"), String.class)
        .unionAll(posts().where(field("votes").gt(2)).select(field("title"), String.class))
        .except(Query.from(Team.class).where(field("id").eq(3)).select(field("name"), String.class)).limit(5);
    assertThat(select(q)).isEqualTo("SELECT u0.\"name\"" + FU + " WHERE u0.\"age\" > $1 UNION ALL (SELECT p0.\"title\"" + FP
        + " WHERE p0.\"votes\" > $2) EXCEPT (SELECT t0.\"name\" FROM \"teams\" AS t0 WHERE t0.\"id\" = $3) LIMIT $4");
    assertThat(params(q)).containsExactly(1, 2, 3L, 5L);
  }

  @Test
  void combinedQueryKeepsItsOwnOrderAndLimitInsideItsParentheses() {
    Query<String> q = users().select(field("name"), String.class)
        .intersect(posts().select(field("title"), String.class).orderBy(Order.desc("votes")).limit(2));
    assertThat(select(q)).isEqualTo("SELECT u0.\"name\"" + FU + " INTERSECT (SELECT p0.\"title\"" + FP + " ORDER BY p0.\"votes\" DESC LIMIT $1)");
  }

  @Test
  void eachCombinationKindOfTwoColumns() {
    Query<NameAge> a = users().select(NameAge.class, field("name"), field("age"));
    Query<NameAge> b = posts().select(NameAge.class, field("title"), field("votes"));
    String left = "SELECT u0.\"name\", u0.\"age\"" + FU;
    String right = " (SELECT p0.\"title\", p0.\"votes\"" + FP + ")";
    assertThat(select(a.union(b))).isEqualTo(left + " UNION" + right);
    assertThat(select(a.unionAll(b))).isEqualTo(left + " UNION ALL" + right);
    assertThat(select(a.intersect(b))).isEqualTo(left + " INTERSECT" + right);
    assertThat(select(a.intersectAll(b))).isEqualTo(left + " INTERSECT ALL" + right);
    assertThat(select(a.except(b))).isEqualTo(left + " EXCEPT" + right);
    assertThat(select(a.exceptAll(b))).isEqualTo(left + " EXCEPT ALL" + right);
  }

  @Test
  void aCombinationReadAsASubquery() {
    Query<Map<String, Object>> names = users().select(cols(col("n", field("name"))))
        .union(posts().select(cols(col("n", field("title")))));
    assertThat(select(Query.from(names).where(field("n").like("A%")).select(field("n"), String.class)))
        .as("the combined query takes its holder's alias prefix, as in ecto_sql")
        .isEqualTo("SELECT s0.\"n\" FROM (SELECT su0.\"name\" AS \"n\" FROM \"users\" AS su0 UNION (SELECT sp0.\"title\""
            + " FROM \"posts\" AS sp0)) AS s0 WHERE s0.\"n\" LIKE $1");
  }

  // ---- values lists ----

  @Test
  void valuesOfSeveralColumnTypes() {
    Map<String, Class<?>> types = new LinkedHashMap<>();
    types.put("n", Integer.class);
    types.put("ok", Boolean.class);
    types.put("d", LocalDate.class);
    types.put("u", UUID.class);
    types.put("x", BigDecimal.class);
    types.put("t", Instant.class);
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("n", "1");
    row.put("ok", "true");
    row.put("d", LocalDate.of(2024, 1, 2));
    row.put("u", id);
    row.put("x", new BigDecimal("1.5"));
    row.put("t", Instant.EPOCH);
    Query<Map<String, Object>> q = Query.fromValues(List.of(row), types);
    assertThat(select(q)).isEqualTo("SELECT v0.\"n\", v0.\"ok\", v0.\"d\", v0.\"u\", v0.\"x\", v0.\"t\" FROM (VALUES (CAST($1 AS integer),"
        + " CAST($2 AS boolean), CAST($3 AS date), CAST($4 AS uuid), CAST($5 AS numeric), CAST($6 AS timestamptz)))"
        + " AS v0 (\"n\", \"ok\", \"d\", \"u\", \"x\", \"t\")");
    assertThat(params(q).subList(0, 5)).containsExactly(1, true, LocalDate.of(2024, 1, 2), id, new BigDecimal("1.5"));
  }

  @Test
  void valuesJoinedToASchemaAreNumberedFirst() {
    Map<String, Class<?>> types = new LinkedHashMap<>();
    types.put("id", Long.class);
    types.put("rank", Short.class);
    Query<User> q = users().where(field("age").gt(1))
        .join(JoinKind.INNER, new Source.Values(List.of(Map.of("id", 1L, "rank", 2), Map.of("id", 2L, "rank", 1)), types), "v",
            field("v", "id").eq(field("id")).and(field("v", "rank").lt(3)))
        .orderBy(Order.asc(field("v", "rank")));
    assertThat(select(q)).isEqualTo(SU + " INNER JOIN (VALUES (CAST($1 AS bigint), CAST($2 AS smallint)), (CAST($3 AS bigint),"
        + " CAST($4 AS smallint))) AS v1 (\"id\", \"rank\") ON v1.\"id\" = u0.\"id\" AND v1.\"rank\" < $5 WHERE u0.\"age\" > $6"
        + " ORDER BY v1.\"rank\"");
    assertThat(params(q)).containsExactly(1L, (short) 2, 2L, (short) 1, (short) 3, 1);
  }

  // ---- JSON paths ----

  @Test
  void jsonPathWithIntegerIndicesComparedWithAJsonValue() {
    Query<User> q = users().where(jsonPath(field("meta"), "tags", 0, "name").eq("x"));
    assertThat(select(q)).isEqualTo(SU + " WHERE (u0.\"meta\" #> $1) = $2");
    List<Object> p = params(q);
    assertThat((String[]) p.get(0)).containsExactly("tags", "0", "name");
    assertThat(p.get(1)).isInstanceOf(dev.flecto.schema.JsonText.class);
  }

  @Test
  void jsonTextInSelectAndOrderBy() {
    Query<String> q = users().select(jsonText(field("meta"), "name"), String.class).orderBy(Order.desc(jsonText(field("meta"), "rank", 2)));
    assertThat(select(q)).isEqualTo("SELECT (u0.\"meta\" #>> $1)" + FU + " ORDER BY (u0.\"meta\" #>> $2) DESC");
    assertThat((String[]) params(q).get(1)).containsExactly("rank", "2");
  }

  @Test
  void jsonPathOfAJoinedFieldInAFunction() {
    Query<User> q = users().as("u").join(Post.class, "p", field("p", "userId").eq(field("u", "id")))
        .where(lower(jsonText(field("u", "meta"), "city")).eq(lower(field("p", "title"))));
    assertThat(select(q)).isEqualTo(SU + " INNER JOIN \"posts\" AS p1 ON p1.\"user_id\" = u0.\"id\""
        + " WHERE lower((u0.\"meta\" #>> $1)) = lower(p1.\"title\")");
  }

  // ---- date arithmetic ----

  @Test
  void datetimeAddOfEveryUnit() {
    for (DateAdd.Unit unit : DateAdd.Unit.values()) {
      assertThat(select(posts().select(datetimeAdd(field("insertedAt"), 1, unit), Instant.class)))
          .isEqualTo("SELECT (p0.\"inserted_at\" + (CAST($1 AS numeric) * interval '1 " + unit.name().toLowerCase(java.util.Locale.ROOT) + "'))" + FP);
    }
    assertThat(DateAdd.Unit.MICROSECOND.sql()).isEqualTo("microsecond");
  }

  @Test
  void dateAddCastsBackToADate() {
    Query<Post> q = posts().where(dateAdd(field("day"), -1, DateAdd.Unit.MONTH).lt(field("day")));
    assertThat(select(q)).isEqualTo(SP + " WHERE CAST((p0.\"day\" + (CAST($1 AS numeric) * interval '1 month')) AS date) < p0.\"day\"");
    assertThat(params(q)).containsExactly(-1);
  }

  @Test
  void datetimeAddOfAFieldAmount() {
    assertThat(select(posts().where(datetimeAdd(field("insertedAt"), field("votes"), DateAdd.Unit.MINUTE).gt(field("insertedAt")))))
        .isEqualTo(SP + " WHERE (p0.\"inserted_at\" + (CAST(p0.\"votes\" AS numeric) * interval '1 minute')) > p0.\"inserted_at\"");
  }

  @Test
  void agoAndFromNowBindTheNowAndTheAmount() {
    Query<Post> q = posts().where(field("insertedAt").gt(ago(7, DateAdd.Unit.DAY))).where(field("insertedAt").lt(fromNow(3, DateAdd.Unit.YEAR)));
    assertThat(select(q)).isEqualTo(SP + " WHERE p0.\"inserted_at\" > ($1 + (CAST($2 AS numeric) * interval '1 day'))"
        + " AND p0.\"inserted_at\" < ($3 + (CAST($4 AS numeric) * interval '1 year'))");
    List<Object> p = params(q);
    assertThat(p.get(1)).isEqualTo(-7L);
    assertThat(p.get(3)).isEqualTo(3L);
  }

  // ---- selected names ----

  @Test
  void selectedNamesInGroupByAndOrderBy() {
    Query<Map<String, Object>> q = posts()
        .select(cols(col("bucket", selectedAs(fragment("date_trunc('week', ?)", field("insertedAt")), "week")),
            col("n", selectedAs(count(), "total"))))
        .groupBy(selected("week")).orderBy(Order.desc(selected("total")).nullsLast(), Order.asc(selected("week")));
    assertThat(select(q)).isEqualTo("SELECT date_trunc('week', p0.\"inserted_at\") AS \"week\", count(*) AS \"total\"" + FP
        + " GROUP BY \"week\" ORDER BY \"total\" DESC NULLS LAST, \"week\"");
  }

  @Test
  void selectedNameOfASingleSelection() {
    assertThat(select(users().select(selectedAs(lower(field("name")), "lname"), String.class).orderBy(Order.asc(selected("lname")))))
        .isEqualTo("SELECT lower(u0.\"name\") AS \"lname\"" + FU + " ORDER BY \"lname\"");
  }

  // ---- first, last, reverseOrder ----

  @Test
  void firstWithoutOrderOrdersByTheKey() {
    Query<User> q = users().first();
    assertThat(select(q)).isEqualTo(SU + " ORDER BY u0.\"id\" LIMIT $1");
    assertThat(params(q)).containsExactly(1L);
  }

  @Test
  void firstKeepsTheOrderAndReplacesTheLimit() {
    assertThat(select(users().orderBy("name").limit(10).first())).isEqualTo(SU + " ORDER BY u0.\"name\" LIMIT $1");
  }

  @Test
  void lastWithoutOrderOrdersByTheKeyDescending() {
    assertThat(select(users().last())).isEqualTo(SU + " ORDER BY u0.\"id\" DESC LIMIT $1");
  }

  @Test
  void lastReversesEveryTermAndItsNulls() {
    assertThat(select(users().orderBy(Order.asc("name"), Order.desc("age").nullsFirst()).last()))
        .isEqualTo(SU + " ORDER BY u0.\"name\" DESC, u0.\"age\" NULLS LAST LIMIT $1");
  }

  @Test
  void reverseOrderOfACompositeKey() {
    assertThat(select(Query.from(Grant.class).reverseOrder()))
        .isEqualTo("SELECT g0.\"user_id\", g0.\"team_id\", g0.\"role\" FROM \"grants\" AS g0 ORDER BY g0.\"user_id\" DESC, g0.\"team_id\" DESC");
    assertThat(select(Query.from(Grant.class).first()))
        .isEqualTo("SELECT g0.\"user_id\", g0.\"team_id\", g0.\"role\" FROM \"grants\" AS g0 ORDER BY g0.\"user_id\", g0.\"team_id\" LIMIT $1");
  }

  @Test
  void reverseOrderOfAnExpressionOrder() {
    assertThat(select(users().orderBy(Order.desc(lower(field("name"))).nullsLast()).reverseOrder()))
        .isEqualTo(SU + " ORDER BY lower(u0.\"name\") NULLS FIRST");
  }

  // ---- exclude ----

  private static Query<User> full() {
    return users().join(Team.class, "t", field("t", "id").eq(field("teamId"))).where(field("age").gt(1))
        .groupBy(field("id"), field("t", "id")).having(count().gt(0)).orderBy("name").limit(5).offset(2).lock("FOR SHARE");
  }

  private static final String JT = " INNER JOIN \"teams\" AS t1 ON t1.\"id\" = u0.\"team_id\"";

  @Test
  void excludeWhereAndJoin() {
    assertThat(select(full().exclude(Query.Clause.WHERE))).isEqualTo(SU + JT
        + " GROUP BY u0.\"id\", t1.\"id\" HAVING count(*) > $1 ORDER BY u0.\"name\" LIMIT $2 OFFSET $3 FOR SHARE");
    assertThat(select(full().exclude(Query.Clause.GROUP_BY).exclude(Query.Clause.JOIN)))
        .isEqualTo(SU + " WHERE u0.\"age\" > $1 HAVING count(*) > $2 ORDER BY u0.\"name\" LIMIT $3 OFFSET $4 FOR SHARE");
  }

  @Test
  void excludeGroupByAndHaving() {
    assertThat(select(full().exclude(Query.Clause.GROUP_BY).exclude(Query.Clause.HAVING)))
        .isEqualTo(SU + JT + " WHERE u0.\"age\" > $1 ORDER BY u0.\"name\" LIMIT $2 OFFSET $3 FOR SHARE");
  }

  @Test
  void excludeOrderLimitOffsetAndLock() {
    String head = SU + JT + " WHERE u0.\"age\" > $1 GROUP BY u0.\"id\", t1.\"id\" HAVING count(*) > $2";
    assertThat(select(full().exclude(Query.Clause.ORDER_BY))).isEqualTo(head + " LIMIT $3 OFFSET $4 FOR SHARE");
    assertThat(select(full().exclude(Query.Clause.LIMIT))).isEqualTo(head + " ORDER BY u0.\"name\" OFFSET $3 FOR SHARE");
    assertThat(select(full().exclude(Query.Clause.OFFSET))).isEqualTo(head + " ORDER BY u0.\"name\" LIMIT $3 FOR SHARE");
    assertThat(select(full().exclude(Query.Clause.LOCK))).isEqualTo(head + " ORDER BY u0.\"name\" LIMIT $3 OFFSET $4");
  }

  @Test
  void excludeDistinctDropsDistinctOnToo() {
    assertThat(select(users().distinctOn(field("teamId")).orderBy("teamId").exclude(Query.Clause.DISTINCT)))
        .isEqualTo(SU + " ORDER BY u0.\"team_id\"");
    assertThat(select(users().select(field("name"), String.class).distinct().exclude(Query.Clause.DISTINCT)))
        .isEqualTo("SELECT u0.\"name\"" + FU);
  }

  // ---- prefixes ----

  @Test
  void queryPrefixAppliesToJoinedSchemasAndTables() {
    Query<User> q = users().prefix("t").join(JoinKind.LEFT, new Source.Table("audit"), "a", field("a", "user_id").eq(field("id")))
        .join(Post.class, "p", field("p", "userId").eq(field("id")));
    assertThat(select(q)).isEqualTo(SU.replace(FU, " FROM \"t\".\"users\" AS u0") + " LEFT OUTER JOIN \"t\".\"audit\" AS a1 ON a1.\"user_id\" = u0.\"id\""
        + " INNER JOIN \"t\".\"posts\" AS p2 ON p2.\"user_id\" = u0.\"id\"");
  }

  @Test
  void joinedSchemaWithItsOwnPrefixAndTable() {
    Query<User> q = users().prefix("t").join(JoinKind.INNER, new Source.Schema(Post.class, "old_posts", "archive"), "p",
        field("p", "userId").eq(field("id")));
    assertThat(select(q)).isEqualTo(SU.replace(FU, " FROM \"t\".\"users\" AS u0")
        + " INNER JOIN \"archive\".\"old_posts\" AS o1 ON o1.\"user_id\" = u0.\"id\"");
  }

  @Test
  void sourcePrefixOnTheSourceWithAJoinedSchemaUnderItsOwnPrefix() {
    Query<User> q = users().sourcePrefix("a").join(JoinKind.LEFT, new Source.Schema(Team.class, null, "b"), "t", field("t", "id").eq(field("teamId")));
    assertThat(select(q)).isEqualTo(SU.replace(FU, " FROM \"a\".\"users\" AS u0") + " LEFT OUTER JOIN \"b\".\"teams\" AS t1 ON t1.\"id\" = u0.\"team_id\"");
  }

  @Test
  void prefixesAreQuotedIdentifiers() {
    assertThat(select(users().prefix("Tenant \"1\""))).isEqualTo(SU.replace(FU, " FROM \"Tenant \"\"1\"\"\".\"users\" AS u0"));
  }

  // ---- association joins ----

  private static final String O = "SELECT o0.\"id\", o0.\"name\" FROM \"owners\" AS o0";

  @Test
  void hasManyJoinWithAnExtraCondition() {
    Query<Owner> q = Query.from(Owner.class).as("o").joinAssoc(JoinKind.LEFT, "o", "pets", "p", field("p", "kind").eq("cat"));
    assertThat(select(q)).isEqualTo(O + " LEFT OUTER JOIN \"pets\" AS p1 ON p1.\"owner_id\" = o0.\"id\" AND p1.\"kind\" = $1");
    assertThat(params(q)).containsExactly("cat");
  }

  @Test
  void belongsToJoinFromAnUnnamedSource() {
    assertThat(select(Query.from(Pet.class).joinAssoc(JoinKind.INNER, null, "owner", "o").where(field("o", "name").eq("Ann"))))
        .isEqualTo("SELECT p0.\"id\", p0.\"owner_id\", p0.\"kind\" FROM \"pets\" AS p0 INNER JOIN \"owners\" AS o1 ON o1.\"id\" = p0.\"owner_id\""
            + " WHERE o1.\"name\" = $1");
  }

  @Test
  void manyToManyJoinWithAnExtraConditionAndItsBinding() {
    Query<Owner> q = Query.from(Owner.class).as("o").joinAssoc(JoinKind.INNER, "o", "clubs", "c", field("c", "title").ilike("chess%"));
    String from = " FROM \"owners\" AS o0 INNER JOIN \"owners_clubs\" AS o1 ON o1.\"owner_id\" = o0.\"id\""
        + " INNER JOIN \"clubs\" AS c2 ON c2.\"id\" = o1.\"club_id\" AND c2.\"title\" ILIKE $1";
    assertThat(select(q)).isEqualTo("SELECT o0.\"id\", o0.\"name\"" + from);
    assertThat(select(q.selectBinding("c", Club.class))).isEqualTo("SELECT c2.\"id\", c2.\"title\"" + from);
  }

  @Test
  void associationJoinsChainThroughEachOther() {
    Query<Owner> q = Query.from(Owner.class).as("o").joinAssoc(JoinKind.INNER, "o", "pets", "p").joinAssoc(JoinKind.LEFT, "p", "owner", "o2");
    assertThat(select(q)).isEqualTo(O + " INNER JOIN \"pets\" AS p1 ON p1.\"owner_id\" = o0.\"id\""
        + " LEFT OUTER JOIN \"owners\" AS o2 ON o2.\"id\" = p1.\"owner_id\"");
  }

  @Test
  void manyToManyJoinTableTakesTheQueryPrefix() {
    assertThat(select(Query.from(Owner.class).as("o").prefix("t").joinAssoc(JoinKind.INNER, "o", "clubs", "c")))
        .isEqualTo("SELECT o0.\"id\", o0.\"name\" FROM \"t\".\"owners\" AS o0 INNER JOIN \"t\".\"owners_clubs\" AS o1"
            + " ON o1.\"owner_id\" = o0.\"id\" INNER JOIN \"t\".\"clubs\" AS c2 ON c2.\"id\" = o1.\"club_id\"");
  }

  // ---- positional bindings ----

  @Test
  void positionalBindingsInSelectOrderAndGroup() {
    Query<Map<String, Object>> q = users().join(Post.class, "p", field(1, "userId").eq(field(0, "id")))
        .join(JoinKind.LEFT, Team.class, "t", field(2, "id").eq(field(0, "teamId")))
        .groupBy(field(2, "name")).select(cols(col("team", field(2, "name")), col("n", count(field(1, "id")))))
        .orderBy(Order.desc(count(field(1, "id"))));
    assertThat(select(q)).isEqualTo("SELECT t2.\"name\", count(p1.\"id\")" + FU + " INNER JOIN \"posts\" AS p1 ON p1.\"user_id\" = u0.\"id\""
        + " LEFT OUTER JOIN \"teams\" AS t2 ON t2.\"id\" = u0.\"team_id\" GROUP BY t2.\"name\" ORDER BY count(p1.\"id\") DESC");
  }

  @Test
  void positionsCountAManyToManysJoinTable() {
    assertThat(select(Query.from(Owner.class).as("o").joinAssoc(JoinKind.INNER, "o", "clubs", "c").where(field(2, "title").eq("x"))))
        .endsWith(" INNER JOIN \"clubs\" AS c2 ON c2.\"id\" = o1.\"club_id\" WHERE c2.\"title\" = $1");
  }

  // ---- updateAll and deleteAll ----

  private String updateAll(Query<?> q, Updates u) {
    var planned = Planner.plan(q);
    PlannedUpdate updates = Planner.planUpdates(planned.schema(), u);
    return dialect.updateAll(planned.shape(), updates.shape(), planned.params().size());
  }

  @Test
  void updateAllSetAndIncWithoutConditions() {
    assertThat(updateAll(users(), Updates.inc("age", -1).andSet("name", "x")))
        .isEqualTo("UPDATE \"users\" AS u0 SET \"age\" = u0.\"age\" + $1, \"name\" = $2");
  }

  @Test
  void updateAllPushAndPullCastTheElement() {
    Query<User> q = users().where(field("id").in(List.of(1L, 2L)));
    assertThat(updateAll(q, Updates.push("tags", "new").andPull("tags", "old").andInc("teamId", 1)))
        .isEqualTo("UPDATE \"users\" AS u0 SET \"tags\" = array_append(u0.\"tags\", CAST($2 AS text)),"
            + " \"tags\" = array_remove(u0.\"tags\", CAST($3 AS text)), \"team_id\" = u0.\"team_id\" + $4 WHERE u0.\"id\" = ANY($1)");
    assertThat(Planner.planUpdates(Schemas.of(User.class), Updates.push("tags", "new").andInc("teamId", 1)).params())
        .containsExactly("new", 1L);
  }

  @Test
  void updateAllSetsNullAndCastsValues() {
    SchemaMeta<User> meta = Schemas.of(User.class);
    assertThat(Planner.planUpdates(meta, Updates.set("name", null).andSet("age", "7").andSet("status", Status.BANNED)).params())
        .containsExactly(null, 7, "BANNED");
    assertThat(updateAll(users().where(field("name").eq("a")), Updates.set("name", null).andSet("status", "ACTIVE")))
        .isEqualTo("UPDATE \"users\" AS u0 SET \"name\" = $2, \"status\" = $3 WHERE u0.\"name\" = $1");
  }

  @Test
  void updateAllUnderAPrefix() {
    assertThat(updateAll(users().prefix("t").where(field("age").lt(3)), Updates.set("age", 3)))
        .isEqualTo("UPDATE \"t\".\"users\" AS u0 SET \"age\" = $2 WHERE u0.\"age\" < $1");
  }

  @Test
  void updateAllReturningTheSelection() {
    Query<Map<String, Object>> q = users().where(field("id").eq(1)).select(cols(col("id", field("id")), col("next", field("age").plus(1))));
    var planned = Planner.plan(q);
    var updates = Planner.planUpdates(Schemas.of(User.class), Updates.inc("age", 1));
    assertThat(dialect.updateAllReturning(planned.shape(), updates.shape(), planned.params().size()))
        .isEqualTo("UPDATE \"users\" AS u0 SET \"age\" = u0.\"age\" + $3 WHERE u0.\"id\" = $1 RETURNING u0.\"id\", (u0.\"age\" + $2)");
    var all = Planner.plan(users().where(field("name").eq("a")));
    assertThat(dialect.updateAllReturning(all.shape(), Planner.planUpdates(Schemas.of(User.class), Updates.set("age", 1)).shape(), 1))
        .isEqualTo("UPDATE \"users\" AS u0 SET \"age\" = $2 WHERE u0.\"name\" = $1 RETURNING " + U);
  }

  @Test
  void deleteAllReturning() {
    assertThat(dialect.deleteAllReturning(Planner.plan(users().where(field("age").lt(18))).shape()))
        .isEqualTo("DELETE FROM \"users\" AS u0 WHERE u0.\"age\" < $1 RETURNING " + U);
    assertThat(dialect.deleteAllReturning(Planner.plan(users().where(field("age").lt(18)).select(field("id"), Long.class)).shape()))
        .isEqualTo("DELETE FROM \"users\" AS u0 WHERE u0.\"age\" < $1 RETURNING u0.\"id\"");
  }

  @Test
  void deleteAllWithSubqueryCondition() {
    assertThat(dialect.deleteAll(Planner.plan(users().where(field("id").notIn(posts().select(field("userId"), Long.class)))).shape()))
        .isEqualTo("DELETE FROM \"users\" AS u0 WHERE NOT (u0.\"id\" IN (SELECT sp0.\"user_id\" FROM \"posts\" AS sp0))");
  }

  // ---- aggregates of a whole query ----

  private String aggregate(Query<?> q, Aggregate kind, String field) {
    return dialect.aggregate(Planner.plan(q).shape(), kind, field == null ? null : Schemas.of(User.class).field(field));
  }

  @Test
  void aggregateOverADistinctQueryWrapsIt() {
    assertThat(aggregate(users().select(field("name"), String.class).distinct(), Aggregate.COUNT, null))
        .isEqualTo("SELECT count(*) FROM (SELECT DISTINCT u0.\"name\"" + FU + ") AS \"s\"");
  }

  @Test
  void aggregateOverAGroupedQueryWrapsIt() {
    assertThat(aggregate(users().groupBy(field("teamId")).having(count().gt(1)).select(field("teamId"), Long.class), Aggregate.COUNT, null))
        .isEqualTo("SELECT count(*) FROM (SELECT u0.\"team_id\"" + FU + " GROUP BY u0.\"team_id\" HAVING count(*) > $1) AS \"s\"");
  }

  @Test
  void aggregateOfAFieldOverAnOffsetOrCombinedQuery() {
    assertThat(aggregate(users().orderBy("id").offset(10), Aggregate.AVG, "age"))
        .isEqualTo("SELECT avg(\"s\".\"age\") FROM (" + SU + " ORDER BY u0.\"id\" OFFSET $1) AS \"s\"");
    assertThat(aggregate(users().where(field("age").gt(1)).union(users().where(field("age").lt(0))), Aggregate.MIN, "age"))
        .isEqualTo("SELECT min(\"s\".\"age\") FROM (" + SU + " WHERE u0.\"age\" > $1 UNION (" + SU + " WHERE u0.\"age\" < $2)) AS \"s\"");
  }

  @Test
  void aggregateOverJoinsAndConditionsStaysDirect() {
    assertThat(aggregate(users().join(Team.class, "t", field("t", "id").eq(field("teamId"))).where(field("t", "name").eq("a")), Aggregate.SUM, "age"))
        .isEqualTo("SELECT sum(u0.\"age\")" + FU + " INNER JOIN \"teams\" AS t1 ON t1.\"id\" = u0.\"team_id\" WHERE t1.\"name\" = $1");
  }

  @Test
  void aggregateOfACteSourceKeepsTheWithClause() {
    Query<User> q = Query.from(User.class, "adults").withCte("adults", users().where(field("age").ge(18))).where(field("name").eq("a"));
    assertThat(aggregate(q, Aggregate.COUNT, null))
        .isEqualTo("SELECT count(*) FROM (WITH \"adults\" AS (" + SU + " WHERE u0.\"age\" >= $1) SELECT a0.\"id\", a0.\"name\", a0.\"age\","
            + " a0.\"status\", a0.\"tags\", a0.\"team_id\", a0.\"meta\" FROM \"adults\" AS a0 WHERE a0.\"name\" = $2) AS \"s\"");
  }

  @Test
  void existsOfALimitedQuery() {
    assertThat(dialect.exists(Planner.plan(users().where(field("age").gt(1)).limit(1)).shape()))
        .isEqualTo("SELECT EXISTS (" + SU + " WHERE u0.\"age\" > $1 LIMIT $2)");
  }

  // ---- identifier quoting ----

  private static final String ODD = "o0.\"ID\", o0.\"first name\", o0.\"Mixed\"\"Case\"";

  @Test
  void oddTableAndColumnNamesAreQuoted() {
    assertThat(select(Query.from(Odd.class).where(field("firstName").eq("a")).orderBy(Order.desc("mixed"))))
        .isEqualTo("SELECT " + ODD + " FROM \"Odd \"\"Table\"\"\" AS o0 WHERE o0.\"first name\" = $1 ORDER BY o0.\"Mixed\"\"Case\" DESC");
  }

  @Test
  void oddNamesInWrites() {
    SchemaMeta<Odd> meta = Schemas.of(Odd.class);
    String returning = " RETURNING \"ID\", \"first name\", \"Mixed\"\"Case\"";
    assertThat(dialect.insert(meta, List.of(meta.field("firstName"), meta.field("mixed"))))
        .isEqualTo("INSERT INTO \"Odd \"\"Table\"\"\" (\"first name\", \"Mixed\"\"Case\") VALUES ($1, $2)" + returning);
    assertThat(dialect.update(meta, List.of(meta.field("mixed")), meta.primaryKey(), List.of(meta.field("firstName"))))
        .isEqualTo("UPDATE \"Odd \"\"Table\"\"\" SET \"Mixed\"\"Case\" = $1 WHERE \"ID\" = $2"
            + " AND (SELECT count(*) FROM \"Odd \"\"Table\"\"\" WHERE \"ID\" = $2) = 1 RETURNING \"first name\"");
    assertThat(dialect.delete(meta, meta.primaryKey())).isEqualTo("DELETE FROM \"Odd \"\"Table\"\"\" WHERE \"ID\" = $1"
        + " AND (SELECT count(*) FROM \"Odd \"\"Table\"\"\" WHERE \"ID\" = $1) = 1");
    var planned = Planner.plan(Query.from(Odd.class).where(field("firstName").eq("a")));
    assertThat(dialect.updateAll(planned.shape(), Planner.planUpdates(meta, Updates.set("mixed", "b")).shape(), 1))
        .isEqualTo("UPDATE \"Odd \"\"Table\"\"\" AS o0 SET \"Mixed\"\"Case\" = $2 WHERE o0.\"first name\" = $1");
  }

  @Test
  void aTableNotStartingWithALetterIsAliasedT() {
    assertThat(select(Query.from(First.class))).isEqualTo("SELECT t0.\"id\" FROM \"1st_things\" AS t0");
  }

  @Test
  void oddNamesOfSchemalessTablesSelectedNamesAndWindows() {
    assertThat(select(Query.fromTable("Audit Log").select(cols(col("k", field("Event \"Type\""))))))
        .isEqualTo("SELECT a0.\"Event \"\"Type\"\"\" FROM \"Audit Log\" AS a0");
    assertThat(select(users().window("my \"w\"", Window.partitionBy(field("teamId")))
        .select(selectedAs(over(rowNumber(), "my \"w\""), "Row No"), Long.class).orderBy(Order.asc(selected("Row No")))))
        .isEqualTo("SELECT row_number() OVER \"my \"\"w\"\"\" AS \"Row No\"" + FU + " WINDOW \"my \"\"w\"\"\" AS (PARTITION BY u0.\"team_id\")"
            + " ORDER BY \"Row No\"");
  }

  @Test
  void oddNamesInASubquerySource() {
    Query<Map<String, Object>> inner = Query.from(Odd.class).select(cols(col("Full Name", field("firstName"))));
    assertThat(select(Query.from(inner).select(field("Full Name"), String.class)))
        .isEqualTo("SELECT s0.\"Full Name\" FROM (SELECT so0.\"first name\" AS \"Full Name\" FROM \"Odd \"\"Table\"\"\" AS so0) AS s0");
  }
}
