package dev.flecto.examples.webflux;

import dev.flecto.changeset.Changeset;
import dev.flecto.multi.Multi;
import dev.flecto.multi.MultiResult;
import dev.flecto.query.Query;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Publishing a post as one {@link Multi}: lock the draft, set its {@code publishedAt}, and write an
 * audit comment by the editor. {@code repo.transact(multi)} runs the steps in one transaction, so
 * either both writes are committed or neither is: an editor who does not exist fails the
 * {@code audit} step after the post was updated, and the update is rolled back with it.
 *
 * <pre>{@code
 * repo.transact(Publication.multi(postId, Map.of("editorId", 2, "note", "Looks good")))
 *     .map(Publication.Result::of)      // {"post": {...}, "audit": {...}}
 * }</pre>
 */
public final class Publication {
  /** The step that locks the draft; fails with "already published" when it is not one. */
  public static final String DRAFT = "draft";
  /** The step that updates the post. */
  public static final String POST = "post";
  /** The step that inserts the audit comment. */
  public static final String AUDIT = "audit";

  private Publication() {}

  /**
   * The Multi that publishes a post, from the request's {@code editorId} and optional {@code note}.
   *
   * <pre>{@code
   * Multi multi = Publication.multi(7, Map.of("editorId", 2));
   * multi.operations() // [draft (run), post (update), audit (insert)]
   * }</pre>
   *
   * @param postId the post to publish
   * @param params {@code editorId} (required) and {@code note}
   * @return the Multi, to give to {@code repo.transact}
   */
  public static Multi multi(long postId, Map<String, ?> params) {
    return Multi.create()
        // FOR UPDATE: two concurrent publishes of one post take turns, so the second sees the first's
        // publishedAt and fails instead of writing a second audit comment.
        .run(DRAFT, (repo, changes) -> repo.oneOrFail(Query.from(Post.class).where("id", postId).lock("FOR UPDATE"))
            .flatMap(post -> post.publishedAt() == null ? Mono.just(post) : repo.rollback("already published")))
        // PostgreSQL keeps microseconds: truncating here makes the JSON returned equal what is stored.
        .update(POST, changes -> Changeset.change(changes.get(DRAFT, Post.class),
            Map.of("publishedAt", Instant.now().truncatedTo(ChronoUnit.MICROS))))
        // Built from the changes, so it runs after the update: a failure here undoes a real write.
        .insert(AUDIT, changes -> Comment.creation(auditParams(postId, params)));
  }

  private static Map<String, Object> auditParams(long postId, Map<String, ?> params) {
    Object note = params.get("note");
    Map<String, Object> audit = new HashMap<>();   // not Map.of: editorId may be missing (null)
    audit.put("postId", postId);
    audit.put("authorId", params.get("editorId"));
    audit.put("body", note == null ? "Published." : "Published: " + note);
    return audit;
  }

  /**
   * What a publish returns: the published post and its audit comment.
   *
   * <pre>{@code repo.transact(Publication.multi(id, params)).map(Publication.Result::of) }</pre>
   *
   * @param post the post, with its publishedAt
   * @param audit the audit comment
   */
  public record Result(Post post, Comment audit) {
    /**
     * Reads the result from the Multi's.
     *
     * <pre>{@code Publication.Result.of(multiResult).post().publishedAt() }</pre>
     *
     * @param result what {@code repo.transact(multi)} emitted
     * @return the post and its audit comment
     */
    public static Result of(MultiResult result) {
      return new Result(result.get(POST, Post.class), result.get(AUDIT, Comment.class));
    }
  }
}
