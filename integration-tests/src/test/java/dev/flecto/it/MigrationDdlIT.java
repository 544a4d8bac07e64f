package dev.flecto.it;

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
import static dev.flecto.migration.Migrations.dropIndex;
import static dev.flecto.migration.Migrations.dropIndexIfExists;
import static dev.flecto.migration.Migrations.dropTable;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ConstraintException;
import dev.flecto.DatabaseException;
import dev.flecto.migration.ColumnType;
import dev.flecto.migration.Command;
import dev.flecto.migration.IrreversibleMigrationException;
import dev.flecto.migration.Migration;
import dev.flecto.migration.Reference.OnDelete;
import dev.flecto.migration.Reference.OnUpdate;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import dev.flecto.test.NoSandbox;
import dev.flecto.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL DDL of migration commands, run for real: ecto_sql's migration integration tests
 * ({@code integration_test/sql/migration.exs}) with Flecto's commands, each checked against the
 * database's catalog and by writing rows. The DDL commits, so every table is named {@code mig_*}
 * and dropped after each test.
 */
@FlectoTest
@NoSandbox
class MigrationDdlIT {
  private static final Duration T = Duration.ofSeconds(30);
  private static final String TENANT = "mig_tenant";
  private static final List<String> TABLES = List.of("mig_posts", "mig_refs", "mig_parent1", "mig_parent2",
      "mig_fk_posts", "mig_fk_users", "mig_composite_child", "mig_composite_parent", "mig_nilify_ref", "mig_nilify_parent",
      "mig_products", "mig_modify_posts", "mig_modify_authors", "mig_events", "mig_bookings", "mig_orders",
      "mig_existing", "mig_columns", "mig_renamed", "mig_irreversible");

  private final Repo repo = TestDatabase.get().repo();

  @BeforeEach
  @AfterEach
  void dropWhatTheTestsMake() {
    StringBuilder sql = new StringBuilder("DROP SCHEMA IF EXISTS ").append(TENANT).append(" CASCADE;");
    for (String t : TABLES) {
      sql.append(" DROP TABLE IF EXISTS ").append(t).append(" CASCADE;");
    }
    TestDatabase.get().execute(sql.toString()).block(T);
  }

  // --- helpers -------------------------------------------------------------------------------------

  /** Each command's statements, in order, each on its own (outside any transaction). */
  private void run(List<Command> commands) {
    for (Command command : commands) {
      for (String sql : repo.toSql(command)) {
        repo.query(sql, List.of()).block(T);
      }
    }
  }

  private void run(Command... commands) {
    run(Arrays.asList(commands));
  }

  private static Migration change(Command... commands) {
    List<Command> list = List.of(commands);
    return new Migration() {
      @Override
      public List<Command> change() {
        return list;
      }
    };
  }

  private List<List<Object>> rows(String sql, Object... params) {
    return repo.query(sql, List.of(params)).block(T).rows();
  }

  private Object value(String sql, Object... params) {
    List<List<Object>> rows = rows(sql, params);
    assertThat(rows).as("one row from %s", sql).hasSize(1);
    return rows.get(0).get(0);
  }

  private long count(String sql, Object... params) {
    return ((Number) value(sql, params)).longValue();
  }

  private boolean tableExists(String schema, String table) {
    return count("SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2", schema, table) == 1;
  }

  private boolean tableExists(String table) {
    return tableExists("public", table);
  }

  /** The column's type as information_schema spells it, its nullability and its default. */
  private List<Object> column(String table, String column) {
    List<List<Object>> rows = rows("SELECT data_type::text, is_nullable::text, column_default::text, "
        + "character_maximum_length::int FROM information_schema.columns WHERE table_name = $1 AND column_name = $2", table, column);
    assertThat(rows).as("column %s.%s", table, column).hasSize(1);
    return rows.get(0);
  }

  private List<String> columns(String table) {
    List<String> names = new ArrayList<>();
    for (List<Object> row : rows("SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'public' "
        + "AND table_name = $1 ORDER BY ordinal_position", table)) {
      names.add((String) row.get(0));
    }
    return names;
  }

