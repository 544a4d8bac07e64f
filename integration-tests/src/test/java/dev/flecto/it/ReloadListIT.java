package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flecto.ArgumentException;
import dev.flecto.NoResultsException;
import dev.flecto.changeset.Changeset;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ecto's {@code Repo.reload(structs)}: many records read again in one query, in the order given,
 * null for the rows that are gone; {@code reload!} fails naming them.
 */
@FlectoTest(migrations = "dev.flecto.it.migrations")
class ReloadListIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void manyRecordsAreReadAgainInOneQueryInTheirOrderWithNullForTheGone(Repo repo) {
    Person ryan = repo.insert(Person.of("Ryan", "Bigg", 28)).block(T);
    Person jane = repo.insert(Person.of("Jane", "Smith", 26)).block(T);
    Person gone = repo.insert(Person.of("Gone", "Soon", 40)).block(T);
    repo.updateAll(Query.from(Person.class), Updates.inc("age", 1)).block(T);
    repo.delete(gone).block(T);

    List<Person> fresh = repo.reload(List.of(jane, gone, ryan, jane)).block(T);

    assertThat(fresh).extracting(p -> p == null ? null : p.firstName()).containsExactly("Jane", null, "Ryan", "Jane");
    assertThat(fresh.get(0).age()).isEqualTo(27);
    assertThat(fresh.get(2).age()).isEqualTo(29);
    assertThat(repo.reload(new ArrayList<Person>()).block(T)).isEmpty();
    NoResultsException e = (NoResultsException) catchThrowable(() -> repo.reloadOrFail(List.of(ryan, gone)).block(T));
    assertThat(e).hasMessageContaining("1 of 2").hasMessageContaining(String.valueOf(gone.id()));
    assertThat(repo.reloadOrFail(List.of(ryan)).block(T)).extracting(Person::age).containsExactly(29);
  }

  @Test
  void compositeKeysAreMatchedWhole(Repo repo) {
    Membership a = repo.insert(new Membership(1L, 10L, "owner")).block(T);
    Membership b = repo.insert(new Membership(1L, 11L, "member")).block(T);
    repo.insert(new Membership(2L, 10L, "member")).block(T);
    repo.update(Changeset.change(b).putChange("role", "admin")).block(T);

    List<Membership> fresh = repo.reload(List.of(b, new Membership(2L, 11L, "never"), a)).block(T);

    assertThat(fresh).containsExactly(new Membership(1L, 11L, "admin"), null, a);
  }

  @Test
  void badListsFailTheMonoNamingTheRecord(Repo repo) {
    Person ryan = repo.insert(Person.of("Ryan", "Bigg", 28)).block(T);
    assertThat(catchThrowable(() -> repo.reload(Arrays.asList(ryan, null)).block(T)))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("record #1");
    assertThat(catchThrowable(() -> repo.reload(List.<Object>of(ryan, new Membership(1L, 1L, "x"))).block(T)))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("one schema");
    assertThat(catchThrowable(() -> repo.reload(List.of(Person.of("No", "Key", 1))).block(T)))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("primary key");
    assertThat(catchThrowable(() -> repo.reload((List<Person>) null).block(T))).isInstanceOf(ArgumentException.class);
  }
}
