package dev.flecto.it;

import static dev.flecto.migration.Migrations.add;
import static dev.flecto.migration.Migrations.createTable;
import static dev.flecto.migration.Migrations.references;
import static dev.flecto.migration.Migrations.table;
import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.DatabaseException;
import dev.flecto.it.TnSchemas.TnComment;
import dev.flecto.it.TnSchemas.TnPlan;
import dev.flecto.it.TnSchemas.TnPost;
import dev.flecto.migration.ColumnType;
import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import dev.flecto.migration.MigrationException;
import dev.flecto.migration.Migrations;
import dev.flecto.migration.Migrator;
import dev.flecto.migration.MigratorOptions;
import dev.flecto.migration.Target;
import dev.flecto.migration.VersionedMigration;
import dev.flecto.multi.Multi;
import dev.flecto.multi.MultiResult;
import dev.flecto.query.Preload;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.repo.StreamOptions;
import dev.flecto.repo.Tenancy;
import dev.flecto.schema.Assoc;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/**
 * Tenants by prefix: a default prefix from the Reactor Context ({@link Tenancy#prefix}) or the
 * Repo ({@code repo.withPrefix}) reaches every statement a pipeline runs; nearer prefixes win in
 * Ecto's order; two tenants' pipelines running at once never see each other's rows. The tenants'
 * schemas are made by the migrator ({@code createPrefix}, then the tenant's migrations), and their
 * tables exist nowhere else, so a statement that missed the prefix fails instead of passing.
 */
@FlectoTest
@NoSandbox
class TenancyIT {
  private static final Duration T = Duration.ofSeconds(30);
  private static final Repo REPO = TestDatabase.get().repo();
  private static final List<String> TENANTS = List.of("tn_a", "tn_b");

  private static final List<VersionedMigration> TENANT_MIGRATIONS = List.of(Migrations.of(1, "tenant_tables", new Migration() {
    @Override
    public List<Command> change() {
      return List.of(
          createTable(table("tn_posts"), add("title", ColumnType.TEXT).notNull(), add("votes", ColumnType.INTEGER).defaultValue(0)),
          createTable(table("tn_comments"), add("post_id", references("tn_posts")), add("body", ColumnType.TEXT).notNull()),
          createTable(table("tn_plans"), add("name", ColumnType.TEXT).notNull()));
    }
  }));

  @BeforeAll
  static void tenants() {
    dropAll();
    sql("CREATE SCHEMA tn_shared");
    sql("CREATE TABLE tn_shared.tn_plans (id bigserial PRIMARY KEY, name text NOT NULL)");
    for (String t : TENANTS) {
      Migrator m = Migrator.of(REPO.withPrefix(t));
      m.createPrefix().then(m.up(TENANT_MIGRATIONS)).block(T);
    }
  }

  @AfterAll
  static void dropAll() {
    sql("DROP SCHEMA IF EXISTS tn_a, tn_b, tn_c, tn_shared CASCADE");
  }

  private static List<List<Object>> sql(String statement, Object... params) {
    return REPO.query(statement, List.of(params)).block(T).rows();
  }

  private static long count(String table) {
    return ((Number) sql("SELECT count(*) FROM " + table).get(0).get(0)).longValue();
  }

  // ---- two tenants at once -----------------------------------------------------------------

