package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.FlectoException;
import dev.flecto.query.Query;
import dev.flecto.repo.DynamicRepos;
import dev.flecto.repo.DynamicReposOptions;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.repo.Tenancy;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Dynamic repos over real databases made by the test on the test server: the same code runs on
 * the database the Reactor Context chooses; each database's pool is made on first use, the bound
 * closes the least recently used (its server sessions end), a busy one only after its operation,
 * an idle one after the idle timeout; and the errors say which key or what is missing.
 */
@FlectoTest
@NoSandbox
class DynamicReposIT {
  private static final Duration T = Duration.ofSeconds(30);
  private static final Repo SERVER = TestDatabase.get().repo();
  private static final List<String> KEYS = List.of("a", "b", "c");

  @Schema("dyn_items")
  record DynItem(@Id Long id, String name) {}

  private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
  private DynamicRepos registry;

  private static String database(String key) {
    return "flecto_dyn_" + key;
  }

  /** The test server's URL with another database. */
  private static String url(String key) {
    return TestDatabase.get().url().replaceFirst("(//[^/]+/)[^?]*", "$1" + database(key));
  }

  @BeforeAll
  static void databases() {
    dropDatabases();
    SERVER.query("CREATE DATABASE " + database("a"), List.of()).block(T);
    try (Repo r = Repo.connect(url("a"))) {
      r.query("CREATE TABLE dyn_items (id bigserial PRIMARY KEY, name text NOT NULL)", List.of()).block(T);
    }
    awaitSessions("a", 0); // a template has no sessions
    for (String key : KEYS.subList(1, KEYS.size())) {
      SERVER.query("CREATE DATABASE " + database(key) + " TEMPLATE " + database("a"), List.of()).block(T);
    }
  }

  @AfterAll
  static void dropDatabases() {
    for (String key : KEYS) {
      SERVER.query("DROP DATABASE IF EXISTS " + database(key) + " WITH (FORCE)", List.of()).block(T);
    }
  }

  @AfterEach
  void close() {
    if (registry != null) {
      registry.close();
    }
    for (String key : KEYS) {
      awaitSessions(key, 0);
      if (created.containsKey(key)) {
        try (Repo r = Repo.connect(url(key))) {
          r.query("TRUNCATE dyn_items", List.of()).block(T);
        }
      }
    }
  }

