package dev.flecto.changeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.schema.Column;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * unique_constraint, foreign_key_constraint, assoc_constraint, no_assoc_constraint,
 * check_constraint, exclusion_constraint and constraints/1: default names, options, matching, and
 * the error a violation becomes.
 */
class ConstraintsTest {
  @Schema("users")
  public record User(@Id Long id, String email, Long companyId, @Column("nick") String username, Integer age) {}

  @Schema("comments")
  public record Comment(@Id Long id, String body, Long postId) {}

  @Schema("posts")
  public record Post(@Id Long id, String title) {}

  @Schema("blog_posts")
  public record BlogPost(@Id Long id, String title) {}

  @Schema("bookings")
  public record Booking(@Id Long id, String room, String during) {}

  private static final User USER = new User(null, null, null, null, null);
  private static final Comment COMMENT = new Comment(null, null, null);
  private static final Post POST = new Post(1L, "Hello");

  private static Constraint only(Changeset<?> cs) {
    assertThat(cs.constraints()).hasSize(1);
    return cs.constraints().get(0);
  }

  // ---------------------------------------------------------------- default names and messages

  @Test
  void uniqueConstraintIsNamedAfterTheTableAndColumn() {
    assertThat(only(Changeset.change(USER).uniqueConstraint("email"))).isEqualTo(new Constraint(Constraint.Type.UNIQUE,
        "users_email_index", Constraint.Match.EXACT, "email", "has already been taken", "unique"));
    assertThat(only(Changeset.change(USER).uniqueConstraint("username")).name())
        .as("the column name, not the component name").isEqualTo("users_nick_index");
  }

  @Test
  void uniqueConstraintOverSeveralFieldsNamesEveryColumnAndErrsOnTheFirstField() {
    // create unique_index(:users, [:email, :company_id]); unique_constraint([:email, :company_id])
    Constraint c = only(Changeset.change(USER).uniqueConstraint(List.of("email", "companyId"), ConstraintOptions.defaults()));

    assertThat(c.name()).isEqualTo("users_email_company_id_index");
    assertThat(c.field()).isEqualTo("email");
    assertThat(c.message()).isEqualTo("has already been taken");
  }

  @Test
  void uniqueConstraintErrorKeyChoosesTheField() {
    Constraint c = only(Changeset.change(USER).uniqueConstraint(List.of("email", "companyId"),
        ConstraintOptions.defaults().errorKey("companyId")));

    assertThat(c.field()).isEqualTo("companyId");
    assertThat(c.name()).isEqualTo("users_email_company_id_index");
  }

  @Test
  void foreignKeyConstraintIsNamedTableColumnFkey() {
    // "By default, Ecto will generate a foreign key constraint with name "comments_post_id_fkey""
    assertThat(only(Changeset.change(COMMENT).foreignKeyConstraint("postId"))).isEqualTo(new Constraint(
        Constraint.Type.FOREIGN_KEY, "comments_post_id_fkey", Constraint.Match.EXACT, "postId", "does not exist",
        "foreign"));
  }