  /**
   * One round of every kind of operation, in one tenant, each checking that what it sees is that
   * tenant's: rows are tagged with the tenant's name, and counts are those of this tenant's rounds.
   */
  private static Mono<Void> round(Repo r, String t, int i) {
    String tag = t + "-" + i;
    Function<String, Boolean> mine = s -> s.startsWith(t + "-");
    TnPost post = new TnPost(null, tag, 0, Assoc.loaded(List.of(new TnComment(null, null, tag + "-c1", null),
        new TnComment(null, null, tag + "-c2", null))));
    Multi multi = Multi.create()
        .insert("post", new TnPost(null, tag + "-m", 0, null))
        .insert("comment", changes -> new TnComment(null, changes.get("post", TnPost.class).id(), tag + "-mc", null))
        .run("seen", (repo, changes) -> repo.all(Query.from(TnComment.class)).map(TnComment::body).collectList());
    return r.insert(post)
        .flatMap(p -> r.all(Query.from(TnPost.class).orderBy("id")).collectList().doOnNext(all -> {
          assertThat(all).extracting(TnPost::title).allMatch(mine::apply);
          assertThat(all).hasSize(2 * i + 1);
        }).thenReturn(p))
        .flatMap(p -> r.all(Query.from(TnPost.class).where("title", tag).preload("comments")).single().doOnNext(loaded ->
            assertThat(loaded.comments().get()).extracting(TnComment::body).containsExactlyInAnyOrder(tag + "-c1", tag + "-c2")))
        .flatMap(p -> r.preload(List.of(p), Preload.of("comments", Preload.of("post"))).doOnNext(l ->
            assertThat(l.get(0).comments().get()).allSatisfy(c -> assertThat(c.post().get().title()).isEqualTo(tag))).thenReturn(p))
        .flatMap(p -> r.transact(multi).doOnNext(result -> {
          assertThat(result.get("post", TnPost.class).title()).isEqualTo(tag + "-m");
          @SuppressWarnings("unchecked")
          List<String> seen = (List<String>) result.get("seen");
          assertThat(seen).allMatch(mine::apply).contains(tag + "-mc");
        }).thenReturn(p))
        .flatMap(p -> r.stream(Query.from(TnComment.class).orderBy("id").preload("post"), StreamOptions.maxRows(5))
            .doOnNext(c -> assertThat(c.body()).startsWith(t + "-"))
            .doOnNext(c -> assertThat(c.post().get().title()).startsWith(t + "-"))
            .count().doOnNext(n -> assertThat(n).isEqualTo(3L * (i + 1))).thenReturn(p))
        .flatMap(p -> r.updateAll(Query.from(TnPost.class).where(field("title").like(t + "-%")), Updates.inc("votes", 1))
            .doOnNext(n -> assertThat(n).isEqualTo(2L * (i + 1))).thenReturn(p))
        .flatMap(p -> r.insertAll(TnComment.class, List.of(Map.of("postId", p.id(), "body", tag + "-bulk1"),
            Map.of("postId", p.id(), "body", tag + "-bulk2"))).doOnNext(n -> assertThat(n).isEqualTo(2L)).thenReturn(p))
        .flatMap(p -> r.deleteAll(Query.from(TnComment.class).where("body", tag + "-bulk2"))
            .doOnNext(n -> assertThat(n).isEqualTo(1L)).thenReturn(p))
        .flatMap(p -> r.all(Query.from(TnPost.class).where(field("id").in(Query.from(TnComment.class)
                .where("body", tag + "-c1").select(field("postId"), Long.class)))).collectList()
            .doOnNext(l -> assertThat(l).extracting(TnPost::title).containsExactly(tag)).thenReturn(p))
        .flatMap(p -> r.delete(p.comments().get().get(1)).thenReturn(p))
        .flatMap(p -> r.update(dev.flecto.changeset.Changeset.change(p, Map.of("title", tag + "-u"))))
        .then();
  }

  private static Mono<Void> pipeline(Repo r, String t, int rounds, Function<Context, Context> context) {
    return Flux.range(0, rounds).concatMap(i -> round(r, t, i)).then()
        .contextWrite(context).subscribeOn(Schedulers.parallel());
  }

