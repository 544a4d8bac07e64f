package dev.flecto.migration;

import static dev.flecto.migration.Migrations.add;
import static dev.flecto.migration.Migrations.alterTable;
import static dev.flecto.migration.Migrations.createIndex;
import static dev.flecto.migration.Migrations.createTable;
import static dev.flecto.migration.Migrations.execute;
import static dev.flecto.migration.Migrations.index;
import static dev.flecto.migration.Migrations.modify;
import static dev.flecto.migration.Migrations.references;
import static dev.flecto.migration.Migrations.remove;
import static dev.flecto.migration.Migrations.table;
import static dev.flecto.migration.Migrations.timestamps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The DSL's values and Ecto's reversal rules, without a database. */
class MigrationDslTest {
  private static Migration change(Command... commands) {
    return new Migration() {
      @Override
      public List<Command> change() {
        return List.of(commands);
      }
    };
  }

  @Test
  void buildingStepsReturnNewValues() {
    Column title = add("title", ColumnType.STRING);
    Column sized = title.size(100).notNull();
    assertThat(title.size()).isNull();
    assertThat(title.nullable()).isNull();
    assertThat(sized.size()).isEqualTo(100);
    assertThat(sized.nullable()).isFalse();
    assertThat(index("posts", "author_id", "lower(title)").name()).as("Ecto's default name")
        .isEqualTo("posts_author_id_lower_title_index");
    assertThat(timestamps().columns()).extracting(Column::name).containsExactly("inserted_at", "updated_at");
    assertThat(timestamps().columns().get(0).nullable()).isFalse();
  }

  @Test
  void aChangeMigrationRunsBackwardsInvertedLastFirst() {
    Migration m = change(
        createTable(table("posts"), add("title", ColumnType.STRING), timestamps()),
        createIndex(index("posts", "title")),
        alterTable(table("posts"), add("summary", ColumnType.TEXT), modify("title", ColumnType.TEXT).from(ColumnType.STRING)));
    List<Command> down = m.down();
    assertThat(down).hasSize(3);
    Command.AlterTable alter = (Command.AlterTable) down.get(0);
    Column back = (Column) alter.changes().get(0);
    assertThat(back.kind()).isEqualTo(Column.Kind.MODIFY);
    assertThat(back.type()).isEqualTo(ColumnType.STRING);
    assertThat(back.from().type()).as("reversible again").isEqualTo(ColumnType.TEXT);
    assertThat(alter.changes().get(1)).isEqualTo(new TableChange.Remove("summary", add("summary", ColumnType.TEXT), false));
    assertThat(down.get(1)).isEqualTo(new Command.DropIndex(index("posts", "title"), false, false));
    assertThat(down.get(2)).isEqualTo(new Command.DropTable(table("posts"), false, false));
  }

  @Test
  void removeWithItsTypeAndTimestampsInAnAlterAreReversible() {
    Migration m = change(alterTable(table("posts"), remove("legacy", ColumnType.INTEGER), timestamps()));
    Command.AlterTable back = (Command.AlterTable) m.down().get(0);
    assertThat(back.changes()).hasSize(3);
    assertThat(back.changes().get(2)).isEqualTo(add("legacy", ColumnType.INTEGER));
    assertThat(back.changes().get(0)).isInstanceOf(TableChange.Remove.class);
  }

  @Test
  void irreversibleCommandsFailTheWholeDownNamingTheCommand() {
    assertThatThrownBy(() -> change(createIndex(index("a", "b")), execute("UPDATE posts SET x = 1")).down())
        .isInstanceOf(IrreversibleMigrationException.class)
        .hasMessageContaining("cannot reverse migration command: execute \"UPDATE posts SET x = 1\"");
    assertThatThrownBy(() -> change(alterTable(table("posts"), remove("legacy"))).down())
        .hasMessageContaining("remove without the column's type");
    assertThatThrownBy(() -> change(alterTable(table("posts"), modify("title", ColumnType.TEXT))).down())
        .hasMessageContaining("modify without from");
    assertThatThrownBy(() -> change(Migrations.dropTable(table("posts"))).down())
        .isInstanceOf(IrreversibleMigrationException.class);
    assertThatThrownBy(() -> new Migration() {
      @Override
      public List<Command> up() {
        return List.of();
      }
    }.down()).isInstanceOf(IrreversibleMigrationException.class).hasMessageContaining("defines up() but neither");
  }

  @Test
  void badDefinitionsAreRefusedWhenBuilt() {
    assertThatThrownBy(() -> createTable(table("posts"), modify("title", ColumnType.TEXT)))
        .isInstanceOf(MigrationException.class).hasMessageContaining("column title is a MODIFY");
    assertThatThrownBy(() -> Migrations.createConstraint(Migrations.constraint("products", "price")))
        .hasMessageContaining("needs check(...) or exclude(...)");
    assertThatThrownBy(() -> alterTable(table("posts"))).hasMessageContaining("needs at least one change");
    assertThat(add("post_id", references("posts")).reference().type()).isEqualTo(ColumnType.BIGSERIAL);
    // Every refusal is a FlectoException (MigrationException) naming the part at fault.
    assertThatThrownBy(() -> add("title", (ColumnType) null)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("type of column title must not be null");
    assertThatThrownBy(() -> index("posts")).isInstanceOf(MigrationException.class).hasMessageContaining("at least one column");
    assertThatThrownBy(() -> Migrations.of(0, "zero", new Migration() {})).isInstanceOf(MigrationException.class)
        .hasMessageContaining("version must be positive");
    assertThatThrownBy(() -> Target.step(-1)).isInstanceOf(MigrationException.class);
  }

  static final class V20250101120000_CreatePosts implements Migration {
    @Override
    public List<Command> change() {
      return List.of(createTable(table("posts"), add("title", ColumnType.STRING)));
    }
  }

  static final class NotVersioned implements Migration {}

  @Test
  void migrationsFromClassesTakeVersionAndNameFromTheClassName() {
    List<VersionedMigration> all = Migrations.of(V20250101120000_CreatePosts.class);
    assertThat(all).singleElement().satisfies(m -> {
      assertThat(m.version()).isEqualTo(20250101120000L);
      assertThat(m.name()).isEqualTo("create_posts");
    });
    assertThatThrownBy(() -> Migrations.of(NotVersioned.class)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("is not named V<version>_<Name>");
    assertThat(Migrations.snakeCase("AddHTTPSToPosts")).isEqualTo("add_https_to_posts");
  }
}