  @Test
  void assocConstraintUsesTheForeignKeyOfTheAssociationAndErrsOnTheAssociation() {
    assertThat(only(Changeset.change(COMMENT).assocConstraint("post"))).isEqualTo(new Constraint(
        Constraint.Type.FOREIGN_KEY, "comments_post_id_fkey", Constraint.Match.EXACT, "post", "does not exist", "assoc"));
    assertThatThrownBy(() -> Changeset.change(COMMENT).assocConstraint("author"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("authorId");
    assertThat(only(Changeset.change(COMMENT).assocConstraint("author", ConstraintOptions.named("comments_author_fk")))
        .name()).isEqualTo("comments_author_fk");
  }

  @Test
  void noAssocConstraintUsesTheChildrensForeignKey() {
    // post |> change() |> no_assoc_constraint(:comments) -- references(:posts) on comments.post_id
    assertThat(only(Changeset.change(POST).noAssocConstraint("comments"))).isEqualTo(new Constraint(
        Constraint.Type.FOREIGN_KEY, "comments_post_id_fkey", Constraint.Match.EXACT, "comments",
        "are still associated with this entry", "no_assoc"));
    assertThat(only(Changeset.change(new BlogPost(1L, "x")).noAssocConstraint("comments")).name())
        .isEqualTo("comments_blog_post_id_fkey");
    assertThat(only(Changeset.change(POST).noAssocConstraint("cover",
        ConstraintOptions.named("covers_post_id_fkey").message("is still associated with this entry"))).message())
        .as("the has_one message").isEqualTo("is still associated with this entry");
  }

  @Schema("articles")
  public record Article(@Id Long id, Long writerId,
      @dev.flecto.schema.BelongsTo(foreignKey = "writerId") dev.flecto.schema.Assoc<Post> writer,
      @dev.flecto.schema.HasMany(foreignKey = "articleRef") dev.flecto.schema.Assoc<List<Note>> notes,
      @dev.flecto.schema.HasOne(foreignKey = "articleRef") dev.flecto.schema.Assoc<Note> cover,
      @dev.flecto.schema.ManyToMany(joinTable = "articles_labels") dev.flecto.schema.Assoc<List<Post>> labels) {}

  @Schema("notes")
  public record Note(@Id Long id, @Column("article_fk") Long articleRef) {}

  @Test
  void declaredAssociationsGiveTheKeysAndMessages() {
    assertThat(only(Changeset.change(new Article(1L, 2L, null, null, null, null)).assocConstraint("writer")).name())
        .as("the declared foreign key, not writer + Id by name alone").isEqualTo("articles_writer_id_fkey");
    assertThat(only(Changeset.change(new Article(1L, 2L, null, null, null, null)).noAssocConstraint("notes")))
        .isEqualTo(new Constraint(Constraint.Type.FOREIGN_KEY, "notes_article_fk_fkey", Constraint.Match.EXACT, "notes",
            "are still associated with this entry", "no_assoc"));
    assertThat(only(Changeset.change(new Article(1L, 2L, null, null, null, null)).noAssocConstraint("cover")).message())
        .isEqualTo("is still associated with this entry");
    assertThat(only(Changeset.change(new Article(1L, 2L, null, null, null, null)).noAssocConstraint("labels")).name())
        .isEqualTo("articles_labels_article_id_fkey");
    assertThatThrownBy(() -> Changeset.change(new Article(1L, 2L, null, null, null, null)).assocConstraint("notes"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("applies to belongs-to associations");
    assertThatThrownBy(() -> Changeset.change(new Article(1L, 2L, null, null, null, null)).noAssocConstraint("writer"))
        .hasMessageContaining("use assocConstraint");
  }

  @Test
  void exclusionConstraintIsNamedTableColumnExclusion() {
    assertThat(only(Changeset.change(new Booking(null, "A", null)).exclusionConstraint("during"))).isEqualTo(
        new Constraint(Constraint.Type.EXCLUSION, "bookings_during_exclusion", Constraint.Match.EXACT, "during",
            "violates an exclusion constraint", "exclusion"));
  }

  @Test
  void checkConstraintNeedsItsName() {
    assertThatThrownBy(() -> Changeset.change(USER).checkConstraint("age", ConstraintOptions.defaults()))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("age");

    // cast(user, params, [:age]) |> check_constraint(:age, name: :age_must_be_positive)
    assertThat(only(Changeset.change(USER).checkConstraint("age", ConstraintOptions.named("age_must_be_positive"))))
        .isEqualTo(new Constraint(Constraint.Type.CHECK, "age_must_be_positive", Constraint.Match.EXACT, "age",
            "is invalid", "check"));
  }

  // ---------------------------------------------------------------- options

  @Test
  void optionsSetNameMatchMessageAndErrorKey() {
    ConstraintOptions options = ConstraintOptions.named("email_key").match(Constraint.Match.SUFFIX)
        .message("is taken").errorKey("username");

    assertThat(only(Changeset.change(USER).uniqueConstraint(List.of("email"), options))).isEqualTo(new Constraint(
        Constraint.Type.UNIQUE, "email_key", Constraint.Match.SUFFIX, "username", "is taken", "unique"));
    assertThat(only(Changeset.change(COMMENT).foreignKeyConstraint("postId",
        ConstraintOptions.defaults().message("no such post"))).message()).isEqualTo("no such post");
    assertThat(only(Changeset.change(USER).checkConstraint("age",
        ConstraintOptions.named("age_positive").message("must be positive"))).message()).isEqualTo("must be positive");
    assertThat(only(Changeset.change(new Booking(null, null, null)).exclusionConstraint("during",
        ConstraintOptions.named("no_overlapping_bookings").match(Constraint.Match.PREFIX))))
        .extracting(Constraint::name, Constraint::match)
        .containsExactly("no_overlapping_bookings", Constraint.Match.PREFIX);
  }

  @Test
  void optionsAreImmutableValues() {
    ConstraintOptions defaults = ConstraintOptions.defaults();
    ConstraintOptions named = defaults.name("x");

    assertThat(defaults).isEqualTo(new ConstraintOptions(null, Constraint.Match.EXACT, null, null));
    assertThat(named).isEqualTo(new ConstraintOptions("x", Constraint.Match.EXACT, null, null));
    assertThatThrownBy(() -> new ConstraintOptions("x", null, null, null)).isInstanceOf(ArgumentException.class);
  }

  @Test
  void constraintsAreListedInDeclarationOrderAndDoNotInvalidate() {
    Changeset<Comment> cs = Changeset.cast(COMMENT, Map.of("postId", "1", "body", "hi"), "postId", "body")
        .assocConstraint("post")
        .foreignKeyConstraint("postId", ConstraintOptions.named("comments_post_fk"))
        .checkConstraint("body", ConstraintOptions.named("body_not_empty"));

    assertThat(cs.constraints()).extracting(Constraint::name)
        .containsExactly("comments_post_id_fkey", "comments_post_fk", "body_not_empty");
    assertThat(cs.isValid()).isTrue();
    assertThat(cs.errors()).isEmpty();
  }

  // ---------------------------------------------------------------- matching

  @Test
  void matchComparesTheNameExactlyOrByPrefixOrSuffix() {
    Constraint exact = new Constraint(Constraint.Type.UNIQUE, "users_email_index", Constraint.Match.EXACT, "email",
        "has already been taken", "unique");
    Constraint suffix = new Constraint(Constraint.Type.UNIQUE, "email_key", Constraint.Match.SUFFIX, "email",
        "has already been taken", "unique");
    Constraint prefix = new Constraint(Constraint.Type.UNIQUE, "users_p", Constraint.Match.PREFIX, "email",
        "has already been taken", "unique");

    assertThat(exact.matches("23505", "users_email_index")).isTrue();
    assertThat(exact.matches("23505", "users_email_index2")).isFalse();
    assertThat(suffix.matches("23505", "users_p0_email_key")).isTrue();
    assertThat(suffix.matches("23505", "users_p99_email_key")).isTrue();
    assertThat(suffix.matches("23505", "users_email_key_old")).isFalse();
    assertThat(prefix.matches("23505", "users_p0_email_key")).isTrue();
    assertThat(prefix.matches("23505", "accounts_p0_email_key")).isFalse();
    assertThat(exact.matches("23503", "users_email_index")).as("another SQLSTATE").isFalse();
    assertThat(exact.matches("23505", null)).isFalse();
  }

  @Test
  void eachTypeMatchesItsSqlState() {
    assertThat(Constraint.Type.UNIQUE.sqlState()).isEqualTo("23505");
    assertThat(Constraint.Type.FOREIGN_KEY.sqlState()).isEqualTo("23503");
    assertThat(Constraint.Type.CHECK.sqlState()).isEqualTo("23514");
    assertThat(Constraint.Type.EXCLUSION.sqlState()).isEqualTo("23P01");
    assertThatThrownBy(() -> new Constraint(Constraint.Type.CHECK, null, Constraint.Match.EXACT, "a", "b", "check"))
        .isInstanceOf(ArgumentException.class);
  }

  // ---------------------------------------------------------------- violations become errors

  @Test
  void aViolationOfADeclaredConstraintBecomesAnErrorWithConstraintMetadata() {
    Changeset<User> cs = Changeset.cast(USER, Map.of("email", "mary@example.com"), "email").uniqueConstraint("email");

    Optional<Changeset<User>> violated = cs.withConstraintViolation("23505", "users_email_index");

    assertThat(violated).isPresent();
    assertThat(violated.get().errors()).containsExactly(new ChangesetError("email", "has already been taken",
        Map.of("constraint", "unique", "constraint_name", "users_email_index")));
    assertThat(violated.get().isValid()).isFalse();
    assertThat(violated.get().changes()).isEqualTo(Map.of("email", "mary@example.com"));
    assertThat(cs.isValid()).as("the original is untouched").isTrue();
  }

  @Test
  void anUndeclaredViolationGivesNothing() {
    Changeset<User> cs = Changeset.change(USER).uniqueConstraint("email");

    assertThat(cs.withConstraintViolation("23505", "users_nick_index")).isEmpty();
    assertThat(cs.withConstraintViolation("23503", "users_email_index")).as("same name, other type").isEmpty();
    assertThat(Changeset.change(USER).withConstraintViolation("23505", "users_email_index")).isEmpty();
  }

  @Test
  void eachConstraintKindGivesItsErrorTypeAndMessage() {
    Changeset<Comment> comment = Changeset.change(COMMENT).foreignKeyConstraint("postId").assocConstraint("post",
        ConstraintOptions.named("comments_post_assoc_fkey"));
    assertThat(comment.withConstraintViolation("23503", "comments_post_id_fkey").orElseThrow().errors())
        .containsExactly(new ChangesetError("postId", "does not exist",
            Map.of("constraint", "foreign", "constraint_name", "comments_post_id_fkey")));
    assertThat(comment.withConstraintViolation("23503", "comments_post_assoc_fkey").orElseThrow().errors())
        .containsExactly(new ChangesetError("post", "does not exist",
            Map.of("constraint", "assoc", "constraint_name", "comments_post_assoc_fkey")));

    assertThat(Changeset.change(POST).noAssocConstraint("comments")
        .withConstraintViolation("23503", "comments_post_id_fkey").orElseThrow().errors())
        .containsExactly(new ChangesetError("comments", "are still associated with this entry",
            Map.of("constraint", "no_assoc", "constraint_name", "comments_post_id_fkey")));

    assertThat(Changeset.change(USER).checkConstraint("age", ConstraintOptions.named("age_must_be_positive"))
        .withConstraintViolation("23514", "age_must_be_positive").orElseThrow().errors())
        .containsExactly(new ChangesetError("age", "is invalid",
            Map.of("constraint", "check", "constraint_name", "age_must_be_positive")));

    assertThat(Changeset.change(new Booking(null, null, null)).exclusionConstraint("during")
        .withConstraintViolation("23P01", "bookings_during_exclusion").orElseThrow().errors())
        .containsExactly(new ChangesetError("during", "violates an exclusion constraint",
            Map.of("constraint", "exclusion", "constraint_name", "bookings_during_exclusion")));
  }

  @Test
  void aSuffixMatchReportsTheViolatedName() {
    // unique_constraint(:email, name: :email_key, match: :suffix) for partitions users_p0_email_key ...
    Changeset<User> cs = Changeset.change(USER).uniqueConstraint(List.of("email"),
        ConstraintOptions.named("email_key").match(Constraint.Match.SUFFIX));

    assertThat(cs.withConstraintViolation("23505", "users_p7_email_key").orElseThrow().errors())
        .containsExactly(new ChangesetError("email", "has already been taken",
            Map.of("constraint", "unique", "constraint_name", "users_p7_email_key")));
  }

  @Test
  void theCustomMessageAndErrorKeyAreUsedForTheError() {
    Changeset<User> cs = Changeset.change(USER).uniqueConstraint(List.of("email", "companyId"),
        ConstraintOptions.named("users_email_company_id_index").message("is taken in this company").errorKey("companyId"));

    assertThat(cs.withConstraintViolation("23505", "users_email_company_id_index").orElseThrow().errorsByField())
        .isEqualTo(Map.of("companyId", List.of("is taken in this company")));
  }

  // ---------------------------------------------------------------- schemaless

  @Test
  void aSchemalessChangesetNeedsConstraintNames() {
    Changeset<Map<String, Object>> cs = Changeset.schemaless(Map.of("email", String.class, "postId", Long.class));

    assertThatThrownBy(() -> cs.uniqueConstraint("email")).isInstanceOf(ArgumentException.class);
    assertThatThrownBy(() -> cs.foreignKeyConstraint("postId")).isInstanceOf(ArgumentException.class);
    assertThatThrownBy(() -> cs.exclusionConstraint("email")).isInstanceOf(ArgumentException.class);
    assertThatThrownBy(() -> cs.assocConstraint("post")).isInstanceOf(ArgumentException.class);
    assertThatThrownBy(() -> cs.noAssocConstraint("comments")).isInstanceOf(ArgumentException.class);
    assertThatThrownBy(() -> cs.checkConstraint("email", ConstraintOptions.defaults()))
        .isInstanceOf(ArgumentException.class);

    assertThat(only(cs.uniqueConstraint(List.of("email"), ConstraintOptions.named("emails_index"))).name())
        .isEqualTo("emails_index");
  }
}