  private static void assertTenantRows(String t, int rounds) {
    assertThat(count(t + ".tn_posts")).isEqualTo(2L * rounds);
    assertThat(sql("SELECT title FROM " + t + ".tn_posts")).allSatisfy(row -> assertThat((String) row.get(0)).startsWith(t + "-"));
    assertThat(sql("SELECT body FROM " + t + ".tn_comments")).allSatisfy(row -> assertThat((String) row.get(0)).startsWith(t + "-"));
    assertThat(count(t + ".tn_comments")).isEqualTo(3L * rounds); // 2 tree + 1 Multi + 2 bulk - 1 deleteAll - 1 delete
    assertThat(sql("SELECT count(*) FROM " + t + ".tn_posts WHERE title LIKE '%-u'").get(0).get(0)).isEqualTo((long) rounds);
  }

  private static void clearTenants() {
    for (String t : TENANTS) {
      sql("TRUNCATE " + t + ".tn_comments, " + t + ".tn_posts, " + t + ".tn_plans RESTART IDENTITY");
    }
  }

  @Test
  void twoTenantsPipelinesRunningAtOnceByTheContextNeverSeeEachOthersRows() {
    clearTenants();
    int rounds = 8;
    // The same Repo, the same code: only the Context differs.
    Mono.when(pipeline(REPO, "tn_a", rounds, Tenancy.prefix("tn_a")), pipeline(REPO, "tn_b", rounds, Tenancy.prefix("tn_b")))
        .block(T);
    assertTenantRows("tn_a", rounds);
    assertTenantRows("tn_b", rounds);
  }

  @Test
  void twoTenantsPipelinesRunningAtOnceByTheRepoNeverSeeEachOthersRows() {
    clearTenants();
    int rounds = 8;
    Mono.when(pipeline(REPO.withPrefix("tn_a"), "tn_a", rounds, Function.identity()),
        pipeline(REPO.withPrefix("tn_b"), "tn_b", rounds, Function.identity())).block(T);
    assertTenantRows("tn_a", rounds);
    assertTenantRows("tn_b", rounds);
  }

  // ---- precedence ----------------------------------------------------------------------------

  private static void seed() {
    clearTenants();
    sql("TRUNCATE tn_shared.tn_plans RESTART IDENTITY");
    for (String t : TENANTS) {
      sql("INSERT INTO " + t + ".tn_posts (title) VALUES ('" + t + "-only')");
    }
    sql("INSERT INTO tn_shared.tn_plans (name) VALUES ('shared-gold')");
  }

  private static <T> List<T> in(String tenant, Flux<T> flux) {
    return flux.contextWrite(Tenancy.prefix(tenant)).collectList().block(T);
  }

  @Test
  void aQuerysOwnPrefixWinsOverTheDefault() {
    seed();
    assertThat(in("tn_a", REPO.all(Query.from(TnPost.class).prefix("tn_b")))).extracting(TnPost::title).containsExactly("tn_b-only");
    assertThat(in("tn_a", REPO.all(Query.from(TnPost.class).sourcePrefix("tn_b")))).extracting(TnPost::title)
        .containsExactly("tn_b-only");
    assertThat(REPO.withPrefix("tn_a").all(Query.from(TnPost.class).prefix("tn_b")).collectList().block(T))
        .extracting(TnPost::title).containsExactly("tn_b-only");
    assertThat(in("tn_a", REPO.aggregate(Query.from(TnPost.class).prefix("tn_b"), dev.flecto.query.Aggregate.COUNT).flux()))
        .containsExactly(1L);
  }

  @Test
  void theRepoDefaultWinsOverTheContextOne() {
    seed();
    assertThat(in("tn_a", REPO.withPrefix("tn_b").all(TnPost.class))).extracting(TnPost::title).containsExactly("tn_b-only");
    assertThat(REPO.withPrefix("tn_b").prefix()).isEqualTo("tn_b");
    assertThat(REPO.prefix()).isNull();
    assertThat(REPO.withPrefix("tn_b").withStatementTimeout(Duration.ofSeconds(5)).prefix())
        .as("another statement timeout keeps the prefix").isEqualTo("tn_b");
  }

