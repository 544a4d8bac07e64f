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

  @Schema("x")
  public record ThroughFirst(@Id Long id, @HasMany(through = {"posts", "tags"}) Assoc<List<Tag>> tags,
      @HasMany Assoc<List<Post>> posts) {}

  @Schema("x")
  public record ThroughWithKey(@Id Long id, @HasMany Assoc<List<Post>> posts,
      @HasMany(through = {"posts", "tags"}, foreignKey = "xId") Assoc<List<Tag>> tags) {}

  @Schema("x")
  public record ThroughWrongEnd(@Id Long id, @HasMany(foreignKey = "userId") Assoc<List<Post>> posts,
      @HasMany(through = {"posts", "tags"}) Assoc<List<Profile>> tags,
      @HasMany(through = {"posts", "nope"}) Assoc<List<Tag>> missing) {}

  @Schema("x")
  public record BadWhere(@Id Long id, @HasMany(where = @Where(field = "name", value = "a", isNull = true)) Assoc<List<Tag>> tags) {}

  @Schema("x")
  public record BadOrder(@Id Long id, @HasMany(preloadOrder = "name sideways") Assoc<List<Tag>> tags) {}

  @Schema("x")
  public record BothJoins(@Id Long id, @ManyToMany(joinTable = "x_tags", joinThrough = Profile.class) Assoc<List<Tag>> tags) {}

  @Schema("x")
  public record Options(@Id Long id,
      @HasMany(where = {@Where(field = "name", in = {"a", "b"}), @Where(field = "id", notNull = true)},
          preloadOrder = {"name desc", "id"}, onReplace = OnReplace.DELETE) Assoc<List<Tag>> tags,
      @ManyToMany(joinThrough = Profile.class) Assoc<List<Tag>> viaSchema) {}

  @Schema("x")
  public record UpdateMany(@Id Long id, @HasMany(onReplace = OnReplace.UPDATE) Assoc<List<Tag>> tags) {}

  @Schema("x")
  public record NilifyJoin(@Id Long id, @ManyToMany(joinTable = "t", onReplace = OnReplace.NILIFY) Assoc<List<Tag>> tags) {}

  @Test
  void onReplaceMustFitTheKind() {
    assertThatThrownBy(() -> Schemas.of(UpdateMany.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("association 'tags'").hasMessageContaining("onReplace UPDATE is for has-one and belongs-to");
    assertThatThrownBy(() -> Schemas.of(NilifyJoin.class)).hasMessageContaining("onReplace NILIFY does not apply to a many-to-many");
  }

  @Test
  void optionsAreReadAndBadOnesNameTheAssociation() {
    Association tags = Schemas.of(Options.class).association("tags");
    assertThat(tags.where()).containsExactly(new Association.Filter("name", Association.Filter.Kind.IN, List.of("a", "b")),
        new Association.Filter("id", Association.Filter.Kind.NOT_NULL, List.of()));
    assertThat(tags.preloadOrder()).containsExactly("name desc", "id");
    assertThat(tags.onReplace()).isEqualTo(OnReplace.DELETE);
    Association via = Schemas.of(Options.class).association("viaSchema");
    assertThat(via.joinSchema()).isEqualTo(Profile.class);
    assertThat(via.joinTable()).isEqualTo("profiles");
    assertThat(List.of(via.joinKey(), via.relatedKey())).as("a join schema's keys are its fields").containsExactly("optionsId", "tagId");
    assertThatThrownBy(() -> Schemas.of(ThroughFirst.class)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("starts at 'posts', which is not an association declared before it");
    assertThatThrownBy(() -> Schemas.of(ThroughWithKey.class)).hasMessageContaining("takes no foreignKey");
    SchemaMeta<ThroughWrongEnd> wrongEnd = Schemas.of(ThroughWrongEnd.class);
    assertThatThrownBy(() -> wrongEnd.chain(wrongEnd.association("tags"))).isInstanceOf(SchemaException.class)
        .hasMessageContaining("ends at Tag").hasMessageContaining("not at Profile");
    assertThatThrownBy(() -> wrongEnd.chain(wrongEnd.association("missing")))
        .hasMessageContaining("step 'nope' of its through chain [posts, nope] is not an association of Post");
    assertThat(Schemas.of(ThroughWrongEnd.class).association("missing").isThrough()).isTrue();
    assertThatThrownBy(() -> Schemas.of(BadWhere.class)).hasMessageContaining("association 'tags'")
        .hasMessageContaining("exactly one of value, in, isNull or notNull");
    assertThatThrownBy(() -> Schemas.of(BadOrder.class)).hasMessageContaining("preloadOrder entry 'name sideways'");
    assertThatThrownBy(() -> Schemas.of(BothJoins.class)).hasMessageContaining("exactly one of joinTable");
  }

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

  @Test
  void manyToManyIsUniqueOnlyWhenDeclaredAndItsJoinTableIsASchemaOfTwoKeys() {
    SchemaMeta<Post> posts = Schemas.of(Post.class);
    assertThat(posts.association("tags").unique()).as("Ecto's default for many_to_many").isFalse();
    assertThat(Schemas.of(User.class).association("posts").unique()).as("Ecto's default for has_many").isTrue();
    SchemaMeta<?> join = Schemas.joinTable(posts, posts.association("tags"));
    assertThat(join.table()).isEqualTo("posts_tags");
    assertThat(join.fields()).extracting(SchemaField::column).containsExactly("post_id", "tag_id");
    assertThat(join.fields()).extracting(SchemaField::type).containsExactly(FieldType.LONG, FieldType.LONG);
    assertThat(Schemas.joinTable(posts, posts.association("tags"))).isSameAs(join);
    assertThatThrownBy(() -> Schemas.joinTable(posts, posts.association("author")))
        .hasMessageContaining("association 'author'").hasMessageContaining("not a many-to-many declared with joinTable");
  }
}
