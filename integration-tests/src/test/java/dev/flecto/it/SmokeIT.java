package dev.flecto.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

@FlectoTest(migrations = "dev.flecto.it.migrations")
class SmokeIT {
  @Test
  void insertsAndReads(Repo repo) {
    repo.insert(Person.of("Ryan", "Bigg", 28)).flatMap(p -> repo.get(Person.class, p.id()))
        .as(StepVerifier::create)
        .assertNext(p -> {
          assertThat(p.id()).isNotNull();
          assertThat(p.firstName()).isEqualTo("Ryan");
          assertThat(p.insertedAt()).isNotNull();
        })
        .verifyComplete();
  }
}
