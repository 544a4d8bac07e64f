package dev.flecto.r2dbc.postgres;

import static dev.flecto.migration.Migrations.add;
import static dev.flecto.migration.Migrations.addIfNotExists;
import static dev.flecto.migration.Migrations.alterTable;
import static dev.flecto.migration.Migrations.constraint;
import static dev.flecto.migration.Migrations.createConstraint;
import static dev.flecto.migration.Migrations.createIndex;
import static dev.flecto.migration.Migrations.createIndexIfNotExists;
import static dev.flecto.migration.Migrations.createPrefix;
import static dev.flecto.migration.Migrations.createTable;
import static dev.flecto.migration.Migrations.createTableIfNotExists;
import static dev.flecto.migration.Migrations.dropConstraint;
import static dev.flecto.migration.Migrations.dropConstraintIfExists;
import static dev.flecto.migration.Migrations.dropIndex;
import static dev.flecto.migration.Migrations.dropIndexIfExists;
import static dev.flecto.migration.Migrations.dropPrefix;
import static dev.flecto.migration.Migrations.dropTable;
import static dev.flecto.migration.Migrations.dropTableCascade;
import static dev.flecto.migration.Migrations.dropTableIfExists;
import static dev.flecto.migration.Migrations.execute;
import static dev.flecto.migration.Migrations.index;
import static dev.flecto.migration.Migrations.modify;
import static dev.flecto.migration.Migrations.references;
import static dev.flecto.migration.Migrations.remove;
import static dev.flecto.migration.Migrations.removeIfExists;
import static dev.flecto.migration.Migrations.renameColumn;
import static dev.flecto.migration.Migrations.renameIndex;
import static dev.flecto.migration.Migrations.renameTable;
import static dev.flecto.migration.Migrations.table;
import static dev.flecto.migration.Migrations.timestamps;
import static dev.flecto.migration.Migrations.uniqueIndex;
import static dev.flecto.migration.Migrations.validateConstraint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.migration.Column;
import dev.flecto.migration.ColumnType;
import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import dev.flecto.migration.MigrationException;
import dev.flecto.migration.Migrations;
import dev.flecto.migration.Reference.Match;
import dev.flecto.migration.Reference.OnDelete;
import dev.flecto.migration.Reference.OnUpdate;
import dev.flecto.migration.TableChange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The SQL of every migration command and option, translated from ecto_sql's
 * {@code test/ecto/adapters/postgres_test.exs} (its DDL section) where it has the case. ecto_sql's
 * tests pass a table's columns as they are, so a translated table has {@code noPrimaryKey()} and
 * adds its key column itself.
 */
class DdlCompilerTest {
  private static final ColumnType BITSTRING = new ColumnType("bitstring", null, false);
  private static final ColumnType DURATION = new ColumnType("duration", null, false);
  private static final ColumnType IDENTITY = new ColumnType("identity", null, false);
  private static final ColumnType NUMERIC = ColumnType.raw("numeric");

  private static List<String> sql(Command command) {
    return DdlCompiler.compile(command);
  }

  private static String one(Command command) {
    List<String> statements = sql(command);
    assertThat(statements).as("one statement for %s", command).hasSize(1);
    return statements.get(0);
  }

