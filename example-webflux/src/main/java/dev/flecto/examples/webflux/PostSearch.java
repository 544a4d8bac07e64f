package dev.flecto.examples.webflux;

import static dev.flecto.query.Exprs.field;

import dev.flecto.query.Order;
import dev.flecto.query.Query;

/**
 * A search of posts from optional request parameters: each given filter adds a condition to one
 * query value, and the page is that query ordered, limited and offset. Queries are immutable, so
 * the same filtered query also counts the matches for the page's total.
 *
 * <pre>{@code
 * PostSearch search = new PostSearch("flecto", 7L, 2, 10);
 * repo.aggregate(search.matching(), Aggregate.COUNT);   // how many match
 * repo.all(search.pageQuery());                               // matches 11 to 20, newest first
 * }</pre>
 *
 * @param q words the title or body contains, case-insensitively; null or blank for any
 * @param authorId the author's key, or null for any
 * @param page the page, from 1
 * @param size posts a page, 1 to {@value #MAX_SIZE}
 */
public record PostSearch(String q, Long authorId, int page, int size) {
  /** The largest page size. */
  public static final int MAX_SIZE = 100;

  /**
   * Checks the page and size.
   *
   * <pre>{@code new PostSearch(null, null, 0, 10) // IllegalArgumentException: page must be at least 1 }</pre>
   *
   * @throws IllegalArgumentException when the page is below 1 or too far, or the size out of range
   */
  public PostSearch {
    if (page < 1) {
      throw new IllegalArgumentException("page must be at least 1, got " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be from 1 to " + MAX_SIZE + ", got " + size);
    }
    if ((long) (page - 1) * size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("page " + page + " is too far");
    }
  }

  /**
   * The posts matching the filters, unordered and unpaged.
   *
   * <pre>{@code repo.aggregate(new PostSearch("java", null, 1, 20).matching(), Aggregate.COUNT) }</pre>
   *
   * @return the query
   */
  public Query<Post> matching() {
    Query<Post> query = Query.from(Post.class);
    if (q != null && !q.isBlank()) {
      String pattern = "%" + escapeLike(q.strip()) + "%";
      query = query.where(field("title").ilike(pattern).or(field("body").ilike(pattern)));
    }
    if (authorId != null) {
      query = query.where("authorId", authorId);
    }
    return query;
  }

  /**
   * The requested page of matches, newest first, with each post's author preloaded.
   *
   * <pre>{@code repo.all(new PostSearch(null, 7L, 1, 20).pageQuery()) }</pre>
   *
   * @return the query
   */
  public Query<Post> pageQuery() {
    // A total order (the key): pages neither repeat nor skip a post. Newest first, as ids grow.
    return matching()
        .orderBy(Order.desc("id"))
        .limit(size)
        .offset((page - 1) * size)
        .preload("author");
  }

  // The user's % and _ are characters to find, not wildcards (backslash is LIKE's escape).
  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