  @Test
  void forQueriesASchemasPrefixWinsForWritesTheDefaultDoesAsEctosOption() {
    seed();
    assertThat(in("tn_a", REPO.all(TnPlan.class))).as("a query: @Schema(prefix) wins over the default")
        .extracting(TnPlan::name).containsExactly("shared-gold");
    TnPlan written = REPO.insert(new TnPlan(null, "tenant-silver")).contextWrite(Tenancy.prefix("tn_a")).block(T);
    assertThat(sql("SELECT name FROM tn_a.tn_plans")).as("a write: the default overrides @Schema(prefix), as Ecto's :prefix")
        .containsExactly(List.of("tenant-silver"));
    REPO.update(dev.flecto.changeset.Changeset.change(written, Map.of("name", "tenant-bronze")))
        .contextWrite(Tenancy.prefix("tn_a")).block(T);
    assertThat(sql("SELECT name FROM tn_a.tn_plans")).containsExactly(List.of("tenant-bronze"));
    REPO.insert(new TnPlan(null, "shared-silver")).contextWrite(Tenancy.prefix("tn_a")).contextWrite(Tenancy.noPrefix())
        .block(T); // the inner write is under tn_a: the nearer contextWrite (upstream) wins
    REPO.insert(new TnPlan(null, "shared-platinum")).contextWrite(Tenancy.noPrefix()).contextWrite(Tenancy.prefix("tn_a"))
        .block(T);
    assertThat(sql("SELECT name FROM tn_shared.tn_plans ORDER BY id")).as("noPrefix: the schema's prefix again")
        .containsExactly(List.of("shared-gold"), List.of("shared-platinum"));
    REPO.delete(written).contextWrite(Tenancy.prefix("tn_a")).block(T);
    assertThat(count("tn_a.tn_plans")).isEqualTo(1L);
  }

  @Test
  void insertAllsOwnPrefixWinsOverTheDefault() {
    seed();
    long n = REPO.insertAll(TnPost.class, List.of(Map.of("title", "tn_b-bulk")), InsertAllOptions.defaults().withPrefix("tn_b"))
        .contextWrite(Tenancy.prefix("tn_a")).block(T);
    assertThat(n).isEqualTo(1L);
    assertThat(sql("SELECT title FROM tn_b.tn_posts ORDER BY id")).containsExactly(List.of("tn_b-only"), List.of("tn_b-bulk"));
    REPO.insertAll("tn_posts", List.of(Map.of("title", "tn_a-schemaless")), InsertAllOptions.defaults())
        .contextWrite(Tenancy.prefix("tn_a")).block(T);
    REPO.insertAll(TnPost.class, Query.from(TnPost.class).where("title", "tn_a-only")
            .select(Map.of("title", field("title"))), InsertAllOptions.defaults())
        .contextWrite(Tenancy.prefix("tn_a")).block(T);
    assertThat(sql("SELECT title FROM tn_a.tn_posts ORDER BY id"))
        .as("schemaless, and INSERT ... SELECT reading and writing the default prefix")
        .containsExactly(List.of("tn_a-only"), List.of("tn_a-schemaless"), List.of("tn_a-only"));
  }

