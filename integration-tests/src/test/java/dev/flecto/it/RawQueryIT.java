package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.DatabaseException;
import dev.flecto.QueryException;
import dev.flecto.adapter.QueryResult;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@code repo.query}, Ecto's {@code Ecto.Adapters.SQL.query/4}: bound parameters, rows with their
 * columns, counts, the caller's transaction, errors translated, and a NOTICE being no error. Each
 * test runs in the sandbox.
 */
@FlectoTest(schema = "/tx.sql")
class RawQueryIT {
  private static final Duration T = Duration.ofSeconds(15);

  @Test
  void rowsWithTheirColumnsFromBoundParameters(Repo repo) {
    repo.query("INSERT INTO tx_items (name) VALUES ($1), ($2)", List.of("ann", "bob")).as(StepVerifier::create)
        .assertNext(r -> {
          assertThat(r.numRows()).as("rows inserted").isEqualTo(2);
          assertThat(r.columns()).isEmpty();
        })
        .verifyComplete();
    QueryResult r = repo.query("SELECT name, length(name) AS len FROM tx_items WHERE name > $1 ORDER BY name", List.of("a"))
        .block(T);
    assertThat(r.columns()).containsExactly("name", "len");
    assertThat(r.rows()).containsExactly(List.of("ann", 3), List.of("bob", 3));
    assertThat(r.numRows()).isEqualTo(2);
    assertThat(r.maps()).containsExactly(Map.of("name", "ann", "len", 3), Map.of("name", "bob", "len", 3));
  }

  @Test
  void aNullParameterIsAnUntypedNullAndANullValueComesBackAsNull(Repo repo) {
    List<Object> params = new ArrayList<>(Arrays.asList((Object) null));
    QueryResult r = repo.query("SELECT coalesce($1::text, 'none') AS v, NULL::int AS n", params).block(T);
    assertThat(r.rows()).containsExactly(Arrays.asList("none", null));
  }

  @Test
  void itRunsInTheCallersTransaction(Repo repo) {
    repo.transact(() -> repo.query("INSERT INTO tx_items (name) VALUES ($1)", List.of("undone"))
            .then(Mono.error(new IllegalStateException("no"))))
        .as(StepVerifier::create).expectErrorMessage("no").verify(T);
    assertThat(repo.query("SELECT count(*) FROM tx_items WHERE name = $1", List.of("undone")).block(T).rows())
        .containsExactly(List.of(0L));
  }

  @Test
  void errorsAreTranslatedAndNameTheSql(Repo repo) {
    repo.query("INSERT INTO tx_items (name) VALUES ($1)", List.of("dup")).block(T);
    repo.query("INSERT INTO tx_items (name) VALUES ($1)", List.of("dup")).as(StepVerifier::create)
        .expectError(ConstraintException.class).verify(T);
    repo.query("SELECT * FROM no_such_table", List.of()).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DatabaseException.class).hasMessageContaining("no_such_table")
            .hasMessageContaining("SELECT * FROM no_such_table"))
        .verify(T);
  }

  @Test
  void aNoticeIsNoError(Repo repo) {
    repo.query("DROP TABLE IF EXISTS no_such_table", List.of()).as(StepVerifier::create)
        .assertNext(r -> assertThat(r.rows()).isEmpty()).verifyComplete();
  }

  @Test
  void badInputFailsInsideThePublisher(Repo repo) {
    Mono<QueryResult> blank = repo.query(" ", List.of());
    blank.as(StepVerifier::create).expectError(QueryException.class).verify(T);
    Mono<QueryResult> unencodable = repo.query("SELECT $1", List.of(new Object()));
    unencodable.as(StepVerifier::create).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(dev.flecto.FlectoException.class)
        .hasMessageContaining("SELECT $1")).verify(T);
    Mono<QueryResult> noParams = repo.query("SELECT 1", null);
    noParams.as(StepVerifier::create).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
        .hasMessageContaining("List.of()")).verify(T);
  }
}
