package dev.flecto.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.ConstraintException;
import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.test.TestDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/** Observations of real statements (in a sandbox on the test PostgreSQL): timers by tag, spans parented from the Reactor Context. */
class MicrometerIT {
  private static final Duration T = Duration.ofSeconds(15);

  @Schema("mm_notes")
  record Note(@Id Long id, String body) {}

  private Sandbox sandbox;

  private Repo open(ObservationRegistry registry) {
    sandbox = Sandbox.open(TestDatabase.get().connectionFactory(),
        RepoOptions.defaults().withListener(FlectoObservations.of(registry))).block(T);
    Repo repo = sandbox.repo();
    // Created in the sandbox's transaction, rolled back with it.
    reactor.core.publisher.Flux.from(sandbox.connection().createStatement(
            "CREATE TABLE mm_notes (id bigserial PRIMARY KEY, body text NOT NULL UNIQUE)").execute())
        .flatMap(io.r2dbc.spi.Result::getRowsUpdated).then().block(T);
    return repo;
  }

  @AfterEach
  void rollBack() {
    if (sandbox != null) {
      sandbox.rollback().block(T);
    }
  }

  @Test
  void eachStatementIsATimerTaggedByRepoKindTableAndOutcome() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    Repo repo = open(registry);
    repo.insert(new Note(null, "a")).block(T);
    repo.insert(new Note(null, "a")).as(StepVerifier::create).expectError(ConstraintException.class).verify(T);
    Timer ok = meters.find(FlectoObservations.NAME).tag("flecto.kind", "query").tag("db.sql.table", "mm_notes")
        .tag("outcome", "success").tag("flecto.repo", "flecto").timer();
    assertThat(ok).isNotNull();
    assertThat(ok.count()).isEqualTo(1);
    Timer failed = meters.find(FlectoObservations.NAME).tag("db.sql.table", "mm_notes").tag("outcome", "error").timer();
    assertThat(failed).isNotNull();
    assertThat(failed.count()).isEqualTo(1);
    assertThat(meters.find(FlectoObservations.NAME).tag("flecto.kind", "savepoint").timers())
        .as("the sandbox's savepoints are observed too").isNotEmpty();
    assertThat(meters.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("db.statement")).as("SQL only on spans").isNull());
  }

  @Test
  void theParentIsTheObservationInTheCallersReactorContext() {
    java.util.List<Observation.Context> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<Observation.Context>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }

      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }
    });
    Repo repo = open(registry);
    Observation request = Observation.start("http.request", registry);
    repo.insert(new Note(null, "b")).contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, request)).block(T);
    request.stop();
    java.util.List<Observation.Context> contexts = stopped.stream().filter(c -> c.getName().equals(FlectoObservations.NAME)).toList();
    assertThat(contexts).as("SAVEPOINT, INSERT, RELEASE in the sandbox (the test's request stopped too)").hasSize(3)
        .allSatisfy(c -> {
          assertThat(c.getName()).isEqualTo(FlectoObservations.NAME);
          assertThat(c.getParentObservation()).as("the request's Observation, from the Reactor Context").isSameAs(request);
        });
    Observation.Context insert = contexts.stream()
        .filter(c -> c.getHighCardinalityKeyValue("db.statement").getValue().startsWith("INSERT")).findFirst().orElseThrow();
    assertThat(insert.getHighCardinalityKeyValue("db.statement").getValue())
        .isEqualTo("INSERT INTO \"mm_notes\" (\"body\") VALUES ($1) RETURNING \"id\", \"body\"");
    assertThat(insert.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("success");
    assertThat(insert.getHighCardinalityKeyValue("flecto.rows").getValue()).isEqualTo("1");
    assertThat(insert.getContextualName()).isEqualTo("query mm_notes");
    assertThat(registry.getCurrentObservation()).as("none left open on this thread").isNull();
  }

  @Test
  void aNoopRegistryMakesNoObservation() {
    Repo repo = open(ObservationRegistry.NOOP);
    assertThat(repo.insert(new Note(null, "c")).block(T).id()).isNotNull();
  }
}