  private DynamicRepos registry(DynamicReposOptions options) {
    Set<String> known = Set.copyOf(KEYS);
    registry = DynamicRepos.create(key -> {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown tenant " + key);
      }
      created.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      return Repo.connect(url(key), RepoOptions.defaults().withPoolMaxSize(3));
    }, options);
    return registry;
  }

  private static long sessions(String key) {
    return ((Number) SERVER.query("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", List.of(database(key)))
        .block(T).rows().get(0).get(0)).longValue();
  }

  private static void awaitSessions(String key, long expected) {
    Pools.await(() -> sessions(key) == expected);
    assertThat(sessions(key)).as("server sessions on " + database(key)).isEqualTo(expected);
  }

  private static List<String> names(Repo repo, String key) {
    return repo.all(Query.from(DynItem.class).orderBy("id")).map(DynItem::name).collectList()
        .contextWrite(DynamicRepos.use(key)).block(T);
  }

  private int createdCount(String key) {
    return created.getOrDefault(key, new AtomicInteger()).get();
  }

  @Test
  void theSameCodeRunsOnTheDatabaseTheContextChoosesWithPoolsMadeOnFirstUse() {
    Repo repo = registry(DynamicReposOptions.defaults()).repo();
    assertThat(registry.openKeys()).as("nothing is opened before it is used").isEmpty();
    assertThat(created).isEmpty();
    Function<String, Mono<Void>> work = key -> Flux.range(0, 10)
        .concatMap(i -> repo.transact(() -> repo.insert(new DynItem(null, key + "-" + i))
            .flatMap(item -> repo.all(DynItem.class).map(DynItem::name).collectList())
            .doOnNext(all -> assertThat(all).allMatch(n -> n.startsWith(key + "-")).hasSize(i + 1))))
        .then(repo.updateAll(Query.from(DynItem.class).where("name", key + "-0"), dev.flecto.query.Updates.set("name", key + "-zero")))
        .then(repo.insertAll(DynItem.class, List.of(Map.of("name", key + "-bulk"))))
        .then().contextWrite(DynamicRepos.use(key)).subscribeOn(Schedulers.parallel());
    Mono.when(work.apply("a"), work.apply("b")).block(T);
    assertThat(names(repo, "a")).hasSize(11).allMatch(n -> n.startsWith("a-")).contains("a-zero", "a-bulk");
    assertThat(names(repo, "b")).hasSize(11).allMatch(n -> n.startsWith("b-")).contains("b-zero", "b-bulk");
    assertThat(registry.openKeys()).containsExactlyInAnyOrder("a", "b");
    assertThat(createdCount("a")).as("one pool per key, however many operations").isEqualTo(1);
    assertThat(createdCount("b")).isEqualTo(1);
    assertThat(createdCount("c")).isZero();
    assertThat(sessions("c")).isZero();
    assertThat(sessions("a")).as("a's pool keeps its connections").isPositive();
  }

  @Test
  void passingTheBoundClosesTheLeastRecentlyUsedRepoAndItsServerSessions() {
    Repo repo = registry(DynamicReposOptions.defaults().withMaxOpen(2)).repo();
    names(repo, "a");
    names(repo, "b");
    names(repo, "a"); // a is used more recently than b now
    assertThat(sessions("b")).isPositive();
    names(repo, "c");
    assertThat(registry.openKeys()).containsExactly("a", "c");
    awaitSessions("b", 0);
    assertThat(sessions("a")).isPositive();
    assertThat(sessions("c")).isPositive();
    names(repo, "b");
    assertThat(createdCount("b")).as("b is made again on its next use").isEqualTo(2);
    assertThat(registry.openKeys()).containsExactly("c", "b");
    awaitSessions("a", 0);
  }

  @Test
  void anEvictedRepoStillBusyClosesOnlyWhenItsTransactionEnds() {
    Repo repo = registry(DynamicReposOptions.defaults().withMaxOpen(1)).repo();
    Mono<DynItem> slow = repo.transact(() -> repo.query("SELECT pg_sleep(0.6)", List.of())
        .then(repo.insert(new DynItem(null, "a-late")))).contextWrite(DynamicRepos.use("a"));
    var running = slow.subscribeOn(Schedulers.parallel()).toFuture();
    Pools.await(() -> sessions("a") > 0);
    assertThat(names(repo, "b")).as("b opens while a is busy: a leaves the registry").isEmpty();
    assertThat(registry.openKeys()).containsExactly("b");
    assertThat(running.join().name()).as("a's transaction ran to its commit on its pool").isEqualTo("a-late");
    assertThat(createdCount("a")).as("the transaction's statements ran on the repo it began on, evicted or not").isEqualTo(1);
    assertThat(registry.openKeys()).containsExactly("b");
    awaitSessions("a", 0);
    assertThat(names(repo, "a")).containsExactly("a-late");
    assertThat(createdCount("a")).isEqualTo(2);
  }

  @Test
  void aRepoUnusedForTheIdleTimeoutIsClosed() {
    Repo repo = registry(DynamicReposOptions.defaults().withIdleTimeout(Duration.ofMillis(300))).repo();
    names(repo, "a");
    assertThat(registry.openKeys()).containsExactly("a");
    Pools.await(() -> registry.openKeys().isEmpty());
    assertThat(registry.openKeys()).isEmpty();
    awaitSessions("a", 0);
    names(repo, "a");
    assertThat(createdCount("a")).isEqualTo(2);
  }

  @Test
  void anOperationWithNoKeyFailsInsideItsPublisherSayingWhatIsMissing() {
    Repo repo = registry(DynamicReposOptions.defaults()).repo();
    Flux<DynItem> none = repo.all(DynItem.class); // nothing thrown here
    StepVerifier.create(none).expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(FlectoException.class)
        .hasMessageContaining("no dynamic repo is chosen").hasMessageContaining("DynamicRepos.use")).verify(T);
    StepVerifier.create(repo.insert(new DynItem(null, "x"))).expectError(FlectoException.class).verify(T);
    assertThat(repo.inTransaction().block(T)).isFalse();
    assertThat(created).isEmpty();
  }

  @Test
  void aKeyTheFactoryFailsForFailsWithTheFactorysErrorAndTheKey() {
    Repo repo = registry(DynamicReposOptions.defaults()).repo();
    StepVerifier.create(repo.all(DynItem.class).contextWrite(DynamicRepos.use("zzz")))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(FlectoException.class)
            .hasMessageContaining("dynamic repo 'zzz' could not be created: unknown tenant zzz")
            .hasCauseInstanceOf(IllegalArgumentException.class))
        .verify(T);
    assertThat(registry.openKeys()).isEmpty();
    assertThat(names(repo, "a")).isEmpty();
  }

  @Test
  void aTenantPrefixAndAStatementTimeoutWorkOnTheDynamicRepoToo() {
    Repo repo = registry(DynamicReposOptions.defaults()).repo();
    try (Repo c = Repo.connect(url("c"))) {
      c.query("CREATE SCHEMA dyn_t1", List.of()).block(T);
      c.query("CREATE TABLE dyn_t1.dyn_items (id bigserial PRIMARY KEY, name text NOT NULL)", List.of()).block(T);
    }
    repo.insert(new DynItem(null, "in-t1")).contextWrite(Tenancy.prefix("dyn_t1")).contextWrite(DynamicRepos.use("c")).block(T);
    assertThat(repo.withStatementTimeout(Duration.ofSeconds(5)).all(DynItem.class).map(DynItem::name).collectList()
        .contextWrite(Tenancy.prefix("dyn_t1")).contextWrite(DynamicRepos.use("c")).block(T)).containsExactly("in-t1");
    assertThat(names(repo, "c")).as("the search path's table is untouched").isEmpty();
    try (Repo c = Repo.connect(url("c"))) {
      c.query("DROP SCHEMA dyn_t1 CASCADE", List.of()).block(T);
    }
  }

  @Test
  void closingTheRegistryClosesEveryPool() {
    Repo repo = registry(DynamicReposOptions.defaults()).repo();
    names(repo, "a");
    names(repo, "b");
    repo.close(); // the Repo it hands out closes the registry too
    assertThat(registry.openKeys()).isEmpty();
    awaitSessions("a", 0);
    awaitSessions("b", 0);
    StepVerifier.create(repo.all(DynItem.class).contextWrite(DynamicRepos.use("a")))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("after its DynamicRepos was closed")).verify(T);
    registry = null;
  }
}