  private static String failure(Command command) {
    try {
      DdlCompiler.compile(command);
    } catch (MigrationException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a MigrationException for " + command);
  }

  // --- execute, run, prefixes ---------------------------------------------------------------------

  @Test
  void executeIsItsUpSqlAndRunHasNone() {
    assertThat(sql(execute("example"))).containsExactly("example");
    assertThat(sql(execute("CREATE EXTENSION citext", "DROP EXTENSION citext"))).containsExactly("CREATE EXTENSION citext");
    assertThat(sql(Migrations.run("backfill", repo -> Mono.empty(), null))).isEmpty();
  }

  @Test
  void prefixesAreSchemas() {
    assertThat(one(createPrefix("tenant_1"))).isEqualTo("CREATE SCHEMA IF NOT EXISTS \"tenant_1\"");
    assertThat(one(new Command.CreatePrefix("tenant_1", false))).isEqualTo("CREATE SCHEMA \"tenant_1\"");
    assertThat(one(dropPrefix("tenant_1"))).isEqualTo("DROP SCHEMA IF EXISTS \"tenant_1\" CASCADE");
    assertThat(one(new Command.DropPrefix("tenant_1", false, false))).isEqualTo("DROP SCHEMA \"tenant_1\"");
  }

  // --- create table ------------------------------------------------------------------------------

  @Test
  void createsATable() {
    Command create = createTable(table("posts").noPrimaryKey(),
        add("name", ColumnType.STRING).defaultValue("Untitled").size(20).notNull(),
        add("price", NUMERIC).precision(8).scale(2).defaultFragment("expr"),
        add("on_hand", ColumnType.INTEGER).defaultValue(0).nullable(true),
        add("published_at", ColumnType.raw("time without time zone")).nullable(true),
        add("is_active", ColumnType.BOOLEAN).defaultValue(true),
        add("flags", BITSTRING).notNull(),
        add("flags_with_size", BITSTRING).size(10),
        add("dur", DURATION).precision(2).defaultValue("1 MONTH"),
        add("tags", ColumnType.arrayOf(ColumnType.STRING)).defaultValue(List.of()),
        add("languages", ColumnType.arrayOf(ColumnType.STRING)).defaultValue(List.of("pt", "es")),
        add("limits", ColumnType.arrayOf(ColumnType.INTEGER)).defaultValue(List.of(100, 30_000)));
    assertThat(sql(create)).containsExactly("CREATE TABLE \"posts\" (\"name\" varchar(20) DEFAULT 'Untitled' NOT NULL, "
        + "\"price\" numeric(8,2) DEFAULT expr, "
        + "\"on_hand\" integer DEFAULT 0 NULL, "
        + "\"published_at\" time without time zone NULL, "
        + "\"is_active\" boolean DEFAULT true, "
        + "\"flags\" varbit NOT NULL, "
        + "\"flags_with_size\" varbit(10), "
        + "\"dur\" interval(2) DEFAULT '1 MONTH', "
        + "\"tags\" varchar(255)[] DEFAULT ARRAY[]::varchar[], "
        + "\"languages\" varchar(255)[] DEFAULT ARRAY['pt','es']::varchar[], "
        + "\"limits\" integer[] DEFAULT ARRAY[100,30000]::integer[])");
  }

  @Test
  void theTablesPrimaryKeyComesFirst() {
    assertThat(sql(createTable(table("posts"), add("title", ColumnType.STRING))))
        .containsExactly("CREATE TABLE \"posts\" (\"id\" bigserial, \"title\" varchar(255), PRIMARY KEY (\"id\"))");
    assertThat(sql(createTable(table("posts"))))
        .containsExactly("CREATE TABLE \"posts\" (\"id\" bigserial, PRIMARY KEY (\"id\"))");
    assertThat(sql(createTableIfNotExists(table("log_mode_table"))))
        .containsExactly("CREATE TABLE IF NOT EXISTS \"log_mode_table\" (\"id\" bigserial, PRIMARY KEY (\"id\"))");
    assertThat(sql(createTable(table("tags").primaryKey("uuid", ColumnType.BINARY_ID), add("name", ColumnType.TEXT))))
        .containsExactly("CREATE TABLE \"tags\" (\"uuid\" uuid, \"name\" text, PRIMARY KEY (\"uuid\"))");
    assertThat(sql(createTable(table("posts_tags").noPrimaryKey(), add("post_id", ColumnType.ID))))
        .containsExactly("CREATE TABLE \"posts_tags\" (\"post_id\" bigint)");
    assertThat(sql(createTable(table("empty").noPrimaryKey()))).containsExactly("CREATE TABLE \"empty\" ()");
  }

  @Test
  void columnsMarkedPrimaryKeyMakeACompositeKey() {
    assertThat(sql(createTable(table("posts").noPrimaryKey(), add("a", ColumnType.INTEGER).primaryKey(),
        add("b", ColumnType.INTEGER).primaryKey(), add("name", ColumnType.STRING))))
        .containsExactly("CREATE TABLE \"posts\" (\"a\" integer, \"b\" integer, \"name\" varchar(255), PRIMARY KEY (\"a\",\"b\"))");
    assertThat(sql(createTable(table("versions"), add("code", ColumnType.STRING).primaryKey())))
        .containsExactly("CREATE TABLE \"versions\" (\"id\" bigserial, \"code\" varchar(255), PRIMARY KEY (\"id\",\"code\"))");
  }

  @Test
  void createTableWithPrefixPutsTheReferencedTableInIt() {
    assertThat(sql(createTable(table("posts").prefix("foo").noPrimaryKey(), add("category_0", references("categories")))))
        .containsExactly("CREATE TABLE \"foo\".\"posts\" (\"category_0\" bigint, CONSTRAINT \"posts_category_0_fkey\" "
            + "FOREIGN KEY (\"category_0\") REFERENCES \"foo\".\"categories\"(\"id\"))");
  }

  @Test
  void createTableWithCommentsOnTheTableAndColumns() {
    assertThat(sql(createTable(table("posts").comment("comment").noPrimaryKey(),
        add("category_0", references("categories")).comment("column comment"),
        add("created_at", ColumnType.raw("timestamp")),
        add("updated_at", ColumnType.raw("timestamp")).comment("column comment 2"))))
        .containsExactly("CREATE TABLE \"posts\" (\"category_0\" bigint, CONSTRAINT \"posts_category_0_fkey\" FOREIGN KEY "
                + "(\"category_0\") REFERENCES \"categories\"(\"id\"), \"created_at\" timestamp, \"updated_at\" timestamp)",
            "COMMENT ON TABLE \"posts\" IS 'comment'",
            "COMMENT ON COLUMN \"posts\".\"category_0\" IS 'column comment'",
            "COMMENT ON COLUMN \"posts\".\"updated_at\" IS 'column comment 2'");
    assertThat(sql(createTable(table("posts").comment("table comment").prefix("foo").noPrimaryKey(),
        add("category_0", references("categories")))))
        .containsExactly("CREATE TABLE \"foo\".\"posts\" (\"category_0\" bigint, CONSTRAINT \"posts_category_0_fkey\" "
                + "FOREIGN KEY (\"category_0\") REFERENCES \"foo\".\"categories\"(\"id\"))",
            "COMMENT ON TABLE \"foo\".\"posts\" IS 'table comment'");
    assertThat(sql(createTable(table("posts").prefix("foo").noPrimaryKey(),
        add("title", ColumnType.TEXT).comment("the reader's title"))))
        .containsExactly("CREATE TABLE \"foo\".\"posts\" (\"title\" text)",
            "COMMENT ON COLUMN \"foo\".\"posts\".\"title\" IS 'the reader''s title'");
  }

  @Test
  void createTableWithReferences() {
    Map<String, String> here = Map.of("here", "there");
    Map<String, String> twoHeres = new LinkedHashMap<>();
    twoHeres.put("here", "there");
    twoHeres.put("here2", "there2");
    Command create = createTable(table("posts").noPrimaryKey(),
        add("id", ColumnType.SERIAL).primaryKey(),
        add("category_0", references("categories")),
        add("category_1", references("categories").name("foo_bar")),
        add("category_2", references("categories").onDelete(OnDelete.NOTHING)),
        add("category_3", references("categories").onDelete(OnDelete.DELETE_ALL)).notNull(),
        add("category_4", references("categories").onDelete(OnDelete.NILIFY_ALL)),
        add("category_5", references("categories").onUpdate(OnUpdate.NOTHING)),
        add("category_6", references("categories").onUpdate(OnUpdate.UPDATE_ALL)).notNull(),
        add("category_7", references("categories").onUpdate(OnUpdate.NILIFY_ALL)),
        add("category_8", references("categories").onDelete(OnDelete.NILIFY_ALL).onUpdate(OnUpdate.UPDATE_ALL)).notNull(),
        add("category_9", references("categories").onDelete(OnDelete.RESTRICT)),
        add("category_10", references("categories").onUpdate(OnUpdate.RESTRICT)),
        add("category_11", references("categories").prefix("foo").onUpdate(OnUpdate.RESTRICT)),
        add("category_12", references("categories").with(here)),
        add("category_13", references("categories").onUpdate(OnUpdate.RESTRICT).with(here).match(Match.FULL)),
        add("category_14", references("categories").with(twoHeres).onDeleteNilify("here", "here2")),
        add("category_15", references("categories").onDelete(OnDelete.DEFAULT_ALL)),
        add("category_16", references("categories").with(twoHeres).onDelete(OnDelete.DEFAULT_ALL)));
    String fk = " FOREIGN KEY (\"";
    assertThat(sql(create)).containsExactly("CREATE TABLE \"posts\" (\"id\" serial, "
        + "\"category_0\" bigint, CONSTRAINT \"posts_category_0_fkey\"" + fk + "category_0\") REFERENCES \"categories\"(\"id\"), "
        + "\"category_1\" bigint, CONSTRAINT \"foo_bar\"" + fk + "category_1\") REFERENCES \"categories\"(\"id\"), "
        + "\"category_2\" bigint, CONSTRAINT \"posts_category_2_fkey\"" + fk + "category_2\") REFERENCES \"categories\"(\"id\"), "
        + "\"category_3\" bigint NOT NULL, CONSTRAINT \"posts_category_3_fkey\"" + fk + "category_3\") REFERENCES \"categories\"(\"id\") ON DELETE CASCADE, "
        + "\"category_4\" bigint, CONSTRAINT \"posts_category_4_fkey\"" + fk + "category_4\") REFERENCES \"categories\"(\"id\") ON DELETE SET NULL, "
        + "\"category_5\" bigint, CONSTRAINT \"posts_category_5_fkey\"" + fk + "category_5\") REFERENCES \"categories\"(\"id\"), "
        + "\"category_6\" bigint NOT NULL, CONSTRAINT \"posts_category_6_fkey\"" + fk + "category_6\") REFERENCES \"categories\"(\"id\") ON UPDATE CASCADE, "
        + "\"category_7\" bigint, CONSTRAINT \"posts_category_7_fkey\"" + fk + "category_7\") REFERENCES \"categories\"(\"id\") ON UPDATE SET NULL, "
        + "\"category_8\" bigint NOT NULL, CONSTRAINT \"posts_category_8_fkey\"" + fk + "category_8\") REFERENCES \"categories\"(\"id\") ON DELETE SET NULL ON UPDATE CASCADE, "
        + "\"category_9\" bigint, CONSTRAINT \"posts_category_9_fkey\"" + fk + "category_9\") REFERENCES \"categories\"(\"id\") ON DELETE RESTRICT, "
        + "\"category_10\" bigint, CONSTRAINT \"posts_category_10_fkey\"" + fk + "category_10\") REFERENCES \"categories\"(\"id\") ON UPDATE RESTRICT, "
        + "\"category_11\" bigint, CONSTRAINT \"posts_category_11_fkey\"" + fk + "category_11\") REFERENCES \"foo\".\"categories\"(\"id\") ON UPDATE RESTRICT, "
        + "\"category_12\" bigint, CONSTRAINT \"posts_category_12_fkey\"" + fk + "category_12\",\"here\") REFERENCES \"categories\"(\"id\",\"there\"), "
        + "\"category_13\" bigint, CONSTRAINT \"posts_category_13_fkey\"" + fk + "category_13\",\"here\") REFERENCES \"categories\"(\"id\",\"there\") MATCH FULL ON UPDATE RESTRICT, "
        + "\"category_14\" bigint, CONSTRAINT \"posts_category_14_fkey\"" + fk + "category_14\",\"here\",\"here2\") REFERENCES \"categories\"(\"id\",\"there\",\"there2\") ON DELETE SET NULL (\"here\",\"here2\"), "
        + "\"category_15\" bigint, CONSTRAINT \"posts_category_15_fkey\"" + fk + "category_15\") REFERENCES \"categories\"(\"id\") ON DELETE SET DEFAULT, "
        + "\"category_16\" bigint, CONSTRAINT \"posts_category_16_fkey\"" + fk + "category_16\",\"here\",\"here2\") REFERENCES \"categories\"(\"id\",\"there\",\"there2\") ON DELETE SET DEFAULT, "
        + "PRIMARY KEY (\"id\"))");
  }

  @Test
  void aReferenceTakesItsKeysTypeButASerialBecomesAPlainInteger() {
    String fk = ", CONSTRAINT \"c_p_fkey\" FOREIGN KEY (\"p\") REFERENCES \"ps\"(\"id\"))";
    assertThat(one(createTable(table("c").noPrimaryKey(), add("p", references("ps").type(ColumnType.SERIAL)))))
        .isEqualTo("CREATE TABLE \"c\" (\"p\" integer" + fk);
    assertThat(one(createTable(table("c").noPrimaryKey(), add("p", references("ps").type(ColumnType.BINARY_ID)))))
        .isEqualTo("CREATE TABLE \"c\" (\"p\" uuid" + fk);
    assertThat(one(createTable(table("c").noPrimaryKey(), add("p", references("ps").type(ColumnType.STRING)).size(40))))
        .isEqualTo("CREATE TABLE \"c\" (\"p\" varchar(40)" + fk);
    assertThat(one(createTable(table("c").noPrimaryKey(), add("p", references("ps").validate(false)).defaultValue(1))))
        .isEqualTo("CREATE TABLE \"c\" (\"p\" bigint DEFAULT 1, CONSTRAINT \"c_p_fkey\" FOREIGN KEY (\"p\") "
            + "REFERENCES \"ps\"(\"id\") NOT VALID)");
    assertThat(one(createTable(table("c").prefix("a").noPrimaryKey(), add("p", references("ps").prefix("b").column("uuid")))))
        .isEqualTo("CREATE TABLE \"a\".\"c\" (\"p\" bigint, CONSTRAINT \"c_p_fkey\" FOREIGN KEY (\"p\") REFERENCES \"b\".\"ps\"(\"uuid\"))");
    assertThat(one(createTable(table("c").noPrimaryKey(), add("p", references("ps").with(Map.of("t", "t")).match(Match.SIMPLE)))))
        .endsWith("REFERENCES \"ps\"(\"id\",\"t\") MATCH SIMPLE)");
    assertThat(one(createTable(table("c").noPrimaryKey(), add("p", references("ps").with(Map.of("t", "t")).match(Match.PARTIAL)))))
        .endsWith("REFERENCES \"ps\"(\"id\",\"t\") MATCH PARTIAL)");
  }

  @Test
  void createTableWithOptions() {
    assertThat(sql(createTable(table("posts").options("WITH FOO=BAR").noPrimaryKey(), add("id", ColumnType.SERIAL).primaryKey(),
        add("created_at", ColumnType.NAIVE_DATETIME))))
        .containsExactly("CREATE TABLE \"posts\" (\"id\" serial, \"created_at\" timestamp(0), PRIMARY KEY (\"id\")) WITH FOO=BAR");
    assertThat(sql(createTable(table("measurements").options("PARTITION BY RANGE (taken_at)").noPrimaryKey(),
        add("taken_at", ColumnType.DATE))))
        .containsExactly("CREATE TABLE \"measurements\" (\"taken_at\" date) PARTITION BY RANGE (taken_at)");
  }

  @Test
  void createTableWithIdentityKeyAndReferences() {
    assertThat(sql(createTable(table("posts").noPrimaryKey(), add("id", IDENTITY).primaryKey(),
        add("category_0", references("categories").type(IDENTITY)), add("name", ColumnType.STRING))))
        .containsExactly("CREATE TABLE \"posts\" (\"id\" bigint GENERATED BY DEFAULT AS IDENTITY, "
            + "\"category_0\" bigint, CONSTRAINT \"posts_category_0_fkey\" FOREIGN KEY (\"category_0\") REFERENCES \"categories\"(\"id\"), "
            + "\"name\" varchar(255), PRIMARY KEY (\"id\"))");
    assertThat(sql(createTable(table("posts").primaryKey("id", IDENTITY))))
        .containsExactly("CREATE TABLE \"posts\" (\"id\" bigint GENERATED BY DEFAULT AS IDENTITY, PRIMARY KEY (\"id\"))");
  }

  @Test
  void createTableWithGeneratedColumns() {
    assertThat(sql(createTable(table("posts").noPrimaryKey(), add("id", ColumnType.INTEGER).primaryKey(),
        add("id_str", ColumnType.STRING).generated("id"))))
        .containsExactly("CREATE TABLE \"posts\" (\"id\" integer, \"id_str\" varchar(255) GENERATED ALWAYS AS (id) STORED, "
            + "PRIMARY KEY (\"id\"))");
    assertThat(sql(createTable(table("posts").noPrimaryKey(),
        add("tags", ColumnType.arrayOf(ColumnType.TEXT)).generated("ARRAY['foo','bar']"))))
        .containsExactly("CREATE TABLE \"posts\" (\"tags\" text[] GENERATED ALWAYS AS (ARRAY['foo','bar']) STORED)");
    assertThat(sql(createTable(table("posts").noPrimaryKey(),
        add("tags", ColumnType.arrayOf(ColumnType.arrayOf(ColumnType.TEXT))).generated("ARRAY['foo','bar']"),
        add("times", ColumnType.arrayOf(ColumnType.arrayOf(ColumnType.TIME))).generated("ARRAY['08:00:00','09:00:00']"))))
        .containsExactly("CREATE TABLE \"posts\" (\"tags\" text[][] GENERATED ALWAYS AS (ARRAY['foo','bar']) STORED, "
            + "\"times\" time(0)[][] GENERATED ALWAYS AS (ARRAY['08:00:00','09:00:00']) STORED)");
    assertThat(sql(createTable(table("people").noPrimaryKey(), add("full_name", ColumnType.TEXT)
        .generated("first_name || ' ' || last_name").notNull())))
        .containsExactly("CREATE TABLE \"people\" (\"full_name\" text GENERATED ALWAYS AS (first_name || ' ' || last_name) "
            + "STORED NOT NULL)");
  }

  @Test
  void binaryDefaults() {
    assertThat(one(createTable(table("blobs").noPrimaryKey(), add("blob", ColumnType.BINARY).defaultValue("foo"))))
        .isEqualTo("CREATE TABLE \"blobs\" (\"blob\" bytea DEFAULT 'foo')");
    assertThat(one(createTable(table("blobs").noPrimaryKey(), add("blob", ColumnType.BINARY).defaultValue("\\x666F6F"))))
        .isEqualTo("CREATE TABLE \"blobs\" (\"blob\" bytea DEFAULT '\\x666F6F')");
    assertThat(one(createTable(table("blobs").noPrimaryKey(), add("blob", ColumnType.BINARY).defaultValue("\\x00"))))
        .isEqualTo("CREATE TABLE \"blobs\" (\"blob\" bytea DEFAULT '\\x00')");
    assertThat(one(createTable(table("blobs").noPrimaryKey(), add("blob", ColumnType.BINARY).defaultValue(new byte[] {'f', 'o', 0}))))
        .isEqualTo("CREATE TABLE \"blobs\" (\"blob\" bytea DEFAULT '\\x666f00')");
    assertThat(failure(createTable(table("blobs").noPrimaryKey(), add("blob", ColumnType.BINARY).defaultValue("foo\0"))))
        .contains("create table blobs", "column blob", "null byte", "\\\\x00");
  }

  @Test
  void mapDefaultsAreTheirJson() {
    assertThat(one(createTable(table("posts").noPrimaryKey(), add("a", ColumnType.MAP).defaultValue(Map.of()))))
        .isEqualTo("CREATE TABLE \"posts\" (\"a\" jsonb DEFAULT '{}')");
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("foo", "bar");
    map.put("baz", "boom");
    assertThat(one(createTable(table("posts").noPrimaryKey(), add("a", ColumnType.MAP).defaultValue(map))))
        .isEqualTo("CREATE TABLE \"posts\" (\"a\" jsonb DEFAULT '{\"foo\":\"bar\",\"baz\":\"boom\"}')");
    assertThat(one(createTable(table("posts").noPrimaryKey(), add("a", ColumnType.MAP).defaultValue("{\"foo\":\"bar\",\"baz\":\"boom\"}"))))
        .isEqualTo("CREATE TABLE \"posts\" (\"a\" jsonb DEFAULT '{\"foo\":\"bar\",\"baz\":\"boom\"}')");
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("it's", "a \"q\"\n");
    nested.put("n", List.of(1, 2.5, true));
    nested.put("none", null);
    assertThat(one(createTable(table("posts").noPrimaryKey(), add("a", ColumnType.MAP).defaultValue(nested))))
        .isEqualTo("CREATE TABLE \"posts\" (\"a\" jsonb DEFAULT '{\"it''s\":\"a \\\"q\\\"\\n\",\"n\":[1,2.5,true],\"none\":null}')");
    assertThat(failure(createTable(table("posts").noPrimaryKey(), add("a", ColumnType.TEXT).defaultValue(Map.of()))))
        .contains("column a", "unknown default", "defaultFragment");
  }

  @Test
  void timeColumns() {
    assertThat(one(createTable(table("posts").noPrimaryKey(), add("published_at", ColumnType.TIME).precision(3),
        add("submitted_at", ColumnType.TIME))))
        .isEqualTo("CREATE TABLE \"posts\" (\"published_at\" time(0), \"submitted_at\" time(0))");
    assertThat(one(createTable(table("posts").noPrimaryKey(), add("published_at", ColumnType.TIME_USEC).precision(3),
        add("submitted_at", ColumnType.TIME_USEC))))
        .isEqualTo("CREATE TABLE \"posts\" (\"published_at\" time(3), \"submitted_at\" time)");
    assertThat(one(createTable(table("posts").noPrimaryKey(), add("published_at", ColumnType.UTC_DATETIME).precision(3),
        add("submitted_at", ColumnType.UTC_DATETIME))))
        .isEqualTo("CREATE TABLE \"posts\" (\"published_at\" timestamp(0), \"submitted_at\" timestamp(0))");
    assertThat(one(createTable(table("posts").noPrimaryKey(), add("published_at", ColumnType.UTC_DATETIME_USEC).precision(3),
        add("submitted_at", ColumnType.UTC_DATETIME_USEC))))
        .isEqualTo("CREATE TABLE \"posts\" (\"published_at\" timestamp(3), \"submitted_at\" timestamp)");
    assertThat(one(createTable(table("posts").noPrimaryKey(), add("published_at", ColumnType.NAIVE_DATETIME).precision(3),
        add("submitted_at", ColumnType.NAIVE_DATETIME))))
        .isEqualTo("CREATE TABLE \"posts\" (\"published_at\" timestamp(0), \"submitted_at\" timestamp(0))");
    assertThat(one(createTable(table("posts").noPrimaryKey(), add("published_at", ColumnType.NAIVE_DATETIME_USEC).precision(3),
        add("submitted_at", ColumnType.NAIVE_DATETIME_USEC))))
        .isEqualTo("CREATE TABLE \"posts\" (\"published_at\" timestamp(3), \"submitted_at\" timestamp)");
  }

  @Test
  void everyEctoTypeHasItsPostgresName() {
    Object[][] cases = {
        {ColumnType.ID, "bigint"}, {ColumnType.BINARY_ID, "uuid"}, {ColumnType.UUID, "uuid"},
        {ColumnType.INTEGER, "integer"}, {ColumnType.BIGINT, "bigint"}, {ColumnType.SMALLINT, "smallint"},
        {ColumnType.SERIAL, "serial"}, {ColumnType.BIGSERIAL, "bigserial"}, {ColumnType.FLOAT, "float"},
        {ColumnType.DECIMAL, "decimal"}, {ColumnType.BOOLEAN, "boolean"}, {ColumnType.STRING, "varchar(255)"},
        {ColumnType.TEXT, "text"}, {ColumnType.BINARY, "bytea"}, {ColumnType.MAP, "jsonb"}, {ColumnType.DATE, "date"},
        {ColumnType.TIME, "time(0)"}, {ColumnType.TIME_USEC, "time"}, {ColumnType.NAIVE_DATETIME, "timestamp(0)"},
        {ColumnType.NAIVE_DATETIME_USEC, "timestamp"}, {ColumnType.UTC_DATETIME, "timestamp(0)"},
        {ColumnType.UTC_DATETIME_USEC, "timestamp"}, {BITSTRING, "varbit"}, {DURATION, "interval"},
        {new ColumnType("map", ColumnType.STRING, false), "jsonb"},
        {ColumnType.raw("citext"), "citext"}, {ColumnType.raw("timestamptz"), "timestamptz"},
        {ColumnType.raw("numeric(12,4)"), "numeric(12,4)"}, {ColumnType.raw("string"), "string"},
        {ColumnType.arrayOf(ColumnType.raw("citext")), "citext[]"}, {ColumnType.arrayOf(ColumnType.MAP), "jsonb[]"},
        {ColumnType.arrayOf(ColumnType.UTC_DATETIME_USEC), "timestamp[]"}};
    for (Object[] c : cases) {
      assertThat(one(createTable(table("t").noPrimaryKey(), add("c", (ColumnType) c[0]))))
          .as("%s", c[0]).isEqualTo("CREATE TABLE \"t\" (\"c\" " + c[1] + ")");
    }
  }

  @Test
  void sizePrecisionAndScale() {
    String t = "CREATE TABLE \"t\" (\"c\" ";
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.DECIMAL).precision(10).scale(2)))).isEqualTo(t + "decimal(10,2))");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.DECIMAL).precision(10)))).isEqualTo(t + "decimal(10,0))");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.STRING).size(40)))).isEqualTo(t + "varchar(40))");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.raw("char")).size(2)))).isEqualTo(t + "char(2))");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.arrayOf(ColumnType.STRING)).size(8))))
        .isEqualTo(t + "varchar(8)[])");
    assertThat(failure(createTable(table("t").noPrimaryKey(), add("price", ColumnType.DECIMAL).scale(2))))
        .isEqualTo("cannot compile create table t for PostgreSQL: column price: scale(2) needs precision(...) "
            + "(missing precision option)");
    assertThat(failure(alterTable(table("t"), modify("price", ColumnType.DECIMAL).scale(2))))
        .contains("alter table t", "column price", "scale(2)");
  }

  @Test
  void defaultsAreLiterals() {
    String t = "CREATE TABLE \"t\" (\"c\" ";
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.STRING).defaultValue("it's")))).isEqualTo(t + "varchar(255) DEFAULT 'it''s')");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.STRING).defaultValue(null)))).isEqualTo(t + "varchar(255) DEFAULT NULL)");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.BIGINT).defaultValue(9_000_000_000L)))).isEqualTo(t + "bigint DEFAULT 9000000000)");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.FLOAT).defaultValue(1.5)))).isEqualTo(t + "float DEFAULT 1.5)");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.DECIMAL).defaultValue(new BigDecimal("12.50")))))
        .isEqualTo(t + "decimal DEFAULT 12.50)");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.BOOLEAN).defaultValue(false).notNull())))
        .isEqualTo(t + "boolean DEFAULT false NOT NULL)");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.UTC_DATETIME).defaultFragment("now()"))))
        .isEqualTo(t + "timestamp(0) DEFAULT now())");
    assertThat(one(createTable(table("t").noPrimaryKey(), add("c", ColumnType.arrayOf(ColumnType.TEXT)).defaultValue(List.of("it's")))))
        .isEqualTo(t + "text[] DEFAULT ARRAY['it''s']::text[])");
    assertThat(failure(createTable(table("t").noPrimaryKey(), add("day", ColumnType.DATE).defaultValue(LocalDate.of(2020, 1, 1)))))
        .contains("create table t", "column day", "unknown default LocalDate 2020-01-01", "defaultFragment");
    assertThat(failure(createTable(table("t").noPrimaryKey(), add("c", ColumnType.INTEGER).defaultValue(List.of(1)))))
        .contains("column c", "unknown default");
    assertThat(failure(createTable(table("t").noPrimaryKey(), add("c", ColumnType.FLOAT).defaultValue(Double.NaN))))
        .contains("column c", "NaN");
  }

  @Test
  void timestampsAreTwoNotNullColumns() {
    assertThat(one(createTable(table("posts"), add("title", ColumnType.STRING), timestamps())))
        .isEqualTo("CREATE TABLE \"posts\" (\"id\" bigserial, \"title\" varchar(255), \"inserted_at\" timestamp(0) NOT NULL, "
            + "\"updated_at\" timestamp(0) NOT NULL, PRIMARY KEY (\"id\"))");
    assertThat(one(createTable(table("events").noPrimaryKey(),
        timestamps().type(ColumnType.UTC_DATETIME_USEC).insertedAt("created_at").noUpdatedAt().nullable(true).defaultFragment("now()"))))
        .isEqualTo("CREATE TABLE \"events\" (\"created_at\" timestamp DEFAULT now() NULL)");
    assertThat(one(alterTable(table("posts"), timestamps())))
        .isEqualTo("ALTER TABLE \"posts\" ADD COLUMN \"inserted_at\" timestamp(0) NOT NULL, ADD COLUMN \"updated_at\" timestamp(0) NOT NULL");
  }

  @Test
  void unsupportedTypesAndOptionsFailNamingTheCommand() {
    assertThat(failure(createTable(table("t").noPrimaryKey(), add("at", new ColumnType("datetime", null, false)))))
        .contains("create table t", "datetime type in migrations is not supported");
    assertThat(failure(createTable(table("t").noPrimaryKey(), add("c", new ColumnType("array", null, false)))))
        .contains("create table t", "element type");
    assertThat(failure(createTable(table("t").noPrimaryKey(), add("c", new ColumnType("set", ColumnType.TEXT, false)))))
        .contains("unsupported type");
    assertThat(failure(createTable(table("c").noPrimaryKey(), add("p", references("ps").onDelete(OnDelete.NILIFY_COLUMNS)))))
        .contains("create table c", "column p", "onDeleteNilify");
    assertThat(failure(alterTable(table("people"), modify("full_name", ColumnType.TEXT).generated("a || b"))))
        .contains("alter table people", "column full_name", "generated");
  }

  @Test
  void identifiersAreQuotedWithQuotesDoubled() {
    assertThat(one(createTable(table("we\"ird").prefix("sch\"ema").noPrimaryKey(), add("co\"l", ColumnType.TEXT))))
        .isEqualTo("CREATE TABLE \"sch\"\"ema\".\"we\"\"ird\" (\"co\"\"l\" text)");
    assertThat(one(createIndex(index("t", "a\"b").name("i\"x"))))
        .isEqualTo("CREATE INDEX \"i\"\"x\" ON \"t\" (a\"b)");
  }

  // --- drop, rename --------------------------------------------------------------------------------

  @Test
  void dropsTables() {
    assertThat(sql(dropTable(table("posts")))).containsExactly("DROP TABLE \"posts\"");
    assertThat(sql(dropTable(table("posts").prefix("foo")))).containsExactly("DROP TABLE \"foo\".\"posts\"");
    assertThat(sql(dropTableCascade(table("posts")))).containsExactly("DROP TABLE \"posts\" CASCADE");
    assertThat(sql(dropTableCascade(table("posts").prefix("foo")))).containsExactly("DROP TABLE \"foo\".\"posts\" CASCADE");
    assertThat(sql(dropTableIfExists(table("posts")))).containsExactly("DROP TABLE IF EXISTS \"posts\"");
    assertThat(sql(new Command.DropTable(table("posts"), true, true))).containsExactly("DROP TABLE IF EXISTS \"posts\" CASCADE");
  }

  @Test
  void renameTableAndColumn() {
    assertThat(sql(renameTable(table("posts"), "new_posts"))).containsExactly("ALTER TABLE \"posts\" RENAME TO \"new_posts\"");
    assertThat(sql(renameTable(table("posts").prefix("foo"), "new_posts")))
        .containsExactly("ALTER TABLE \"foo\".\"posts\" RENAME TO \"new_posts\"");
    assertThat(sql(renameColumn(table("posts"), "given_name", "first_name")))
        .containsExactly("ALTER TABLE \"posts\" RENAME \"given_name\" TO \"first_name\"");
    assertThat(sql(renameColumn(table("posts").prefix("foo"), "given_name", "first_name")))
        .containsExactly("ALTER TABLE \"foo\".\"posts\" RENAME \"given_name\" TO \"first_name\"");
  }

  // --- alter table ---------------------------------------------------------------------------------

  @Test
  void altersATable() {
    Command alter = alterTable(table("posts"),
        add("title", ColumnType.STRING).defaultValue("Untitled").size(100).notNull(),
        add("author_id", references("author")),
        add("category_id", references("categories").validate(false)),
        addIfNotExists("subtitle", ColumnType.STRING).size(100).notNull(),
        add("editor_id", references("editor")).as(Column.Kind.ADD_IF_NOT_EXISTS),
        modify("price", NUMERIC).precision(8).scale(2).nullable(true),
        modify("cost", ColumnType.INTEGER).notNull().defaultValue(null),
        modify("permalink_id", references("permalinks")).notNull(),
        modify("status", ColumnType.STRING).from(ColumnType.INTEGER),
        modify("user_id", ColumnType.INTEGER).from(add("user_id", references("users"))),
        modify("space_id", ColumnType.INTEGER).nullable(true).from(add("space_id", references("author")).notNull()),
        modify("group_id", references("groups").column("gid")).from(add("group_id", references("groups"))),
        modify("status", ColumnType.STRING).notNull().size(100).from(add("status", ColumnType.INTEGER).nullable(true).size(50)),
        remove("summary"),
        remove("body", ColumnType.TEXT),
        remove(add("space_id", references("author"))),
        new TableChange.Remove("body", add("body", ColumnType.TEXT), true),
        removeIfExists("body"),
        new TableChange.Remove("space_id", add("space_id", references("author")), true));
    assertThat(sql(alter)).containsExactly("ALTER TABLE \"posts\" "
        + "ADD COLUMN \"title\" varchar(100) DEFAULT 'Untitled' NOT NULL, "
        + "ADD COLUMN \"author_id\" bigint, "
        + "ADD CONSTRAINT \"posts_author_id_fkey\" FOREIGN KEY (\"author_id\") REFERENCES \"author\"(\"id\"), "
        + "ADD COLUMN \"category_id\" bigint, "
        + "ADD CONSTRAINT \"posts_category_id_fkey\" FOREIGN KEY (\"category_id\") REFERENCES \"categories\"(\"id\") NOT VALID, "
        + "ADD COLUMN IF NOT EXISTS \"subtitle\" varchar(100) NOT NULL, "
        + "ADD COLUMN IF NOT EXISTS \"editor_id\" bigint, "
        + "ADD CONSTRAINT \"posts_editor_id_fkey\" FOREIGN KEY (\"editor_id\") REFERENCES \"editor\"(\"id\"), "
        + "ALTER COLUMN \"price\" TYPE numeric(8,2), "
        + "ALTER COLUMN \"price\" DROP NOT NULL, "
        + "ALTER COLUMN \"cost\" TYPE integer, "
        + "ALTER COLUMN \"cost\" SET NOT NULL, "
        + "ALTER COLUMN \"cost\" SET DEFAULT NULL, "
        + "ALTER COLUMN \"permalink_id\" TYPE bigint, "
        + "ADD CONSTRAINT \"posts_permalink_id_fkey\" FOREIGN KEY (\"permalink_id\") REFERENCES \"permalinks\"(\"id\"), "
        + "ALTER COLUMN \"permalink_id\" SET NOT NULL, "
        + "ALTER COLUMN \"status\" TYPE varchar(255), "
        + "DROP CONSTRAINT \"posts_user_id_fkey\", "
        + "ALTER COLUMN \"user_id\" TYPE integer, "
        + "DROP CONSTRAINT \"posts_space_id_fkey\", "
        + "ALTER COLUMN \"space_id\" TYPE integer, "
        + "ALTER COLUMN \"space_id\" DROP NOT NULL, "
        + "DROP CONSTRAINT \"posts_group_id_fkey\", "
        + "ALTER COLUMN \"group_id\" TYPE bigint, "
        + "ADD CONSTRAINT \"posts_group_id_fkey\" FOREIGN KEY (\"group_id\") REFERENCES \"groups\"(\"gid\"), "
        + "ALTER COLUMN \"status\" TYPE varchar(100), "
        + "ALTER COLUMN \"status\" SET NOT NULL, "
        + "DROP COLUMN \"summary\", "
        + "DROP COLUMN \"body\", "
        + "DROP CONSTRAINT \"posts_space_id_fkey\", "
        + "DROP COLUMN \"space_id\", "
        + "DROP COLUMN IF EXISTS \"body\", "
        + "DROP COLUMN IF EXISTS \"body\", "
        + "DROP CONSTRAINT IF EXISTS \"posts_space_id_fkey\", "
        + "DROP COLUMN IF EXISTS \"space_id\"");
  }

  @Test
  void alterTableWithCommentsOnTableAndColumns() {
    assertThat(sql(alterTable(table("posts").comment("table comment"),
        add("title", ColumnType.STRING).defaultValue("Untitled").size(100).notNull().comment("column comment"),
        modify("price", NUMERIC).precision(8).scale(2).nullable(true),
        modify("permalink_id", references("permalinks")).notNull().comment("column comment"),
        remove("summary"))))
        .containsExactly("ALTER TABLE \"posts\" "
                + "ADD COLUMN \"title\" varchar(100) DEFAULT 'Untitled' NOT NULL, "
                + "ALTER COLUMN \"price\" TYPE numeric(8,2), "
                + "ALTER COLUMN \"price\" DROP NOT NULL, "
                + "ALTER COLUMN \"permalink_id\" TYPE bigint, "
                + "ADD CONSTRAINT \"posts_permalink_id_fkey\" FOREIGN KEY (\"permalink_id\") REFERENCES \"permalinks\"(\"id\"), "
                + "ALTER COLUMN \"permalink_id\" SET NOT NULL, "
                + "DROP COLUMN \"summary\"",
            "COMMENT ON TABLE \"posts\" IS 'table comment'",
            "COMMENT ON COLUMN \"posts\".\"title\" IS 'column comment'",
            "COMMENT ON COLUMN \"posts\".\"permalink_id\" IS 'column comment'");
  }

  @Test
  void removingAColumnAddsNoComment() {
    assertThat(sql(alterTable(table("posts"), remove(add("title", ColumnType.STRING).comment("comment")))))
        .containsExactly("ALTER TABLE \"posts\" DROP COLUMN \"title\"");
  }

  @Test
  void alterTableWithPrefix() {
    assertThat(sql(alterTable(table("posts").prefix("foo"), add("author_id", references("author")),
        modify("permalink_id", references("permalinks")).notNull())))
        .containsExactly("ALTER TABLE \"foo\".\"posts\" "
            + "ADD COLUMN \"author_id\" bigint, ADD CONSTRAINT \"posts_author_id_fkey\" FOREIGN KEY (\"author_id\") REFERENCES \"foo\".\"author\"(\"id\"), "
            + "ALTER COLUMN \"permalink_id\" TYPE bigint, "
            + "ADD CONSTRAINT \"posts_permalink_id_fkey\" FOREIGN KEY (\"permalink_id\") REFERENCES \"foo\".\"permalinks\"(\"id\"), "
            + "ALTER COLUMN \"permalink_id\" SET NOT NULL");
  }

  @Test
  void alterTableAddsAPrimaryKey() {
    assertThat(sql(alterTable(table("posts"), add("my_pk", ColumnType.SERIAL).primaryKey())))
        .containsExactly("ALTER TABLE \"posts\" ADD COLUMN \"my_pk\" serial, ADD PRIMARY KEY (\"my_pk\")");
    assertThat(sql(alterTable(table("posts"), add("my_pk", ColumnType.BIGSERIAL).primaryKey())))
        .containsExactly("ALTER TABLE \"posts\" ADD COLUMN \"my_pk\" bigserial, ADD PRIMARY KEY (\"my_pk\")");
    assertThat(sql(alterTable(table("posts"), remove(add("my_pk", ColumnType.SERIAL).primaryKey()))))
        .containsExactly("ALTER TABLE \"posts\" DROP COLUMN \"my_pk\"");
  }

  @Test
  void modifySetsDefaultsAndNullability() {
    assertThat(one(alterTable(table("t"), modify("n", ColumnType.INTEGER).defaultValue(0))))
        .isEqualTo("ALTER TABLE \"t\" ALTER COLUMN \"n\" TYPE integer, ALTER COLUMN \"n\" SET DEFAULT 0");
    assertThat(one(alterTable(table("t"), modify("at", ColumnType.UTC_DATETIME).defaultFragment("now()").nullable(false))))
        .isEqualTo("ALTER TABLE \"t\" ALTER COLUMN \"at\" TYPE timestamp(0), ALTER COLUMN \"at\" SET NOT NULL, "
            + "ALTER COLUMN \"at\" SET DEFAULT now()");
    assertThat(one(alterTable(table("t"), modify("p", references("ps").onDelete(OnDelete.DELETE_ALL))
        .from(add("p", references("ps"))))))
        .isEqualTo("ALTER TABLE \"t\" DROP CONSTRAINT \"t_p_fkey\", ALTER COLUMN \"p\" TYPE bigint, ADD CONSTRAINT \"t_p_fkey\" "
            + "FOREIGN KEY (\"p\") REFERENCES \"ps\"(\"id\") ON DELETE CASCADE");
    assertThat(one(alterTable(table("t"), modify("p", ColumnType.BIGINT).from(add("p", references("ps").name("p_fk"))))))
        .isEqualTo("ALTER TABLE \"t\" DROP CONSTRAINT \"p_fk\", ALTER COLUMN \"p\" TYPE bigint");
  }

  @Test
  void theReverseOfAModifyFromCompilesToTheOldColumn() {
    Migration migration = new Migration() {
      @Override
      public List<Command> change() {
        return List.of(alterTable(table("posts"),
            modify("title", ColumnType.TEXT).notNull().from(add("title", ColumnType.STRING).nullable(true)),
            modify("author_id", references("authors").onDelete(OnDelete.NILIFY_ALL)).from(ColumnType.BIGINT)));
      }
    };
    assertThat(sql(migration.up().get(0))).containsExactly("ALTER TABLE \"posts\" "
        + "ALTER COLUMN \"title\" TYPE text, ALTER COLUMN \"title\" SET NOT NULL, "
        + "ALTER COLUMN \"author_id\" TYPE bigint, ADD CONSTRAINT \"posts_author_id_fkey\" FOREIGN KEY (\"author_id\") "
        + "REFERENCES \"authors\"(\"id\") ON DELETE SET NULL");
    assertThat(sql(migration.down().get(0))).containsExactly("ALTER TABLE \"posts\" "
        + "DROP CONSTRAINT \"posts_author_id_fkey\", ALTER COLUMN \"author_id\" TYPE bigint, "
        + "ALTER COLUMN \"title\" TYPE varchar(255), ALTER COLUMN \"title\" DROP NOT NULL");
  }

  // --- indexes -------------------------------------------------------------------------------------

  @Test
  void createsIndexes() {
    assertThat(sql(createIndex(index("posts", "category_id", "permalink"))))
        .containsExactly("CREATE INDEX \"posts_category_id_permalink_index\" ON \"posts\" (\"category_id\", \"permalink\")");
    assertThat(sql(createIndex(index("posts", "lower(permalink)").name("posts$main"))))
        .containsExactly("CREATE INDEX \"posts$main\" ON \"posts\" (lower(permalink))");
    assertThat(sql(createIndex(index("posts", "category_id", "permalink").prefix("foo"))))
        .containsExactly("CREATE INDEX \"posts_category_id_permalink_index\" ON \"foo\".\"posts\" (\"category_id\", \"permalink\")");
    assertThat(sql(createIndex(index("posts", "lower(permalink)").name("posts$main").prefix("foo"))))
        .containsExactly("CREATE INDEX \"posts$main\" ON \"foo\".\"posts\" (lower(permalink))");
    assertThat(sql(createIndexIfNotExists(index("posts", "title"))))
        .containsExactly("CREATE INDEX IF NOT EXISTS \"posts_title_index\" ON \"posts\" (\"title\")");
  }

  @Test
  void createIndexWithComment() {
    assertThat(sql(createIndex(index("posts", "category_id", "permalink").prefix("foo").comment("comment"))))
        .containsExactly("CREATE INDEX \"posts_category_id_permalink_index\" ON \"foo\".\"posts\" (\"category_id\", \"permalink\")",
            "COMMENT ON INDEX \"foo\".\"posts_category_id_permalink_index\" IS 'comment'");
  }

  @Test
  void createIndexWithDirectionAsAnExpression() {
    assertThat(sql(createIndex(index("posts", "category_id", "permalink DESC NULLS LAST")
        .name("posts_category_id_permalink_index"))))
        .containsExactly("CREATE INDEX \"posts_category_id_permalink_index\" ON \"posts\" (\"category_id\", permalink DESC NULLS LAST)");
  }

  @Test
  void createUniqueIndexWithConditionIncludeAndNullsDistinct() {
    assertThat(sql(createIndex(uniqueIndex("posts", "permalink"))))
        .containsExactly("CREATE UNIQUE INDEX \"posts_permalink_index\" ON \"posts\" (\"permalink\")");
    assertThat(sql(createIndex(uniqueIndex("posts", "permalink").where("public IS TRUE"))))
        .containsExactly("CREATE UNIQUE INDEX \"posts_permalink_index\" ON \"posts\" (\"permalink\") WHERE public IS TRUE");
    assertThat(sql(createIndex(uniqueIndex("posts", "permalink").include("public"))))
        .containsExactly("CREATE UNIQUE INDEX \"posts_permalink_index\" ON \"posts\" (\"permalink\") INCLUDE (\"public\")");
    assertThat(sql(createIndex(uniqueIndex("posts", "permalink").include("public").where("public IS TRUE"))))
        .containsExactly("CREATE UNIQUE INDEX \"posts_permalink_index\" ON \"posts\" (\"permalink\") INCLUDE (\"public\") "
            + "WHERE public IS TRUE");
    assertThat(sql(createIndex(uniqueIndex("posts", "permalink").nullsDistinct(true))))
        .containsExactly("CREATE UNIQUE INDEX \"posts_permalink_index\" ON \"posts\" (\"permalink\") NULLS DISTINCT");
    assertThat(sql(createIndex(uniqueIndex("posts", "permalink").nullsDistinct(false))))
        .containsExactly("CREATE UNIQUE INDEX \"posts_permalink_index\" ON \"posts\" (\"permalink\") NULLS NOT DISTINCT");
    assertThat(sql(createIndex(uniqueIndex("posts", "permalink").nullsDistinct(false).include("public")
        .where("public IS TRUE"))))
        .containsExactly("CREATE UNIQUE INDEX \"posts_permalink_index\" ON \"posts\" (\"permalink\") INCLUDE (\"public\") "
            + "NULLS NOT DISTINCT WHERE public IS TRUE");
    assertThat(failure(createIndex(index("posts", "permalink").nullsDistinct(false))))
        .isEqualTo("cannot compile create index posts_permalink_index for PostgreSQL: index posts_permalink_index: "
            + "nullsDistinct(false) can only be used with unique indexes");
  }

  @Test
  void createIndexConcurrentlyUsingOnlyAndWithOptions() {
    assertThat(sql(createIndex(index("posts", "permalink").concurrently())))
        .containsExactly("CREATE INDEX CONCURRENTLY \"posts_permalink_index\" ON \"posts\" (\"permalink\")");
    assertThat(sql(createIndex(uniqueIndex("posts", "permalink").concurrently())))
        .containsExactly("CREATE UNIQUE INDEX CONCURRENTLY \"posts_permalink_index\" ON \"posts\" (\"permalink\")");
    assertThat(sql(createIndexIfNotExists(index("index_table", "name").concurrently())))
        .containsExactly("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"index_table_name_index\" ON \"index_table\" (\"name\")");
    assertThat(sql(createIndex(index("posts", "permalink").using("hash"))))
        .containsExactly("CREATE INDEX \"posts_permalink_index\" ON \"posts\" USING hash (\"permalink\")");
    assertThat(sql(createIndex(index("posts", "permalink").only())))
        .containsExactly("CREATE INDEX \"posts_permalink_index\" ON ONLY \"posts\" (\"permalink\")");
    assertThat(sql(createIndex(index("posts", "title").options("fillfactor=50"))))
        .containsExactly("CREATE INDEX \"posts_title_index\" ON \"posts\" (\"title\") WITH (fillfactor=50)");
    assertThat(sql(createIndex(index("posts", "title").options("WITH (fillfactor = 70)").where("title <> ''"))))
        .containsExactly("CREATE INDEX \"posts_title_index\" ON \"posts\" (\"title\") WITH (fillfactor = 70) WHERE title <> ''");
  }

  @Test
  void dropsIndexes() {
    assertThat(sql(dropIndex(index("posts", "id").name("posts$main")))).containsExactly("DROP INDEX \"posts$main\"");
    assertThat(sql(dropIndex(index("posts", "id").name("posts$main").prefix("foo"))))
        .containsExactly("DROP INDEX \"foo\".\"posts$main\"");
    assertThat(sql(dropIndex(index("posts", "id").name("posts$main").concurrently())))
        .containsExactly("DROP INDEX CONCURRENTLY \"posts$main\"");
    assertThat(sql(new Command.DropIndex(index("posts", "id").name("posts$main"), false, true)))
        .containsExactly("DROP INDEX \"posts$main\" CASCADE");
    assertThat(sql(new Command.DropIndex(index("posts", "id").name("posts$main").prefix("foo"), false, true)))
        .containsExactly("DROP INDEX \"foo\".\"posts$main\" CASCADE");
    assertThat(sql(dropIndexIfExists(index("posts", "title").concurrently())))
        .containsExactly("DROP INDEX CONCURRENTLY IF EXISTS \"posts_title_index\"");
  }

  @Test
  void renamesIndexes() {
    assertThat(sql(renameIndex(index("people", "name").name("persons_name_index"), "people_name_index")))
        .containsExactly("ALTER INDEX \"persons_name_index\" RENAME TO \"people_name_index\"");
    assertThat(sql(renameIndex(index("people", "name").name("persons_name_index").prefix("foo"), "people_name_index")))
        .containsExactly("ALTER INDEX \"foo\".\"persons_name_index\" RENAME TO \"people_name_index\"");
  }

  // --- constraints ---------------------------------------------------------------------------------

  @Test
  void createCheckAndExclusionConstraints() {
    assertThat(sql(createConstraint(constraint("products", "price_must_be_positive").check("price > 0"))))
        .containsExactly("ALTER TABLE \"products\" ADD CONSTRAINT \"price_must_be_positive\" CHECK (price > 0)");
    assertThat(sql(createConstraint(constraint("products", "price_must_be_positive").check("price > 0").prefix("foo"))))
        .containsExactly("ALTER TABLE \"foo\".\"products\" ADD CONSTRAINT \"price_must_be_positive\" CHECK (price > 0)");
    assertThat(sql(createConstraint(constraint("products", "price_must_be_positive")
        .exclude("gist (int4range(\"from\", \"to\", '[]') WITH &&)"))))
        .containsExactly("ALTER TABLE \"products\" ADD CONSTRAINT \"price_must_be_positive\" EXCLUDE USING gist "
            + "(int4range(\"from\", \"to\", '[]') WITH &&)");
    assertThat(sql(createConstraint(constraint("products", "price_must_be_positive").check("price > 0").prefix("foo")
        .comment("comment"))))
        .containsExactly("ALTER TABLE \"foo\".\"products\" ADD CONSTRAINT \"price_must_be_positive\" CHECK (price > 0)",
            "COMMENT ON CONSTRAINT \"price_must_be_positive\" ON \"foo\".\"products\" IS 'comment'");
    assertThat(sql(createConstraint(constraint("products", "price_must_be_positive").check("price > 0").prefix("foo")
        .validate(false))))
        .containsExactly("ALTER TABLE \"foo\".\"products\" ADD CONSTRAINT \"price_must_be_positive\" CHECK (price > 0) NOT VALID");
  }

  @Test
  void dropAndValidateConstraints() {
    assertThat(sql(dropConstraint(constraint("products", "price_must_be_positive"))))
        .containsExactly("ALTER TABLE \"products\" DROP CONSTRAINT \"price_must_be_positive\"");
    assertThat(sql(dropConstraint(constraint("products", "price_must_be_positive").prefix("foo"))))
        .containsExactly("ALTER TABLE \"foo\".\"products\" DROP CONSTRAINT \"price_must_be_positive\"");
    assertThat(sql(dropConstraintIfExists(constraint("products", "price_must_be_positive"))))
        .containsExactly("ALTER TABLE \"products\" DROP CONSTRAINT IF EXISTS \"price_must_be_positive\"");
    assertThat(sql(dropConstraintIfExists(constraint("products", "price_must_be_positive").prefix("foo"))))
        .containsExactly("ALTER TABLE \"foo\".\"products\" DROP CONSTRAINT IF EXISTS \"price_must_be_positive\"");
    assertThat(sql(validateConstraint(constraint("orders", "total_positive").prefix("foo"))))
        .containsExactly("ALTER TABLE \"foo\".\"orders\" VALIDATE CONSTRAINT \"total_positive\"");
  }
}
