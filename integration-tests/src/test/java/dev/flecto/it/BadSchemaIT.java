package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.QueryException;
import dev.flecto.SchemaException;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Bad schemas and bad queries fail through the Repo with messages naming the record and component; nothing is written. */
@FlectoTest(migrations = "dev.flecto.it.migrations")
class BadSchemaIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Schema("people")
  public record WithList(@Id Long id, java.util.Set<String> tags) {}

  @Schema("people")
  public record TwoOnOneColumn(@Id Long id, String firstName, @dev.flecto.schema.Column("first_name") String name) {}

  @Schema("memberships")
  public record NoId(Long userId, Long groupId, String role) {}

  public record NotASchema(Long id) {}

  @Test
  void anUnsupportedTypeNamesTheRecordAndComponent(Repo repo) {
    repo.insert(new WithList(null, java.util.Set.of("a"))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SchemaException.class)
            .hasMessageContaining("BadSchemaIT$WithList").hasMessageContaining("'tags'")
            .hasMessageContaining("java.util.Set<java.lang.String> is not supported"))
        .verify(T);
  }

  @Test
  void twoComponentsOnOneColumnAreRefused(Repo repo) {
    repo.all(TwoOnOneColumn.class).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SchemaException.class)
            .hasMessageContaining("'firstName' and 'name' both map to column 'first_name'"))
        .verify(T);
  }

  @Test
  void operationsThatNeedAnIdSayWhy(Repo repo) {
    NoId row = repo.insert(new NoId(1L, 2L, "member")).block(T);
    assertThat(repo.all(NoId.class).collectList().block(T)).as("a schema without @Id can insert and query").contains(row);
    repo.delete(row).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SchemaException.class)
            .hasMessageContaining("NoId (table memberships) has no @Id").hasMessageContaining("delete"))
        .verify(T);
    repo.get(NoId.class, 1L).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("has no @Id").hasMessageContaining("get"))
        .verify(T);
  }

  @Test
  void aRecordWithoutSchemaIsRefused(Repo repo) {
    repo.insert(new NotASchema(1L)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SchemaException.class)
            .hasMessageContaining("NotASchema is not a schema").hasMessageContaining("@Schema"))
        .verify(T);
  }

  @Test
  void badQueriesNameTheFieldAndGiveAHint(Repo repo) {
    repo.all(Query.from(Person.class).where("agee", 3)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("field 'agee' in where does not exist in schema Person (table people)")
            .hasMessageContaining("hint").hasMessageContaining("firstName"))
        .verify(T);
    repo.getBy(Person.class, Map.of("age", "old")).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("value \"old\" in where cannot be cast to Integer for field 'age'"))
        .verify(T);
    repo.all(Query.from(Person.class).where("age", null)).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("with null is forbidden").hasMessageContaining("whereNull(\"age\")"))
        .verify(T);
    assertThat(repo.all(Person.class).collectList().block(T)).isEmpty();
  }
}
