package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.changeset.InvalidChangesetException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps W1, W2 and W3 from rotting without timing anything: each trial's setup (which fails when
 * the implementations disagree), each benchmark method once, and the same results from all five.
 */
class PeopleWorkloadsTest {
  @Test
  void w1EveryImplementationReadsTheSameRecord() {
    W1GetById bench = new W1GetById();
    bench.setup();
    try {
      for (long id : new long[] {3, 20, 4_321}) {
        BenchPerson raw = bench.raw(id);
        assertThat(raw).isNotNull();
        assertThat(raw.id()).isEqualTo(id);
        assertThat(bench.flecto(id)).isEqualTo(raw);
        assertThat(bench.spring(id)).isEqualTo(raw);
        assertThat(bench.jooq(id)).isEqualTo(raw);
        assertThat(bench.jdbc(id)).isEqualTo(raw);
        assertThat(bench.flectoTransactionPooling(id)).isEqualTo(raw);
      }
      assertThat(bench.raw(People.ROWS + 1)).isNull();
      assertThat(bench.flecto(People.ROWS + 1)).isNull();
      assertThat(bench.jdbc(People.ROWS + 1)).isNull();
      assertThat(List.of(bench.flecto(), bench.raw(), bench.spring(), bench.jooq(), bench.jdbc()))
          .allSatisfy(p -> assertThat(p.id()).isBetween(1L, (long) People.ROWS));
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void w2EveryImplementationReadsTheSamePage() {
    W2All bench = new W2All();
    bench.rows = 100;
    bench.setup();
    try {
      List<BenchPerson> raw = bench.raw();
      assertThat(raw).hasSize(100);
      assertThat(raw.get(0).id()).isEqualTo(1L);
      assertThat(raw.get(9).lastName()).isNull();
      assertThat(bench.flecto()).isEqualTo(raw);
      assertThat(bench.spring()).isEqualTo(raw);
      assertThat(bench.jooq()).isEqualTo(raw);
      assertThat(bench.jdbc()).isEqualTo(raw);
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void w3EveryImplementationInsertsTheRowAndRefusesABadForm() {
    W3Insert bench = new W3Insert();
    bench.setup();
    try {
      List<BenchPerson> inserted = List.of(bench.flecto(), bench.raw(), bench.spring(), bench.jooq(), bench.jdbc());
      assertThat(inserted).extracting(BenchPerson::id).doesNotHaveDuplicates().allMatch(id -> id > People.ROWS);
      for (BenchPerson p : inserted) {
        assertThat(PeopleOps.rawGet(bench.stacks(), p.id()).block()).isEqualTo(p);
      }
      Map<String, Object> bad = new HashMap<>(PeopleOps.form(1));
      bad.put("age", "200");
      bad.remove("firstName");
      assertThatThrownBy(() -> PeopleOps.flectoInsert(bench.stacks(), bad).block())
          .isInstanceOf(InvalidChangesetException.class).hasMessageContaining("firstName").hasMessageContaining("age");
      assertThatThrownBy(() -> PeopleOps.validate(bad))
          .hasMessageContaining("firstName: can't be blank").hasMessageContaining("age: must be in [0, 150)");
    } finally {
      bench.tearDown();
    }
  }
}
