package dev.flecto.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.AssociationNotLoadedException;
import dev.flecto.SchemaException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssociationsTest {
  @Schema("users")
  public record User(@Id Long id, String name, @HasOne Assoc<Profile> profile, @HasMany Assoc<List<Post>> posts) {}

  @Schema("profiles")
  public record Profile(@Id Long id, Long userId) {}

  @Schema("posts")
  public record Post(@Id Long id, Long userId, @BelongsTo(foreignKey = "userId") Assoc<User> author,
      @ManyToMany(joinTable = "posts_tags") Assoc<List<Tag>> tags) {}

  @Schema("tags")
  public record Tag(@Id Long id, String name) {}

  @Schema("x")
  public record NoAnnotation(@Id Long id, Assoc<Tag> tag) {}

  @Schema("x")
  public record WrongShape(@Id Long id, @HasMany Assoc<Tag> tags) {}

  @Schema("x")
  public record MissingKey(@Id Long id, @BelongsTo Assoc<Tag> tag) {}

  @Test
  void defaultsFollowEcto() {
    SchemaMeta<User> users = Schemas.of(User.class);
    assertThat(users.association("posts")).isEqualTo(new Association("posts", Association.Kind.HAS_MANY, Post.class,
        "userId", "", "", "", ""));
    assertThat(users.association("profile").kind()).isEqualTo(Association.Kind.HAS_ONE);
    assertThat(users.association("nope")).isNull();
    SchemaMeta<Post> posts = Schemas.of(Post.class);
    assertThat(posts.association("author").foreignKey()).isEqualTo("userId");
    assertThat(posts.association("tags")).isEqualTo(new Association("tags", Association.Kind.MANY_TO_MANY, Tag.class,
        "", "", "posts_tags", "post_id", "tag_id"));
    assertThat(posts.persistedFields()).extracting(SchemaField::name).containsExactly("id", "userId");
  }

  @Test
  void recordsReadFromTheDatabaseCarryNotLoadedAssociations() {
    SchemaMeta<Post> posts = Schemas.of(Post.class);
    Post p = posts.fromPersisted(new Object[] {1L, 2L}, null);
    assertThat(p.author().isLoaded()).isFalse();
    assertThatThrownBy(() -> p.tags().get()).isInstanceOf(AssociationNotLoadedException.class)
        .hasMessageContaining("association 'tags' of Post is not loaded").hasMessageContaining("preload");
    assertThat(Assoc.loaded(List.of()).get()).isEqualTo(List.of());
    assertThat(posts.blank().author()).isEqualTo(Assoc.notLoaded("Post", "author"));
  }

  @Test
  void badAssociationsNameTheComponent() {
    assertThatThrownBy(() -> Schemas.of(NoAnnotation.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("association 'tag'").hasMessageContaining("exactly one of @BelongsTo");
    assertThatThrownBy(() -> Schemas.of(WrongShape.class)).hasMessageContaining("must be Assoc<List<Target>>");
    assertThatThrownBy(() -> Schemas.of(MissingKey.class)).hasMessageContaining("foreign key field 'tagId' does not exist");
  }
}
