package dev.flecto.cli;

import dev.flecto.migration.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * What {@code flecto new} writes (Ecto's {@code mix ecto.gen.migration}): a class
 * {@code V<yyyyMMddHHmmss>_<CamelName>} (the UTC time) in the package's directory, with an empty
 * {@code change()}. A name is given in snake case or camel case ({@code add_posts_table} or
 * {@code AddPostsTable}); one already used by a migration of the directory is refused, as Ecto
 * refuses it, and so is a version already used.
 */
final class MigrationGenerator {
  static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern MIGRATION_FILE = Pattern.compile("V(\\d+)_(\\w+)\\.java");

  private MigrationGenerator() {}

  /** The generated file, and the directory made for it, if any. */
  record Generated(Path file, Path createdDirectory, String className, long version, String name) {}

  /**
   * Whether NAME can name a migration: a letter, then letters, digits and underscores.
   *
   * @param name the name given
   * @return true when valid
   */
  static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * {@code add_posts_table} → {@code AddPostsTable} (Elixir's {@code Macro.camelize}); a camel-case
   * name stays as it is, its first letter made upper case.
   *
   * @param name a valid name
   * @return the class name's part after the version
   */
  static String camelize(String name) {
    StringBuilder camel = new StringBuilder(name.length());
    for (String part : name.split("_")) {
      if (!part.isEmpty()) {
        camel.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
      }
    }
    return camel.toString();
  }

  /**
   * The migration's name, as the migrator knows it: the camel name in snake case.
   *
   * @param name a valid name, in snake or camel case
   * @return {@code add_posts_table}
   */
  static String snakeName(String name) {
    return Migrations.snakeCase(camelize(name));
  }

  /**
   * Writes the migration.
   *
   * @param sourceRoot the source directory ({@code src/main/java})
   * @param packageName the migrations' package
   * @param name the migration's name
   * @param now the time of its version
   * @return what was written
   * @throws IllegalArgumentException for an invalid name or package
   * @throws CliFailure when a migration of the directory has the name, or the version
   */
  static Generated generate(Path sourceRoot, String packageName, String name, Instant now) {
    if (!validName(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a valid migration name: use letters, digits and "
          + "underscores, starting with a letter, in snake case (add_posts_table) or camel case (AddPostsTable)");
    }
    if (packageName == null || !SourceVersion.isName(packageName)) {
      throw new IllegalArgumentException("'" + packageName + "' is not a Java package name");
    }
    String camel = camelize(name);
    String snake = Migrations.snakeCase(camel);
    String version = VERSION.format(now);
    String className = "V" + version + "_" + camel;
    Path directory = sourceRoot.resolve(packageName.replace('.', '/'));
    Path file = directory.resolve(className + ".java");
    try {
      Path created = null;
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory);
        created = directory;
      } else {
        refuseClashes(directory, name, snake, version);
      }
      Files.writeString(file, source(packageName, className, snake, now), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      return new Generated(file, created, className, Long.parseLong(version), snake);
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure("migration can't be created, file " + file + " already exists.");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void refuseClashes(Path directory, String name, String snake, String version) throws IOException {
    List<String> sameVersion = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "V*.java")) {
      for (Path existing : files) {
        Matcher m = MIGRATION_FILE.matcher(existing.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        if (Migrations.snakeCase(camelize(m.group(2))).equals(snake)) {
          // Ecto's words (mix ecto.gen.migration), with the file that has the name.
          throw new CliFailure("migration can't be created, there is already a migration file with name " + name
              + ": " + existing);
        }
        if (m.group(1).equals(version)) {
          sameVersion.add(existing.toString());
        }
      }
    }
    if (!sameVersion.isEmpty()) {
      throw new CliFailure("migration can't be created, version " + version + " is already used by "
          + String.join(", ", sameVersion) + "; wait a second and run it again.");
    }
  }

  /**
   * The class: {@code change()} returning {@code List.of()}, with a comment saying what goes there.
   *
   * @param packageName the package
   * @param className {@code V<version>_<CamelName>}
   * @param snake the migration's name
   * @param now its time
   * @return the Java source
   */
  static String source(String packageName, String className, String snake, Instant now) {
    return """
        package %1$s;

        import static dev.flecto.migration.Migrations.*;

        import dev.flecto.migration.ColumnType;
        import dev.flecto.migration.Command;
        import dev.flecto.migration.Migration;
        import java.util.List;

        /** Migration %2$s, generated by flecto new at %3$s. */
        public final class %4$s implements Migration {
          @Override
          public List<Command> change() {
            // The commands, run in order by flecto migrate and inverted, last first, by flecto rollback. For example:
            //   createTable(table("posts"), add("title", ColumnType.STRING).notNull(), timestamps()),
            //   createIndex(index("posts", "title"))
            // For a change that cannot be inverted, override up() and down() instead of change().
            return List.of();
          }
        }
        """.formatted(packageName, snake, DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), className);
  }
}