  private String indexDefinition(String index) {
    List<List<Object>> rows = rows("SELECT indexdef FROM pg_indexes WHERE indexname = $1", index);
    return rows.isEmpty() ? null : (String) rows.get(0).get(0);
  }

  /** Foreign keys of a table: name and definition (pg_get_constraintdef). */
  private Map<String, String> foreignKeys(String table) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (List<Object> row : rows("SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' "
        + "AND conrelid = $1::regclass ORDER BY conname", table)) {
      keys.put((String) row.get(0), (String) row.get(1));
    }
    return keys;
  }

  private long insertDefaultRow(String table) {
    return ((Number) value("INSERT INTO " + table + " DEFAULT VALUES RETURNING id")).longValue();
  }

  // --- tables and indexes, and their reverse ------------------------------------------------------

  @Test
  void createsTablesAndIndexesAndTheReverseDropsThem() {
    Migration migration = change(
        createTable(table("mig_posts").comment("blog posts"),
            add("title", ColumnType.STRING).size(100).notNull().comment("shown in lists"),
            add("views", ColumnType.INTEGER).defaultValue(0),
            add("tags", ColumnType.arrayOf(ColumnType.STRING)).defaultValue(List.of("new")),
            add("settings", ColumnType.MAP).defaultValue(Map.of("draft", true)),
            add("price", ColumnType.DECIMAL).precision(10).scale(2),
            timestamps()),
        createIndex(uniqueIndex("mig_posts", "title")),
        createIndex(index("mig_posts", "lower(title)").name("mig_posts_lower_title_index").comment("for search")));
    run(migration.up());

    assertThat(columns("mig_posts")).containsExactly("id", "title", "views", "tags", "settings", "price", "inserted_at", "updated_at");
    assertThat(column("mig_posts", "id").subList(0, 3)).containsExactly("bigint", "NO", "nextval('mig_posts_id_seq'::regclass)");
    assertThat(column("mig_posts", "title")).containsExactly("character varying", "NO", null, 100);
    assertThat(column("mig_posts", "views").subList(0, 3)).containsExactly("integer", "YES", "0");
    assertThat(column("mig_posts", "settings").get(0)).isEqualTo("jsonb");
    assertThat(column("mig_posts", "inserted_at").subList(0, 2)).containsExactly("timestamp without time zone", "NO");
    assertThat(value("SELECT numeric_precision::int * 100 + numeric_scale::int FROM information_schema.columns "
        + "WHERE table_name = 'mig_posts' AND column_name = 'price'")).isEqualTo(1002);
    assertThat(value("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'mig_posts'::regclass AND contype = 'p'"))
        .isEqualTo("PRIMARY KEY (id)");
    assertThat(value("SELECT obj_description('mig_posts'::regclass, 'pg_class')")).isEqualTo("blog posts");
    assertThat(value("SELECT col_description('mig_posts'::regclass, 2)")).isEqualTo("shown in lists");
    assertThat(indexDefinition("mig_posts_title_index")).isEqualTo("CREATE UNIQUE INDEX mig_posts_title_index ON public.mig_posts "
        + "USING btree (title)");
    assertThat(indexDefinition("mig_posts_lower_title_index")).isEqualTo("CREATE INDEX mig_posts_lower_title_index ON "
        + "public.mig_posts USING btree (lower((title)::text))");
    assertThat(value("SELECT obj_description('mig_posts_lower_title_index'::regclass, 'pg_class')")).isEqualTo("for search");

    // The defaults and the unique index at work.
    rows("INSERT INTO mig_posts (title, inserted_at, updated_at) VALUES ('Hello', now(), now())");
    assertThat(rows("SELECT views, array_to_string(tags, ','), settings::text FROM mig_posts"))
        .containsExactly(List.of(0, "new", "{\"draft\": true}"));
    assertThatThrownBy(() -> rows("INSERT INTO mig_posts (title, inserted_at, updated_at) VALUES ('Hello', now(), now())"))
        .isInstanceOfSatisfying(ConstraintException.class, e -> assertThat(e.constraint()).isEqualTo("mig_posts_title_index"));
    assertThatThrownBy(() -> rows("INSERT INTO mig_posts (title) VALUES ('no timestamps')"))
        .isInstanceOf(ConstraintException.class).hasMessageContaining("not null");

    run(migration.down());
    assertThat(tableExists("mig_posts")).isFalse();
    assertThat(indexDefinition("mig_posts_title_index")).isNull();
    assertThat(indexDefinition("mig_posts_lower_title_index")).isNull();
  }

  @Test
  void ifNotExistsAndIfExistsDoNotFailWhenRepeated() {
    run(createTableIfNotExists(table("mig_existing"), add("name", ColumnType.STRING)),
        createTableIfNotExists(table("mig_existing"), add("name", ColumnType.STRING)),
        createIndexIfNotExists(index("mig_existing", "name")),
        createIndexIfNotExists(index("mig_existing", "name")));
    assertThat(tableExists("mig_existing")).isTrue();
    assertThat(indexDefinition("mig_existing_name_index")).isNotNull();
    assertThatThrownBy(() -> run(createTable(table("mig_existing"))))
        .isInstanceOf(DatabaseException.class).hasMessageContaining("already exists");

    run(dropIndexIfExists(index("mig_existing", "name")), dropIndexIfExists(index("mig_existing", "name")),
        dropTableIfExists(table("mig_existing")), dropTableIfExists(table("mig_existing")));
    assertThat(indexDefinition("mig_existing_name_index")).isNull();
    assertThat(tableExists("mig_existing")).isFalse();
  }

  @Test
  void altersColumnsAndRenamesAndTheReverseUndoesIt() {
    run(createTable(table("mig_columns"), add("value", ColumnType.INTEGER), add("to_be_removed", ColumnType.INTEGER),
        add("from_not_null_to_null", ColumnType.INTEGER).notNull().defaultValue(1),
        add("from_default_to_no_default", ColumnType.INTEGER).defaultValue(0)));
    rows("INSERT INTO mig_columns (value, to_be_removed) VALUES (1, 2)");
    Migration migration = change(
        alterTable(table("mig_columns"),
            add("to_be_added", ColumnType.INTEGER).defaultValue(2),
            remove("to_be_removed", ColumnType.INTEGER),
            modify("from_not_null_to_null", ColumnType.INTEGER).nullable(true)
                .from(add("from_not_null_to_null", ColumnType.INTEGER).notNull()),
            modify("from_default_to_no_default", ColumnType.INTEGER).defaultValue(null)
                .from(add("from_default_to_no_default", ColumnType.INTEGER).defaultValue(0)),
            timestamps().nullable(true)),
        renameColumn(table("mig_columns"), "value", "was_renamed"),
        createIndex(index("mig_columns", "was_renamed").name("mig_columns_old_index")),
        renameIndex(index("mig_columns", "was_renamed").name("mig_columns_old_index"), "mig_columns_new_index"),
        renameTable(table("mig_columns"), "mig_renamed"));
    run(migration.up());

    assertThat(tableExists("mig_columns")).isFalse();
    assertThat(columns("mig_renamed")).containsExactly("id", "was_renamed", "from_not_null_to_null", "from_default_to_no_default",
        "to_be_added", "inserted_at", "updated_at");
    assertThat(rows("SELECT was_renamed, to_be_added FROM mig_renamed")).containsExactly(List.of(1, 2));
    assertThat(column("mig_renamed", "from_not_null_to_null").subList(1, 3)).containsExactly("YES", "1");
    assertThat(column("mig_renamed", "from_default_to_no_default").get(2)).as("SET DEFAULT NULL leaves no default").isNull();
    assertThat(indexDefinition("mig_columns_old_index")).isNull();
    assertThat(indexDefinition("mig_columns_new_index")).contains("ON public.mig_renamed USING btree (was_renamed)");

    run(migration.down());
    assertThat(tableExists("mig_renamed")).isFalse();
    assertThat(columns("mig_columns")).containsExactly("id", "value", "from_not_null_to_null", "from_default_to_no_default",
        "to_be_removed");
    assertThat(rows("SELECT value, to_be_removed FROM mig_columns")).as("a removed column comes back empty")
        .containsExactly(Arrays.asList(1, null));
    assertThat(column("mig_columns", "from_not_null_to_null").get(1)).isEqualTo("NO");
    assertThat(column("mig_columns", "from_default_to_no_default").get(2)).isEqualTo("0");
    assertThat(indexDefinition("mig_columns_new_index")).isNull();
    assertThat(indexDefinition("mig_columns_old_index")).isNull();
  }

  @Test
  void addIfNotExistsAndRemoveIfExistsDoNotFailWhenRepeated() {
    run(createTable(table("mig_columns")));
    run(alterTable(table("mig_columns"), addIfNotExists("value", ColumnType.INTEGER), addIfNotExists("value", ColumnType.INTEGER)));
    assertThat(columns("mig_columns")).containsExactly("id", "value");
    run(alterTable(table("mig_columns"), removeIfExists("value"), removeIfExists("value")));
    assertThat(columns("mig_columns")).containsExactly("id");
  }

  // --- foreign keys --------------------------------------------------------------------------------

  @Test
  void onDeleteSetNullAndCascadeThroughCreateAndAlter() {
    Migration migration = change(
        createTable(table("mig_parent1")),
        createTable(table("mig_parent2")),
        createTable(table("mig_refs"), add("parent1", references("mig_parent1").onDelete(OnDelete.NILIFY_ALL))),
        alterTable(table("mig_refs"), add("parent2", references("mig_parent2").onDelete(OnDelete.DELETE_ALL))));
    run(migration.up());
    assertThat(foreignKeys("mig_refs")).containsExactly(
        Map.entry("mig_refs_parent1_fkey", "FOREIGN KEY (parent1) REFERENCES mig_parent1(id) ON DELETE SET NULL"),
        Map.entry("mig_refs_parent2_fkey", "FOREIGN KEY (parent2) REFERENCES mig_parent2(id) ON DELETE CASCADE"));
    assertThat(column("mig_refs", "parent1").get(0)).isEqualTo("bigint");

    long parent1 = insertDefaultRow("mig_parent1");
    long parent2 = insertDefaultRow("mig_parent2");
    rows("INSERT INTO mig_refs (parent1, parent2) VALUES ($1, $2)", parent1, parent2);
    assertThatThrownBy(() -> rows("INSERT INTO mig_refs (parent1) VALUES ($1)", parent1 + 1000))
        .isInstanceOfSatisfying(ConstraintException.class, e -> assertThat(e.constraint()).isEqualTo("mig_refs_parent1_fkey"));
    rows("DELETE FROM mig_parent1");
    assertThat(rows("SELECT parent1, parent2 FROM mig_refs")).containsExactly(Arrays.asList(null, parent2));
    rows("DELETE FROM mig_parent2");
    assertThat(count("SELECT count(*) FROM mig_refs")).isZero();

    run(migration.down());
    assertThat(tableExists("mig_refs") || tableExists("mig_parent1") || tableExists("mig_parent2")).isFalse();
  }

  @Test
  void modifyingAColumnIntoAReferenceWithOnDeleteAndOnUpdateAndBack() {
    run(createTable(table("mig_fk_users")), createTable(table("mig_fk_posts"), add("user_id", ColumnType.ID)));
    Migration migration = change(alterTable(table("mig_fk_posts"),
        modify("user_id", references("mig_fk_users").onDelete(OnDelete.NILIFY_ALL).onUpdate(OnUpdate.UPDATE_ALL))
            .from(ColumnType.ID)));
    run(migration.up());
    assertThat(foreignKeys("mig_fk_posts")).containsExactly(Map.entry("mig_fk_posts_user_id_fkey",
        "FOREIGN KEY (user_id) REFERENCES mig_fk_users(id) ON UPDATE CASCADE ON DELETE SET NULL"));

    long user = insertDefaultRow("mig_fk_users");
    rows("INSERT INTO mig_fk_posts (user_id) VALUES ($1)", user);
    rows("UPDATE mig_fk_users SET id = 12345");
    assertThat(value("SELECT user_id FROM mig_fk_posts")).as("ON UPDATE CASCADE").isEqualTo(12345L);
    rows("DELETE FROM mig_fk_users");
    assertThat(value("SELECT user_id FROM mig_fk_posts")).as("ON DELETE SET NULL").isNull();

    // A reference's on_delete changed (Ecto's modify ..., references(...), from: references(...)):
    // the old constraint dropped and the new one added in one ALTER TABLE.
    Migration cascade = change(alterTable(table("mig_fk_posts"),
        modify("user_id", references("mig_fk_users").onDelete(OnDelete.DELETE_ALL))
            .from(add("user_id", references("mig_fk_users").onDelete(OnDelete.NILIFY_ALL).onUpdate(OnUpdate.UPDATE_ALL)))));
    run(cascade.up());
    assertThat(foreignKeys("mig_fk_posts")).containsExactly(Map.entry("mig_fk_posts_user_id_fkey",
        "FOREIGN KEY (user_id) REFERENCES mig_fk_users(id) ON DELETE CASCADE"));
    long doomed = insertDefaultRow("mig_fk_users");
    rows("INSERT INTO mig_fk_posts (user_id) VALUES ($1)", doomed);
    rows("DELETE FROM mig_fk_users");
    assertThat(rows("SELECT user_id FROM mig_fk_posts")).as("ON DELETE CASCADE took the post, not the orphan")
        .containsExactly(Arrays.asList((Object) null));
    run(cascade.down());
    assertThat(foreignKeys("mig_fk_posts")).containsExactly(Map.entry("mig_fk_posts_user_id_fkey",
        "FOREIGN KEY (user_id) REFERENCES mig_fk_users(id) ON UPDATE CASCADE ON DELETE SET NULL"));

    run(migration.down());
    assertThat(foreignKeys("mig_fk_posts")).as("the reverse drops the foreign key").isEmpty();
    rows("INSERT INTO mig_fk_posts (user_id) VALUES (999)"); // no key to break any more
    assertThat(count("SELECT count(*) FROM mig_fk_posts")).isEqualTo(2);
  }

  @Test
  void compositeForeignKeysWithWith() {
    Migration migration = change(
        createTable(table("mig_composite_parent"), add("key_id", ColumnType.INTEGER)),
        createIndex(uniqueIndex("mig_composite_parent", "id", "key_id")),
        createTable(table("mig_composite_child"), add("parent_key_id", ColumnType.INTEGER),
            add("parent_id", references("mig_composite_parent").with(Map.of("parent_key_id", "key_id")))));
    run(migration.up());
    assertThat(foreignKeys("mig_composite_child")).containsExactly(Map.entry("mig_composite_child_parent_id_fkey",
        "FOREIGN KEY (parent_id, parent_key_id) REFERENCES mig_composite_parent(id, key_id)"));

    long parent = ((Number) value("INSERT INTO mig_composite_parent (key_id) VALUES (2) RETURNING id")).longValue();
    assertThatThrownBy(() -> rows("INSERT INTO mig_composite_child (parent_id, parent_key_id) VALUES ($1, 1)", parent))
        .isInstanceOf(ConstraintException.class).hasMessageContaining("foreign key");
    rows("INSERT INTO mig_composite_child (parent_id, parent_key_id) VALUES ($1, 2)", parent);
    assertThat(count("SELECT count(*) FROM mig_composite_child")).isEqualTo(1);

    run(migration.down());
    assertThat(tableExists("mig_composite_child") || tableExists("mig_composite_parent")).isFalse();
  }

  @Test
  void onDeleteNilifiesOnlyTheListedColumns() {
    Map<String, String> with = new LinkedHashMap<>();
    with.put("col1", "col1");
    with.put("col2", "col2");
    run(createTable(table("mig_nilify_parent"), add("col1", ColumnType.INTEGER), add("col2", ColumnType.INTEGER)),
        createIndex(uniqueIndex("mig_nilify_parent", "id", "col1", "col2")),
        createTable(table("mig_nilify_ref"), add("col1", ColumnType.INTEGER), add("col2", ColumnType.INTEGER),
            add("parent_id", references("mig_nilify_parent").with(with).onDeleteNilify("parent_id", "col2"))));
    long parent = ((Number) value("INSERT INTO mig_nilify_parent (col1, col2) VALUES (1, 2) RETURNING id")).longValue();
    rows("INSERT INTO mig_nilify_ref (parent_id, col1, col2) VALUES ($1, 1, 2)", parent);
    rows("DELETE FROM mig_nilify_parent");
    assertThat(rows("SELECT parent_id, col1, col2 FROM mig_nilify_ref")).containsExactly(Arrays.asList(null, 1, null));
  }

  @Test
  void reversibleModifyFromChangesTypesAndNullabilityAndBack() {
    run(createTable(table("mig_modify_authors").noPrimaryKey(), add("id", ColumnType.INTEGER).primaryKey()),
        createTable(table("mig_modify_posts"), add("value", ColumnType.INTEGER), add("nullable", ColumnType.INTEGER).notNull(),
            add("title", ColumnType.STRING).size(20),
            add("author_id", references("mig_modify_authors").type(ColumnType.INTEGER))));
    rows("INSERT INTO mig_modify_authors (id) VALUES (1)");
    rows("INSERT INTO mig_modify_posts (value, nullable, title, author_id) VALUES (1, 1, 'short', 1)");
    Migration migration = change(
        alterTable(table("mig_modify_posts"),
            modify("value", ColumnType.BIGINT).from(ColumnType.INTEGER),
            modify("nullable", ColumnType.BIGINT).nullable(true).from(add("nullable", ColumnType.INTEGER).notNull()),
            modify("title", ColumnType.TEXT).from(add("title", ColumnType.STRING).size(20)),
            // drops mig_modify_posts_author_id_fkey, so the key it references can change type
            modify("author_id", ColumnType.INTEGER).from(add("author_id", references("mig_modify_authors").type(ColumnType.INTEGER)))),
        alterTable(table("mig_modify_authors"), modify("id", ColumnType.BIGINT).from(ColumnType.INTEGER)),
        alterTable(table("mig_modify_posts"),
            modify("author_id", references("mig_modify_authors").type(ColumnType.BIGINT)).from(ColumnType.INTEGER)));
    run(migration.up());
    assertThat(column("mig_modify_posts", "value").get(0)).isEqualTo("bigint");
    assertThat(column("mig_modify_posts", "nullable").subList(0, 2)).containsExactly("bigint", "YES");
    assertThat(column("mig_modify_posts", "title").get(0)).isEqualTo("text");
    assertThat(column("mig_modify_posts", "author_id").get(0)).isEqualTo("bigint");
    assertThat(column("mig_modify_authors", "id").get(0)).isEqualTo("bigint");
    assertThat(foreignKeys("mig_modify_posts")).containsExactly(Map.entry("mig_modify_posts_author_id_fkey",
        "FOREIGN KEY (author_id) REFERENCES mig_modify_authors(id)"));
    assertThat(rows("SELECT value, nullable, title, author_id FROM mig_modify_posts")).containsExactly(List.of(1L, 1L, "short", 1L));

    run(migration.down());
    assertThat(column("mig_modify_posts", "value").get(0)).isEqualTo("integer");
    assertThat(column("mig_modify_posts", "nullable").subList(0, 2)).containsExactly("integer", "NO");
    assertThat(column("mig_modify_posts", "title")).containsExactly("character varying", "YES", null, 20);
    assertThat(column("mig_modify_posts", "author_id").get(0)).isEqualTo("integer");
    assertThat(column("mig_modify_authors", "id").get(0)).isEqualTo("integer");
    assertThat(foreignKeys("mig_modify_posts")).containsExactly(Map.entry("mig_modify_posts_author_id_fkey",
        "FOREIGN KEY (author_id) REFERENCES mig_modify_authors(id)"));
    assertThat(rows("SELECT value, nullable, title, author_id FROM mig_modify_posts")).containsExactly(List.of(1, 1, "short", 1));
  }

  // --- prefixes ------------------------------------------------------------------------------------

  @Test
  void tablesInAPrefixWithForeignKeysBetweenThem() {
    Migration migration = change(
        createPrefix(TENANT),
        createTable(table("mig_first").prefix(TENANT)),
        createTable(table("mig_second").prefix(TENANT), add("first_id", references("mig_first"))),
        createIndex(index("mig_second", "first_id").prefix(TENANT)));
    run(migration.up());
    assertThat(tableExists(TENANT, "mig_first")).isTrue();
    assertThat(tableExists(TENANT, "mig_second")).isTrue();
    assertThat(tableExists("mig_second")).as("not in public").isFalse();
    assertThat(value("SELECT schemaname::text FROM pg_indexes WHERE indexname = 'mig_second_first_id_index'")).isEqualTo(TENANT);
    assertThat(value("SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = 'mig_second_first_id_fkey'"))
        .isEqualTo(TENANT + ".mig_first");

    long first = insertDefaultRow(TENANT + ".mig_first");
    rows("INSERT INTO " + TENANT + ".mig_second (first_id) VALUES ($1)", first);
    assertThatThrownBy(() -> rows("INSERT INTO " + TENANT + ".mig_second (first_id) VALUES ($1)", first + 1))
        .isInstanceOfSatisfying(ConstraintException.class, e -> assertThat(e.constraint()).isEqualTo("mig_second_first_id_fkey"));

    rows("DELETE FROM " + TENANT + ".mig_second");
    run(migration.down());
    assertThat(count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = $1", TENANT)).isZero();
  }

  // --- CONCURRENTLY ----------------------------------------------------------------------------------

  @Test
  void createIndexConcurrentlyRunsOutsideATransactionAndIsRefusedInside() {
    run(createTable(table("mig_events"), add("taken_at", ColumnType.UTC_DATETIME), add("kind", ColumnType.STRING)));
    Command concurrent = createIndex(index("mig_events", "taken_at").concurrently());
    List<String> statements = repo.toSql(concurrent);
    assertThat(statements).containsExactly("CREATE INDEX CONCURRENTLY \"mig_events_taken_at_index\" ON \"mig_events\" (\"taken_at\")");

    run(concurrent);
    assertThat(value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'mig_events_taken_at_index'::regclass")).isEqualTo(true);

    Command inside = createIndex(index("mig_events", "kind").concurrently());
    assertThatThrownBy(() -> repo.transact(() -> repo.query(repo.toSql(inside).get(0), List.of())).block(T))
        .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.sqlState()).isEqualTo("25001"))
        .hasMessageContaining("cannot run inside a transaction block");
    assertThat(indexDefinition("mig_events_kind_index")).isNull();

    run(dropIndex(index("mig_events", "taken_at").concurrently()));
    assertThat(indexDefinition("mig_events_taken_at_index")).isNull();
  }

  // --- check and exclusion constraints ---------------------------------------------------------------

  @Test
  void checkConstraintsWithCommentAndTheirReverse() {
    run(createTable(table("mig_products"), add("price", ColumnType.INTEGER)));
    Migration migration = change(createConstraint(constraint("mig_products", "mig_price_must_be_positive").check("price > 0")
        .comment("no free lunch")));
    run(migration.up());
    assertThat(value("SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'mig_price_must_be_positive'"))
        .isEqualTo("no free lunch");
    assertThatThrownBy(() -> rows("INSERT INTO mig_products (price) VALUES (-1)"))
        .isInstanceOfSatisfying(ConstraintException.class, e -> assertThat(e.constraint()).isEqualTo("mig_price_must_be_positive"));
    rows("INSERT INTO mig_products (price) VALUES (10)");

    run(migration.down());
    rows("INSERT INTO mig_products (price) VALUES (-1)");
    assertThat(count("SELECT count(*) FROM mig_products")).isEqualTo(2);
  }

  @Test
  void aNotValidConstraintSkipsExistingRowsUntilValidated() {
    run(createTable(table("mig_orders"), add("total", ColumnType.INTEGER)));
    rows("INSERT INTO mig_orders (total) VALUES (0)");
    assertThatThrownBy(() -> run(createConstraint(constraint("mig_orders", "mig_total_positive").check("total > 0"))))
        .as("validated at once, the existing row fails it").isInstanceOf(ConstraintException.class);
    run(createConstraint(constraint("mig_orders", "mig_total_positive").check("total > 0").validate(false)));
    assertThat(value("SELECT convalidated FROM pg_constraint WHERE conname = 'mig_total_positive'")).isEqualTo(false);
    assertThatThrownBy(() -> rows("INSERT INTO mig_orders (total) VALUES (0)")).as("new rows are checked")
        .isInstanceOf(ConstraintException.class);
    assertThatThrownBy(() -> run(validateConstraint(constraint("mig_orders", "mig_total_positive"))))
        .isInstanceOf(ConstraintException.class);
    rows("UPDATE mig_orders SET total = 1");
    run(validateConstraint(constraint("mig_orders", "mig_total_positive")));
    assertThat(value("SELECT convalidated FROM pg_constraint WHERE conname = 'mig_total_positive'")).isEqualTo(true);
    run(dropConstraint(constraint("mig_orders", "mig_total_positive")));
    assertThat(count("SELECT count(*) FROM pg_constraint WHERE conname = 'mig_total_positive'")).isZero();
  }

  @Test
  void exclusionConstraintsRefuseOverlaps() {
    run(createTable(table("mig_bookings"), add("during", ColumnType.raw("tsrange")).notNull()));
    Migration migration = change(createConstraint(constraint("mig_bookings", "mig_no_overlap").exclude("gist (during WITH &&)")));
    run(migration.up());
    assertThat(value("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'mig_no_overlap'"))
        .isEqualTo("EXCLUDE USING gist (during WITH &&)");
    rows("INSERT INTO mig_bookings (during) VALUES ('[2025-01-01 10:00, 2025-01-01 12:00)')");
    rows("INSERT INTO mig_bookings (during) VALUES ('[2025-01-01 12:00, 2025-01-01 13:00)')");
    assertThatThrownBy(() -> rows("INSERT INTO mig_bookings (during) VALUES ('[2025-01-01 11:00, 2025-01-01 11:30)')"))
        .isInstanceOfSatisfying(ConstraintException.class, e -> assertThat(e.constraint()).isEqualTo("mig_no_overlap"))
        .hasMessageContaining("exclusion");

    run(migration.down());
    rows("INSERT INTO mig_bookings (during) VALUES ('[2025-01-01 11:00, 2025-01-01 11:30)')");
    assertThat(count("SELECT count(*) FROM mig_bookings")).isEqualTo(3);
  }

  // --- irreversible ------------------------------------------------------------------------------------

  @Test
  void irreversibleCommandsMakeDownFailNamingTheCommandBeforeAnythingRuns() {
    run(createTable(table("mig_irreversible"), add("legacy", ColumnType.INTEGER), add("kept", ColumnType.INTEGER)));
    Map<Command, String> irreversible = new LinkedHashMap<>();
    irreversible.put(dropTable(table("mig_other")), "drop table");
    irreversible.put(execute("UPDATE mig_irreversible SET kept = 1"), "execute \"UPDATE mig_irreversible SET kept = 1\"");
    irreversible.put(alterTable(table("mig_irreversible"), remove("legacy")), "remove legacy");
    irreversible.put(alterTable(table("mig_irreversible"), modify("kept", ColumnType.BIGINT)), "modify kept");
    irreversible.put(alterTable(table("mig_irreversible"), addIfNotExists("extra", ColumnType.TEXT)), "add_if_not_exists");
    irreversible.put(alterTable(table("mig_irreversible"), removeIfExists("legacy")), "remove_if_exists legacy");
    irreversible.put(dropConstraint(constraint("mig_irreversible", "some_check")), "drop constraint");
    for (Map.Entry<Command, String> e : irreversible.entrySet()) {
      // A reversible command first: nothing may run before the irreversible one is found.
      Migration migration = change(createIndex(index("mig_irreversible", "kept")), e.getKey());
      assertThatThrownBy(migration::down).isInstanceOf(IrreversibleMigrationException.class)
          .hasMessageContaining("cannot reverse migration command").hasMessageContaining(e.getValue());
    }
    assertThat(columns("mig_irreversible")).containsExactly("id", "legacy", "kept");
    assertThat(indexDefinition("mig_irreversible_kept_index")).isNull();

    // The same migration written with up() and down() rolls back.
    Migration explicit = new Migration() {
      @Override
      public List<Command> up() {
        return List.of(alterTable(table("mig_irreversible"), remove("legacy")));
      }

      @Override
      public List<Command> down() {
        return List.of(alterTable(table("mig_irreversible"), add("legacy", ColumnType.INTEGER)));
      }
    };
    run(explicit.up());
    assertThat(columns("mig_irreversible")).containsExactly("id", "kept");
    run(explicit.down());
    assertThat(columns("mig_irreversible")).containsExactly("id", "kept", "legacy");
  }
}
