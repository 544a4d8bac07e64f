package dev.flecto.benchmarks;

import dev.flecto.repo.InsertAllOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Row7;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * W4: {@value #ROWS} new {@link BenchBulkRow}s inserted into the empty table {@code bench_bulk} an
 * operation, through each implementation's best bulk path (see {@link Stacks}). The entries are
 * built once a trial, the same records for everyone; every implementation reads its values from
 * them (Flecto through its schema metadata, the others by accessor). The table is emptied before
 * every operation, so every operation inserts into the same empty table and gets ids
 * 1..{@value #ROWS}.
 *
 * <p>{@link #flecto()} pins Flecto's {@code insertAll} to multi-row {@code INSERT ... VALUES}
 * ({@code Copy.NEVER}) of at most 65,535 parameters a statement, so 9,362 rows of these seven
 * columns and then 638, both in one transaction; {@link #raw()} sends those same two statements by
 * hand. {@link #rawCopy()} is what the driver can do best ({@code COPY ... FROM STDIN}), and
 * {@link #flectoCopy()} is Flecto's default for 10,000 entries, which is a COPY too: compare it
 * with {@code raw-copy}.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar W4InsertAll -f 1 -wi 2 -i 3 }</pre>
 */
public class W4InsertAll extends StacksBenchmark {
  /** Rows inserted an operation. */
  static final int ROWS = 10_000;
  /** The columns written, in the schema's order (Flecto writes them in that order). */
  static final String COLUMNS = "name, email, score, balance, active, created_at, note";
  static final int WIDTH = 7;
  /** PostgreSQL counts a statement's bind parameters in 16 bits: 65,536 fails with 08P01. */
  static final int MAX_PARAMETERS = 65_535;
  /** Rows a multi-row INSERT holds, as Flecto's adapter chunks ({@code InsertAllCompiler.rowsPerStatement}): 9,362. */
  static final int ROWS_PER_STATEMENT = MAX_PARAMETERS / WIDTH;
  /** Rows a COPY data message carries: about 100 kB, so encoding and sending overlap. */
  static final int COPY_ROWS_PER_MESSAGE = 1_000;

  static final String DROP = "DROP TABLE IF EXISTS bench_bulk";
  static final String EMPTY = "TRUNCATE bench_bulk RESTART IDENTITY";
  static final String INSERT_ONE = "INSERT INTO bench_bulk (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)";
  static final String JDBC_INSERT_ONE = People.jdbc(INSERT_ONE);
  static final String COPY = "COPY bench_bulk (" + COLUMNS + ") FROM STDIN";
  static final String SELECT_ALL = "SELECT id, " + COLUMNS + " FROM bench_bulk ORDER BY id";
  /**
   * The row count and one digest of every stored value in id order: equal digests mean equal
   * tables, ids included. Timestamps as microseconds since the epoch, so the session's time zone
   * does not enter into it.
   */
  static final String CHECKSUM = "SELECT count(*), coalesce(md5(string_agg(concat_ws('|', id, name, email, score, "
      + "balance, active, (extract(epoch FROM created_at) * 1000000)::bigint, coalesce(note, '<null>')), "
      + "E'\\n' ORDER BY id)), '') FROM bench_bulk";

  /**
   * What Spring cannot do here, for the suite's report. Measured on this workload before choosing
   * {@link #spring()} (10,000 rows, warmed up, on a loaded 2-core machine): one
   * {@code template.insert} an entry, concatenated in one transaction, took 2.4 to 3.0 s; the
   * statement filter binding every entry on one {@code Statement} with {@code add()} 1.4 to 1.7 s.
   */
  static final String SPRING_CANNOT = "Spring Data R2DBC 4.1 and Spring R2DBC 7.0 have no bulk insert: "
      + "R2dbcEntityTemplate.insert takes one entity, DatabaseClient binds one set of values (no batch API, "
      + "spring-framework issue 33812 is open); its best is one parametrized statement with a binding set a row "
      + "through Statement.add() in a statement filter, which the driver runs as one execution a row";

  static final Table<?> TABLE = DSL.table(DSL.name("bench_bulk"));
  static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.CLOB);
  static final Field<String> EMAIL = DSL.field(DSL.name("email"), SQLDataType.CLOB);
  static final Field<Integer> SCORE = DSL.field(DSL.name("score"), SQLDataType.INTEGER);
  static final Field<BigDecimal> BALANCE = DSL.field(DSL.name("balance"), SQLDataType.NUMERIC(12, 2));
  static final Field<Boolean> ACTIVE = DSL.field(DSL.name("active"), SQLDataType.BOOLEAN);
  static final Field<Instant> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.INSTANT);
  static final Field<String> NOTE = DSL.field(DSL.name("note"), SQLDataType.CLOB);

  /**
   * What one operation reports and leaves behind.
   *
   * <pre>{@code new W4InsertAll.Inserted(10_000, new W4InsertAll.Stored(10_000, "9e107d9d...")) }</pre>
   *
   * @param reported the count the implementation returned
   * @param stored the table afterwards
   */
  record Inserted(long reported, Stored stored) {}

  /**
   * The table's row count and digest ({@link #CHECKSUM}).
   *
   * <pre>{@code new W4InsertAll.Stored(10_000, "9e107d9d372bb6826bd81d3542a419d6") }</pre>
   *
   * @param rows count(*)
   * @param md5 the digest of every value, in id order
   */
  record Stored(long rows, String md5) {}

  private List<BenchBulkRow> entries;
  /** The raw side's statement text of each chunk, built once as Flecto's adapter caches its own. */
  private String[] chunkSql;

  /**
   * Creates {@code bench_bulk}, builds the entries, and checks that every
   * implementation leaves the same {@value #ROWS} rows: those of the entries, ids 1..{@value #ROWS}
   * in entry order.
   *
   * <pre>{@code bench.setup(); }</pre>
   */
  @Override
  void prepare() {
    s.execute(DROP);
    s.execute("CREATE TABLE bench_bulk ("
        + "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
        + "name text NOT NULL, "
        + "email text NOT NULL, "
        + "score integer NOT NULL, "
        + "balance numeric(12, 2) NOT NULL, "
        + "active boolean NOT NULL, "
        + "created_at timestamptz NOT NULL, "
        + "note text)");
    entries = entries(ROWS);
    int chunks = (ROWS + ROWS_PER_STATEMENT - 1) / ROWS_PER_STATEMENT;
    chunkSql = new String[chunks];
    for (int i = 0; i < chunks; i++) {
      chunkSql[i] = insertSql(Math.min(ROWS, (i + 1) * ROWS_PER_STATEMENT) - i * ROWS_PER_STATEMENT);
    }

    Inserted raw = inserted("raw");
    if (raw.reported() != ROWS || raw.stored().rows() != ROWS) {
      throw new IllegalStateException("W4 raw inserted " + raw + ", expected " + ROWS + " rows");
    }
    Checks.same("W4 rows as stored", "entries", withIds(entries), "raw", storedRows());
    Checks.same("W4 insertAll of " + ROWS + " rows (count, stored digest)", "raw", raw, "rawCopy", inserted("rawCopy"),
        "flecto", inserted("flecto"), "flectoCopy", inserted("flectoCopy"), "spring", inserted("spring"), "jooq", inserted("jooq"), "jdbc", inserted("jdbc"));
  }

  /**
   * Empties the table before every operation, so each inserts into the same empty table. Per
   * invocation is fine here: an operation takes tens of milliseconds or more, far above the
   * timer's resolution and this method's own cost, which JMH leaves out of the measurement.
   *
   * <pre>{@code bench.empty(); bench.flecto(); }</pre>
   */
  @Setup(Level.Invocation)
  public void empty() {
    s.execute(EMPTY);
  }

  @Override
  String dropTables() {
    return DROP;
  }

  /** Flecto's VALUES path, like for like with {@link #raw()}. */
  static final InsertAllOptions VALUES = InsertAllOptions.defaults().withCopy(InsertAllOptions.Copy.NEVER);

  /**
   * {@code repo.insertAll(BenchBulkRow.class, entries, VALUES)}: two multi-row INSERTs in one
   * transaction ({@code Copy.NEVER}; without it, 10,000 entries would be copied).
   *
   * <pre>{@code long n = bench.flecto(); // 10000 }</pre>
   *
   * @return the rows inserted
   */
  @Benchmark
  public Long flecto() {
    return s.repo().insertAll(BenchBulkRow.class, entries, VALUES).block();
  }

  /**
   * {@code repo.insertAll(BenchBulkRow.class, entries)} with the default options, which copy
   * 10,000 entries ({@code COPY ... FROM STDIN} in text format, frames of about 128 kB), as
   * {@link #rawCopy()} does by hand. Its variant id is {@code flecto-copy}.
   *
   * <pre>{@code long n = bench.flectoCopy(); // 10000 }</pre>
   *
   * @return the rows inserted
   */
  @Benchmark
  public Long flectoCopy() {
    return s.repo().insertAll(BenchBulkRow.class, entries).block();
  }

  /**
   * The statements Flecto sends, by hand: {@code INSERT ... VALUES ($1, ..), ..} chunked at
   * {@link #ROWS_PER_STATEMENT} rows, in one transaction, values bound by index.
   *
   * <pre>{@code long n = bench.raw(); // 10000 }</pre>
   *
   * @return the rows inserted
   */
  @Benchmark
  public Long raw() {
    return raw(entries);
  }

  /** {@link #raw()} of other rows, as many as the entries (the chunks' texts are built for that count). */
  Long raw(List<BenchBulkRow> rows) {
    return RawTx.inTransaction(s.pool(), c -> Flux.range(0, chunkSql.length)
            .concatMap(i -> insertChunk(c, rows, i))
            .reduce(0L, Long::sum))
        .block();
  }

  /**
   * {@code COPY bench_bulk (...) FROM STDIN} in text format through the driver's
   * {@code PostgresqlConnection.copyIn}, the values encoded by hand, {@value #COPY_ROWS_PER_MESSAGE}
   * rows a data message. One statement, so atomic without a transaction of its own.
   *
   * <pre>{@code long n = bench.rawCopy(); // 10000 }</pre>
   *
   * @return the rows copied
   */
  @Benchmark
  public Long rawCopy() {
    List<BenchBulkRow> rows = entries;
    int messages = (rows.size() + COPY_ROWS_PER_MESSAGE - 1) / COPY_ROWS_PER_MESSAGE;
    return Mono.usingWhen(s.pool().create(),
            c -> postgres(c).copyIn(COPY, Flux.range(0, messages).map(i -> copyData(rows, i * COPY_ROWS_PER_MESSAGE,
                Math.min(rows.size(), (i + 1) * COPY_ROWS_PER_MESSAGE)))),
            Connection::close)
        .block();
  }

  /**
   * Spring's best ({@link #SPRING_CANNOT}): {@code DatabaseClient.sql(INSERT one row)} with a
   * statement filter that binds every entry on the driver's {@code Statement} with {@code add()}
   * between them, in one transaction through {@code springTx()}. Faster than one
   * {@code template.insert} an entry (see {@link #SPRING_CANNOT}).
   *
   * <pre>{@code long n = bench.spring(); // 10000 }</pre>
   *
   * @return the rows inserted
   */
  @Benchmark
  public Long spring() {
    List<BenchBulkRow> rows = entries;
    return s.springTx().transactional(s.template().getDatabaseClient().sql(INSERT_ONE)
            .filter((statement, next) -> {
              for (int i = 0; i < rows.size(); i++) {
                bindRow(i == 0 ? statement : statement.add(), 0, rows.get(i));
              }
              return next.execute(statement);
            })
            .fetch().rowsUpdated())
        .block();
  }

  /**
   * {@code insertInto(bench_bulk, seven fields).valuesOfRows(rows)} chunked as Flecto chunks, the
   * chunks one after another in {@code transactionPublisher}. jOOQ's {@code batch(insert).bind(..)}
   * a row is its other bulk path; over R2DBC it becomes {@code Statement.add()} and took 1.6 to 1.9 s
   * for the 10,000 rows against 0.5 to 0.75 s for this.
   *
   * <pre>{@code long n = bench.jooq(); // 10000 }</pre>
   *
   * @return the rows inserted
   */
  @Benchmark
  public Long jooq() {
    List<BenchBulkRow> rows = entries;
    int chunks = chunkSql.length;
    return Flux.from(s.jooq().transactionPublisher(trx -> Flux.range(0, chunks).concatMap(i -> trx.dsl()
            .insertInto(TABLE, NAME, EMAIL, SCORE, BALANCE, ACTIVE, CREATED_AT, NOTE)
            .valuesOfRows(jooqRows(rows, i * ROWS_PER_STATEMENT, Math.min(rows.size(), (i + 1) * ROWS_PER_STATEMENT))))))
        .reduce(0L, (n, count) -> n + count)
        .block();
  }

  /**
   * {@code addBatch} an entry and one {@code executeBatch}, in one transaction; the pool's
   * {@code reWriteBatchedInserts=true} lets the driver send multi-row INSERTs.
   *
   * <pre>{@code long n = bench.jdbc(); // 10000 }</pre>
   *
   * @return the rows inserted
   */
  @Benchmark
  public Long jdbc() {
    return RawTx.inJdbcTransaction(s.jdbc(), "JDBC batch insert of " + entries.size() + " rows", c -> {
      try (PreparedStatement ps = c.prepareStatement(JDBC_INSERT_ONE)) {
        for (BenchBulkRow r : entries) {
          ps.setString(1, r.name());
          ps.setString(2, r.email());
          ps.setInt(3, r.score());
          ps.setBigDecimal(4, r.balance());
          ps.setBoolean(5, r.active());
          ps.setTimestamp(6, Timestamp.from(r.createdAt()));
          if (r.note() == null) {
            ps.setNull(7, Types.VARCHAR);
          } else {
            ps.setString(7, r.note());
          }
          ps.addBatch();
        }
        long n = 0;
        for (int count : ps.executeBatch()) {
          // A rewritten batch reports SUCCESS_NO_INFO for each of its single-row INSERTs.
          n += count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : count;
        }
        return n;
      }
    });
  }

  /** Runs one implementation by its id after emptying the table, and reads what it left. */
  Inserted inserted(String implementation) {
    empty();
    Long reported = switch (implementation) {
      case "flecto" -> flecto();
      case "flectoCopy" -> flectoCopy();
      case "raw" -> raw();
      case "rawCopy" -> rawCopy();
      case "spring" -> spring();
      case "jooq" -> jooq();
      case "jdbc" -> jdbc();
      default -> throw new IllegalArgumentException("no W4 implementation " + implementation);
    };
    return new Inserted(reported == null ? -1 : reported, stored());
  }

  /** The table's count and digest, read on the driver. */
  Stored stored() {
    return Mono.usingWhen(s.pool().create(),
            c -> Mono.from(Flux.from(c.createStatement(CHECKSUM).execute())
                .flatMap(r -> r.map((row, meta) -> new Stored(row.get(0, Long.class), row.get(1, String.class))))),
            Connection::close)
        .block();
  }

  /** Every stored row in id order, read on the driver and mapped by index. */
  List<BenchBulkRow> storedRows() {
    return Flux.usingWhen(s.pool().create(),
            c -> Flux.from(c.createStatement(SELECT_ALL).execute())
                .flatMap(r -> r.map((row, meta) -> new BenchBulkRow(row.get(0, Long.class), row.get(1, String.class),
                    row.get(2, String.class), row.get(3, Integer.class), row.get(4, BigDecimal.class),
                    row.get(5, Boolean.class), row.get(6, Instant.class), row.get(7, String.class)))),
            Connection::close)
        .collectList()
        .block();
  }

  /** The entries every implementation inserts. */
  List<BenchBulkRow> entries() {
    return entries;
  }

  /** The raw side's statement text of each chunk. */
  List<String> chunkSql() {
    return List.of(chunkSql);
  }

  /**
   * {@code count} new rows (no id): every seventh without a note, every eleventh with a note that
   * holds a tab, a newline, a backslash and a non-ASCII letter, timestamps with microseconds.
   */
  static List<BenchBulkRow> entries(int count) {
    List<BenchBulkRow> out = new ArrayList<>(count);
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    for (int n = 1; n <= count; n++) {
      String note = n % 7 == 0 ? null : n % 11 == 0 ? "café " + n + "\twith a tab,\na newline and a \\ backslash" : "note " + n;
      out.add(new BenchBulkRow(null, "Name " + n, "user" + n + "@bench", n % 1_000,
          BigDecimal.valueOf(n * 7_919L % 100_000_000L, 2), n % 3 != 0, start.plusNanos(n * 1_000_123_000L), note));
    }
    return List.copyOf(out);
  }

  /** The entries as stored: ids 1..n in entry order. */
  static List<BenchBulkRow> withIds(List<BenchBulkRow> entries) {
    List<BenchBulkRow> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      BenchBulkRow r = entries.get(i);
      out.add(new BenchBulkRow(i + 1L, r.name(), r.email(), r.score(), r.balance(), r.active(), r.createdAt(), r.note()));
    }
    return out;
  }

  /** The multi-row INSERT of {@code rows} rows, numbered as Flecto numbers its parameters. */
  static String insertSql(int rows) {
    StringBuilder sb = new StringBuilder(64 + rows * WIDTH * 8).append("INSERT INTO bench_bulk (").append(COLUMNS)
        .append(") VALUES ");
    int n = 1;
    for (int r = 0; r < rows; r++) {
      sb.append(r == 0 ? "(" : ", (");
      for (int i = 0; i < WIDTH; i++) {
        sb.append(i == 0 ? "$" : ", $").append(n++);
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private Mono<Long> insertChunk(Connection c, List<BenchBulkRow> rows, int chunk) {
    int from = chunk * ROWS_PER_STATEMENT;
    int to = Math.min(rows.size(), from + ROWS_PER_STATEMENT);
    Statement st = c.createStatement(chunkSql[chunk]);
    int n = 0;
    for (int i = from; i < to; i++) {
      n = bindRow(st, n, rows.get(i));
    }
    return Flux.from(st.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
  }

  /** Binds one row's seven values from parameter index {@code first}; returns the next index. */
  private static int bindRow(Statement st, int first, BenchBulkRow r) {
    st.bind(first, r.name())
        .bind(first + 1, r.email())
        .bind(first + 2, r.score())
        .bind(first + 3, r.balance())
        .bind(first + 4, r.active())
        .bind(first + 5, r.createdAt());
    if (r.note() == null) {
      st.bindNull(first + 6, String.class);
    } else {
      st.bind(first + 6, r.note());
    }
    return first + WIDTH;
  }

  private static List<Row7<String, String, Integer, BigDecimal, Boolean, Instant, String>> jooqRows(
      List<BenchBulkRow> rows, int from, int to) {
    List<Row7<String, String, Integer, BigDecimal, Boolean, Instant, String>> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      BenchBulkRow r = rows.get(i);
      out.add(DSL.row(r.name(), r.email(), r.score(), r.balance(), r.active(), r.createdAt(), r.note()));
    }
    return out;
  }

  /** The pooled connection's driver connection, whose {@code copyIn} the SPI does not have. */
  static PostgresqlConnection postgres(Connection c) {
    Object inner = c;
    while (!(inner instanceof PostgresqlConnection) && inner instanceof Wrapped<?> wrapped) {
      inner = wrapped.unwrap();
    }
    if (inner instanceof PostgresqlConnection pg) {
      return pg;
    }
    throw new IllegalStateException("not an r2dbc-postgresql connection: " + c);
  }

  /**
   * Rows {@code from..to} in COPY's text format: tab-separated, one line a row, {@code \N} for
   * NULL, backslash, tab, newline and carriage return escaped. The driver releases the buffer once sent.
   */
  static ByteBuf copyData(List<BenchBulkRow> rows, int from, int to) {
    StringBuilder sb = new StringBuilder((to - from) * 112);
    for (int i = from; i < to; i++) {
      BenchBulkRow r = rows.get(i);
      copyText(sb, r.name()).append('\t');
      copyText(sb, r.email()).append('\t');
      sb.append(r.score()).append('\t');
      sb.append(r.balance().toPlainString()).append('\t');
      sb.append(r.active() ? 't' : 'f').append('\t');
      sb.append(r.createdAt()).append('\t'); // ISO 8601 in UTC, as timestamptz reads it
      copyText(sb, r.note()).append('\n');
    }
    return ByteBufUtil.writeUtf8(ByteBufAllocator.DEFAULT, sb);
  }

  private static StringBuilder copyText(StringBuilder sb, String value) {
    if (value == null) {
      return sb.append("\\N");
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(ch);
      }
    }
    return sb;
  }
}
