package dev.flecto.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.repo.RepoOptions;
import dev.flecto.telemetry.QueryEvent.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.util.context.Context;

class TelemetryTest {
  private static QueryEvent event(List<Object> params, Throwable error) {
    return new QueryEvent("flecto", Kind.QUERY, "SELECT $1", "people", params, 3, Duration.ofMillis(1),
        Duration.ofMillis(2), Duration.ofMillis(3), error, Context.empty());
  }

  @Test
  void noListenerByDefaultAndEveryStepANewValue() {
    Telemetry none = Telemetry.none();
    assertThat(none.enabled()).isFalse();
    assertThat(RepoOptions.defaults().telemetry()).isEqualTo(none);
    Telemetry one = none.withRepo("orders").withListener(e -> { });
    assertThat(one.enabled()).isTrue();
    assertThat(one.repo()).isEqualTo("orders");
    assertThat(none.listeners()).as("immutable").isEmpty();
    assertThat(RepoOptions.defaults().withListener(e -> { }).telemetry().listeners()).hasSize(1);
  }

  @Test
  void badValuesNameWhatIsWrong() {
    assertThatThrownBy(() -> Telemetry.none().withRepo(" ")).hasMessageContaining("Telemetry.repo");
    assertThatThrownBy(() -> Telemetry.none().withListener(null)).hasMessageContaining("listener must not be null");
    assertThatThrownBy(() -> new Telemetry("x", Arrays.asList((QueryListener) null))).hasMessageContaining("Telemetry.listeners");
    assertThatThrownBy(() -> RepoOptions.defaults().withTelemetry(null)).hasMessageContaining("RepoOptions.telemetry");
  }

  @Test
  void aThrowingListenerIsSkippedAndTheOthersAreStillTold() {
    List<QueryEvent> seen = new ArrayList<>();
    Telemetry t = Telemetry.none().withListener(e -> {
      throw new IllegalStateException("broken");
    }).withListener(seen::add);
    QueryEvent e = event(List.of(), null);
    t.publish(e);
    assertThat(seen).containsExactly(e);
    assertThat(e.totalTime()).isEqualTo(Duration.ofMillis(6));
    assertThat(e.failed()).isFalse();
  }

  @Test
  void aListenerMayHandTheEndOfEachStatementToAnotherAndABrokenOneIsLeftOut() {
    List<String> told = new ArrayList<>();
    QueryListener plain = e -> told.add("plain");
    QueryListener scoped = new QueryListener() {
      @Override
      public QueryListener onStart(QueryStart start) {
        told.add("start " + start.sql());
        return e -> told.add("end of " + start.sql());
      }

      @Override
      public void onQuery(QueryEvent event) {
        told.add("never: the scoped one is told instead");
      }
    };
    QueryListener broken = new QueryListener() {
      @Override
      public QueryListener onStart(QueryStart start) {
        throw new IllegalStateException("broken");
      }

      @Override
      public void onQuery(QueryEvent event) {
        told.add("never: it failed to start");
      }
    };
    Telemetry t = Telemetry.none().withListener(plain).withListener(scoped).withListener(broken).withListener(plain);
    List<QueryListener> ends = t.start(new QueryStart("flecto", Kind.QUERY, "SELECT $1", "people", Context.empty()));
    Telemetry.publish(ends, event(List.of(), null));
    assertThat(told).containsExactly("start SELECT $1", "plain", "end of SELECT $1", "plain");
    Telemetry plainOnly = Telemetry.none().withListener(plain);
    assertThat(plainOnly.start(new QueryStart("flecto", Kind.QUERY, "x", null, Context.empty())))
        .as("no copy when every listener keeps itself").isSameAs(plainOnly.listeners());
  }

  @Test
  void sqlLoggerRendersValuesReadablyOnlyWhenAskedAndRedactsByDefault() {
    byte[] bytes = new byte[12];
    List<Object> params = Arrays.asList("O'Brien", null, new Long[] {1L, 2L}, new int[] {3, 4}, bytes, List.of("a"), 7,
        "x".repeat(300));
    SqlLogger shown = SqlLogger.defaults().withParameters(true);
    String line = shown.line(event(params, null), false);
    assertThat(line).startsWith("QUERY OK source=people db=2.00ms decode=3.00ms queue=1.00ms rows=3: SELECT $1 [")
        .contains("$1='O''Brien'", "$2=NULL", "$3=[1, 2]", "$4=[3, 4]", "$5=<12 bytes>", "$6=['a']", "$7=7")
        .contains("$8='xxx").contains("...");
    assertThat(line.length()).as("a long value is cut").isLessThan(400);
    String redacted = SqlLogger.defaults().line(event(params, null), true);
    assertThat(redacted).startsWith("QUERY OK SLOW").contains("$1=<String>", "$2=<null>", "$3=<Long[]>", "$5=<byte[]>")
        .doesNotContain("O'Brien");
    assertThat(SqlLogger.defaults().line(event(List.of(), new IllegalStateException("boom")), false))
        .startsWith("QUERY ERROR").endsWith("error: IllegalStateException: boom");
    assertThat(SqlLogger.defaults().line(event(List.of(), new CancellationException()), false)).startsWith("QUERY CANCELLED");
    assertThat(SqlLogger.defaults().logger()).isEqualTo(LoggerFactory.getLogger(SqlLogger.LOGGER));
  }
}
