package dev.flecto.examples.webflux.migrations;

import static dev.flecto.migration.Migrations.add;
import static dev.flecto.migration.Migrations.createIndex;
import static dev.flecto.migration.Migrations.createTable;
import static dev.flecto.migration.Migrations.index;
import static dev.flecto.migration.Migrations.references;
import static dev.flecto.migration.Migrations.table;
import static dev.flecto.migration.Migrations.timestamps;
import static dev.flecto.migration.Migrations.uniqueIndex;

import dev.flecto.migration.ColumnType;
import dev.flecto.migration.Command;
import dev.flecto.migration.Migration;
import dev.flecto.migration.Timestamps;
import java.util.List;

/**
 * The blog's tables, run by the starter at startup ({@code flecto.migrations.packages} in
 * {@code application.properties}). The names follow Ecto's conventions, so the changesets declare
 * their constraints without naming them: {@code blog_authors_email_index} for
 * {@code uniqueConstraint("email")}, {@code blog_posts_author_id_fkey} for
 * {@code foreignKeyConstraint("authorId")}.
 *
 * <pre>{@code Migrator.of(repo).up(Migrations.of(V20250301090000_CreateBlog.class)).block(); }</pre>
 */
public final class V20250301090000_CreateBlog implements Migration {
  // The records' timestamps are Instants: timestamptz, filled by the database when not given.
  private static final Timestamps STAMPS = timestamps().type(ColumnType.raw("timestamptz")).defaultFragment("now()");

  @Override
  public List<Command> change() {
    return List.of(
        createTable(table("blog_authors"),
            add("name", ColumnType.TEXT).notNull(),
            add("email", ColumnType.TEXT).notNull(),
            STAMPS),
        createIndex(uniqueIndex("blog_authors", "email")),
        createTable(table("blog_posts"),
            add("author_id", references("blog_authors")).notNull(),
            add("title", ColumnType.TEXT).notNull(),
            add("body", ColumnType.TEXT).notNull(),
            add("published_at", ColumnType.raw("timestamptz")),
            STAMPS),
        createIndex(index("blog_posts", "author_id")),
        createTable(table("blog_comments"),
            add("post_id", references("blog_posts")).notNull(),
            add("author_id", references("blog_authors")).notNull(),
            add("body", ColumnType.TEXT).notNull(),
            STAMPS),
        createIndex(index("blog_comments", "post_id")));
  }
}