  @Test
  void withoutAnyPrefixTheSearchPathIsUsedAndTheTenantTablesAreNotThere() {
    StepVerifier.create(REPO.all(TnPost.class))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DatabaseException.class).hasMessageContaining("tn_posts"))
        .verify(T);
  }

  @Test
  void toSqlShowsTheRepoDefault() {
    assertThat(REPO.withPrefix("tn_a").toSql(Query.from(TnPost.class)).text()).contains("FROM \"tn_a\".\"tn_posts\"");
    assertThat(REPO.withPrefix("tn_a").toSql(Query.from(TnPost.class).prefix("tn_b")).text()).contains("FROM \"tn_b\".\"tn_posts\"");
  }

  @Test
  void aBlankPrefixIsRefusedNamingWhere() {
    assertThatThrownBy(() -> Tenancy.prefix(" ")).isInstanceOf(ArgumentException.class).hasMessageContaining("Tenancy.prefix");
    assertThatThrownBy(() -> REPO.withPrefix(null)).isInstanceOf(ArgumentException.class).hasMessageContaining("Repo.withPrefix");
    assertThat(Tenancy.currentPrefix(Context.of(Map.of()))).isEmpty();
    assertThat(Mono.deferContextual(ctx -> Mono.justOrEmpty(Tenancy.currentPrefix(ctx))).contextWrite(Tenancy.prefix("tn_a"))
        .block(T)).isEqualTo("tn_a");
  }

  // ---- migrations ----------------------------------------------------------------------------

  @Test
  void aNewTenantIsCreatedAndMigratedIntoItsOwnPrefix() {
    Migrator tenant = Migrator.of(REPO.withPrefix("tn_c"));
    assertThat(tenant.prefix()).isEqualTo("tn_c");
    List<VersionedMigration> ran = tenant.createPrefix().then(tenant.up(TENANT_MIGRATIONS)).block(T);
    assertThat(ran).extracting(VersionedMigration::version).containsExactly(1L);
    assertThat(sql("SELECT version FROM tn_c.schema_migrations")).containsExactly(List.of(1L));
    assertThat(sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'tn_c' ORDER BY 1"))
        .containsExactly(List.of("schema_migrations"), List.of("tn_comments"), List.of("tn_plans"), List.of("tn_posts"));
    assertThat(sql("SELECT to_regclass('public.tn_posts') IS NULL").get(0).get(0)).isEqualTo(true);
    TnPost p = REPO.insert(new TnPost(null, "tn_c-first", null, null)).contextWrite(Tenancy.prefix("tn_c")).block(T);
    assertThat(p.votes()).as("the column default of the tenant's table").isZero();
    assertThat(tenant.createPrefix().then(tenant.up(TENANT_MIGRATIONS)).block(T)).as("again: nothing to do").isEmpty();
    Migrator explicit = Migrator.of(REPO.withPrefix("tn_a")).withOptions(MigratorOptions.defaults().withPrefix("tn_c"));
    assertThat(explicit.prefix()).as("the migrator's option wins over the Repo's default").isEqualTo("tn_c");
    assertThat(explicit.appliedVersions().block(T)).containsExactly(1L);
    tenant.down(TENANT_MIGRATIONS, Target.all()).block(T);
    assertThat(sql("SELECT to_regclass('tn_c.tn_posts') IS NULL").get(0).get(0)).isEqualTo(true);
    sql("DROP SCHEMA tn_c CASCADE");
  }

  @Test
  void createPrefixWithoutAPrefixFailsInsideTheMono() {
    Mono<Void> create = Migrator.of(REPO).createPrefix();
    StepVerifier.create(create).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MigrationException.class)
        .hasMessageContaining("createPrefix needs a prefix")).verify(T);
  }

  // ---- concurrency under one Context key: a stress of interleaved transactions ---------------

  @Test
  void manyInterleavedTransactionsOfTwoTenantsKeepTheirRowsApart() {
    clearTenants();
    AtomicInteger done = new AtomicInteger();
    List<Mono<Void>> work = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String t = TENANTS.get(i % 2);
      String title = t + "-tx" + i;
      work.add(REPO.transact(() -> REPO.insert(new TnPost(null, title, 0, null))
              .flatMap(p -> REPO.all(Query.from(TnPost.class)).map(TnPost::title).collectList())
              .doOnNext(titles -> assertThat(titles).allMatch(s -> s.startsWith(t + "-")).contains(title)))
          .doOnSuccess(x -> done.incrementAndGet()).then().contextWrite(Tenancy.prefix(t)));
    }
    Flux.merge(Flux.fromIterable(work), 8).then().block(T);
    assertThat(done).hasValue(40);
    assertThat(count("tn_a.tn_posts")).isEqualTo(20L);
    assertThat(count("tn_b.tn_posts")).isEqualTo(20L);
  }
}
