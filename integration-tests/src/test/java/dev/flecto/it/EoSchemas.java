package dev.flecto.it;

import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.Column;
import dev.flecto.schema.Default;
import dev.flecto.schema.Embedded;
import dev.flecto.schema.EmbedsMany;
import dev.flecto.schema.EmbedsOne;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.HasOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Schemas of EmbedOptionsIT (embed_options.sql). */
final class EoSchemas {
  private EoSchemas() {}

  @Embedded
  record EoMeta(@Id UUID id, String source, Integer words) {
    static Changeset<EoMeta> changeset(EoMeta meta, Map<String, Object> params) {
      return Changeset.cast(meta, params, "source", "words");
    }
  }

  @Embedded
  record EoNote(@Id UUID id, String text) {
    static Changeset<EoNote> changeset(EoNote note, Map<String, Object> params) {
      return Changeset.cast(note, params, "text");
    }
  }

  @Schema("eo_authors")
  record EoAuthor(@Id Long id, String name, @HasMany(foreignKey = "authorId") Assoc<List<EoArticle>> articles) {
    static EoAuthor named(String name) {
      return new EoAuthor(null, name, Assoc.notLoaded("EoAuthor", "articles"));
    }
  }

  /** A large text column and two embeds that whole-record queries leave out (Ecto's load_in_query: false). */
  @Schema("eo_articles")
  record EoArticle(@Id Long id, String title, @Column(loadInQuery = false) String body,
      @EmbedsOne(loadInQuery = false, onReplace = OnReplace.UPDATE) EoMeta meta,
      @EmbedsMany(loadInQuery = false, onReplace = OnReplace.DELETE) List<EoNote> notes,
      Long authorId, @BelongsTo Assoc<EoAuthor> author) {
    static EoArticle of(String title, String body, EoMeta meta, List<EoNote> notes, Long authorId) {
      return new EoArticle(null, title, body, meta, notes, authorId, Assoc.notLoaded("EoArticle", "author"));
    }
  }

  @Embedded
  record EoPrefs(@Id UUID id, Boolean dark, @Default("20") Integer pageSize) {
    static Changeset<EoPrefs> changeset(EoPrefs prefs, Map<String, Object> params) {
      return Changeset.cast(prefs, params, "dark", "pageSize");
    }
  }

  /** Embeds that default to their record with its defaults (Ecto's defaults_to_struct: true). */
  @Schema("eo_accounts")
  record EoAccount(@Id Long id, String name, @EmbedsOne(defaultsToStruct = true) EoPrefs prefs,
      @EmbedsOne(defaultsToStruct = true, loadInQuery = false) EoPrefs hidden) {
    static Changeset<EoAccount> changeset(EoAccount account, Map<String, Object> params) {
      return Changeset.cast(account, params, "name").castEmbed("prefs");
    }
  }

  @Embedded
  record EoCaption(String text, @Timestamp Instant updatedAt) {
    static Changeset<EoCaption> changeset(EoCaption caption, Map<String, Object> params) {
      return Changeset.cast(caption, params, "text");
    }
  }

  @Embedded
  record EoCover(@Id UUID id, String url, @EmbedsOne(onReplace = OnReplace.UPDATE) EoCaption caption,
      @Timestamp Instant insertedAt, @Timestamp Instant updatedAt) {
    static Changeset<EoCover> changeset(EoCover cover, Map<String, Object> params) {
      return Changeset.cast(cover, params, "url").castEmbed("caption");
    }
  }

  @Embedded
  record EoBlock(@Id UUID id, String text, @Timestamp Instant insertedAt, @Timestamp Instant updatedAt) {
    static Changeset<EoBlock> changeset(EoBlock block, Map<String, Object> params) {
      return Changeset.cast(block, params, "text");
    }
  }

  /** Embedded schemas with timestamps (Ecto's timestamps() in an embedded_schema), one of them nested. */
  @Schema("eo_posts")
  record EoPost(@Id Long id, String title, @EmbedsOne(onReplace = OnReplace.UPDATE) EoCover cover,
      @EmbedsMany(onReplace = OnReplace.DELETE) List<EoBlock> blocks, @Timestamp Instant insertedAt,
      @Timestamp Instant updatedAt) {
    static Changeset<EoPost> changeset(EoPost post, Map<String, Object> params) {
      return Changeset.cast(post, params, "title").castEmbed("cover").castEmbed("blocks");
    }
  }

  /** An embedded record that belongs to a schema: its foreign key is stored, the association never is. */
  @Embedded
  record EoLine(@Id UUID id, Long authorId, @BelongsTo Assoc<EoAuthor> author, Integer qty) {
    static EoLine of(Long authorId, int qty) {
      return new EoLine(null, authorId, Assoc.notLoaded("EoLine", "author"), qty);
    }
  }

  @Schema("eo_orders")
  record EoOrder(@Id Long id, String label, List<EoLine> lines) {}

  @Embedded
  record EoWithHasMany(@Id UUID id, @HasMany(foreignKey = "lineId") Assoc<List<EoAuthor>> authors) {}

  @Embedded
  record EoWithHasOne(@Id UUID id, @HasOne(foreignKey = "lineId") Assoc<EoAuthor> author) {}

  @Embedded
  record EoWithManyToMany(@Id UUID id, @ManyToMany(joinTable = "lines_authors") Assoc<List<EoAuthor>> authors) {}

  @Embedded
  record EoWithoutKey(@Id UUID id, @BelongsTo Assoc<EoAuthor> author) {}

  @Schema("eo_holders")
  record EoHolder(@Id Long id, EoWithHasMany bad) {}

  @Schema("eo_holders")
  record EoHolderOne(@Id Long id, EoWithHasOne bad) {}

  @Schema("eo_holders")
  record EoHolderM2m(@Id Long id, EoWithManyToMany bad) {}

  @Schema("eo_holders")
  record EoHolderNoKey(@Id Long id, EoWithoutKey bad) {}
}
