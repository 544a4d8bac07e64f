package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flecto.LoadException;
import dev.flecto.QueryException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.repo.Repo;
import dev.flecto.schema.BitString;
import dev.flecto.schema.Embedded;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * {@link BitString} fields in varbit and bit(n) columns (Ecto's :bitstring): bound typed varbit and
 * read back, by insert and get, raw queries, where clauses, updateAll, insertAll by VALUES and by
 * COPY, changeset casts from "0101" text, and inside an embed as that text.
 */
@FlectoTest(schema = "/bit_strings.sql")
class BitStringIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Embedded
  record BsInfo(String label, BitString bits) {}

  @Schema("bs_devices")
  record BsDevice(@Id Long id, String name, BitString flags, BitString mask, BsInfo info) {
    BsDevice(Long id, String name, BitString flags, BitString mask) {
      this(id, name, flags, mask, null);
    }

    static Changeset<BsDevice> changeset(BsDevice d, Map<String, Object> params) {
      return Changeset.cast(d, params, "name", "flags", "mask");
    }
  }

  private static List<Object> storedText(Repo repo, long id) {
    return repo.query("SELECT flags::text, mask::text FROM bs_devices WHERE id = $1", List.of(id)).map(r -> r.rows().get(0)).block(T);
  }

  private static long count(Repo repo, String where) {
    return (Long) repo.query("SELECT count(*) FROM bs_devices WHERE " + where, List.of()).map(r -> r.rows().get(0).get(0)).block(T);
  }

  @Test
  void valuesAreStoredAsTheirBitsAndReadBackWithTheirLength(Repo repo) {
    BsDevice saved = repo.insert(new BsDevice(null, "a", BitString.of("0100"), BitString.of("1010"))).block(T);
    assertThat(storedText(repo, saved.id())).containsExactly("0100", "1010");
    BsDevice read = repo.get(BsDevice.class, saved.id()).block(T);
    assertThat(read).isEqualTo(saved);
    assertThat(read.flags().length()).as("the trailing zeros kept").isEqualTo(4);
    BsDevice odd = repo.insert(new BsDevice(null, "b", BitString.of(""), null)).block(T);
    assertThat(repo.get(BsDevice.class, odd.id()).block(T)).as("the empty bit string, and a null").isEqualTo(odd);
    assertThat(storedText(repo, odd.id())).containsExactly("", null);
    String long1000 = "10".repeat(500);
    BsDevice big = repo.insert(new BsDevice(null, "c", BitString.of(long1000), null)).block(T);
    assertThat(repo.get(BsDevice.class, big.id()).block(T).flags()).isEqualTo(BitString.of(long1000));

    // Raw queries bind and read bit strings too (the codec is the driver's, not the schema's).
    assertThat(repo.query("SELECT flags FROM bs_devices WHERE flags = $1", List.of(BitString.of("0100")))
        .map(r -> r.rows().get(0).get(0)).block(T)).isEqualTo(BitString.of("0100"));
    assertThat(repo.query("SELECT B'0101' & $1", List.of(BitString.of("0110"))).map(r -> r.rows().get(0).get(0)).block(T))
        .isEqualTo(BitString.of("0100"));
  }

  @Test
  void whereClausesCompareBitStringsCastFromTheirText(Repo repo) {
    repo.insert(new BsDevice(null, "a", BitString.of("0101"), BitString.of("0001"))).block(T);
    repo.insert(new BsDevice(null, "b", BitString.of("01"), BitString.of("1111"))).block(T);
    assertThat(repo.all(Query.from(BsDevice.class).where(field("flags").eq(param(BitString.of("0101"))))).map(BsDevice::name)
        .collectList().block(T)).containsExactly("a");
    assertThat(repo.all(Query.from(BsDevice.class).where(field("flags").eq("01"))).map(BsDevice::name).collectList().block(T))
        .as("text cast to a bit string: 01 is not 0100").containsExactly("b");
    assertThat(repo.all(Query.from(BsDevice.class).where(field("mask").eq("1111"))).map(BsDevice::name).collectList().block(T))
        .as("a bit(4) column compared with a varbit parameter").containsExactly("b");
    assertThat(repo.all(Query.from(BsDevice.class).where(field("flags").in(List.of("0101", BitString.of("111")))))
        .map(BsDevice::name).collectList().block(T)).as("an in(...) list, bound as varbit[]").containsExactly("a");
    assertThat(repo.all(Query.from(BsDevice.class).where(field("flags").gt(BitString.of("0100")))).map(BsDevice::name)
        .collectList().block(T)).containsExactly("a");
    repo.all(Query.from(BsDevice.class).where(field("flags").eq("0102"))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueryException.class)
            .hasMessageContaining("\"0102\"").hasMessageContaining("cannot be cast to BitString").hasMessageContaining("flags"))
        .verify(T);
  }

  @Test
  void updateAllAndInsertAllByValuesAndByCopyWriteTheBits(Repo repo) {
    BsDevice saved = repo.insert(new BsDevice(null, "u", BitString.of("0"), BitString.of("0000"))).block(T);
    assertThat(repo.updateAll(Query.from(BsDevice.class).where(field("id").eq(saved.id())),
        Updates.set("flags", BitString.of("110")).andSet("mask", "1001")).block(T)).isOne();
    assertThat(storedText(repo, saved.id())).containsExactly("110", "1001");
    repo.updateAll(Query.from(BsDevice.class).where(field("id").eq(saved.id())), Updates.set("flags", null)).block(T);
    assertThat(storedText(repo, saved.id())).containsExactly(null, "1001");

    List<BsDevice> many = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      many.add(new BsDevice(null, "n" + i, BitString.of(Integer.toBinaryString(i)), i % 2 == 0 ? null : BitString.of("0110")));
    }
    assertThat(repo.insertAll(BsDevice.class, many.subList(0, 10), InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.NEVER))
        .block(T)).isEqualTo(10L);
    assertThat(repo.insertAll(BsDevice.class, many, InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.ALWAYS)).block(T))
        .isEqualTo(1_000L);
    assertThat(repo.insertAll(BsDevice.class, List.of(Map.of("name", "m", "flags", "1111111", "mask", "1110"))).block(T))
        .as("a map entry's text is cast").isOne();
    assertThat(count(repo, "flags = B'101'")).as("n5 from each insertAll").isEqualTo(2);
    assertThat(count(repo, "mask = B'0110'")).as("the odd entries").isEqualTo(5 + 500);
    assertThat(count(repo, "flags = B'1111111'")).as("n127 by COPY, and the map").isEqualTo(2);
    assertThat(count(repo, "flags = B'1111111' AND mask = B'1110'")).as("the map").isEqualTo(1);
    assertThat(repo.all(Query.from(BsDevice.class).where(field("name").eq("n6"))).collectList().block(T))
        .extracting(BsDevice::flags, BsDevice::mask)
        .containsExactly(tuple(BitString.of("110"), null), tuple(BitString.of("110"), null));
  }

  @Test
  void changesetsCastTheTextOfBitsAndNothingElse(Repo repo) {
    Changeset<BsDevice> cs = BsDevice.changeset(new BsDevice(null, null, null, null),
        Map.of("name", "c", "flags", "0011", "mask", "12"));
    assertThat(cs.errors()).extracting(ChangesetError::field, ChangesetError::message).containsExactly(tuple("mask", "is invalid"));
    assertThat(cs.errors().get(0).keys()).containsEntry("type", "BitString").containsEntry("validation", "cast");
    assertThat(cs.changes()).containsEntry("flags", BitString.of("0011"));
    BsDevice saved = repo.insert(BsDevice.changeset(new BsDevice(null, null, null, null), Map.of("name", "c", "flags", "0011")))
        .block(T);
    assertThat(saved.flags()).isEqualTo(BitString.of("0011"));
    assertThat(BsDevice.changeset(saved, Map.of("flags", "0011")).changes()).as("the same bits: no change").isEmpty();
    assertThat(BsDevice.changeset(saved, Map.of("flags", "00110")).changes()).as("a trailing zero is a change")
        .containsEntry("flags", BitString.of("00110"));
    repo.insert(new BsDevice(null, "too long", null, BitString.of("10101"))).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("bit string length 5 does not match type bit(4)"))
        .verify(T);
  }

  @Test
  void insideAnEmbedTheBitsAreText(Repo repo) {
    BsInfo info = new BsInfo("x", BitString.of("0010"));
    BsDevice saved = repo.insert(new BsDevice(null, "e", null, null, info)).block(T);
    assertThat(repo.query("SELECT info->>'bits' FROM bs_devices WHERE id = $1", List.of(saved.id()))
        .map(r -> r.rows().get(0).get(0)).block(T)).isEqualTo("0010");
    assertThat(repo.get(BsDevice.class, saved.id()).block(T).info()).isEqualTo(info);
    List<BsDevice> copied = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      copied.add(new BsDevice(null, "ec" + i, null, null, new BsInfo("c", BitString.of("1" + "0".repeat(i)))));
    }
    repo.insertAll(BsDevice.class, copied, InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.ALWAYS)).block(T);
    assertThat(repo.all(Query.from(BsDevice.class).where(field("name").eq("ec2"))).map(d -> d.info().bits()).blockLast(T))
        .isEqualTo(BitString.of("100"));
    repo.query("UPDATE bs_devices SET info = '{\"label\": \"x\", \"bits\": \"012\"}' WHERE id = $1", List.of(saved.id())).block(T);
    repo.get(BsDevice.class, saved.id()).as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LoadException.class).hasMessageContaining("info")
            .hasMessageContaining("bits").hasMessageContaining("BsDevice"))
        .verify(T);
  }
}
