package dev.flecto.examples.webflux;

import java.util.List;

/**
 * One page of a post search, as {@code GET /posts} returns it.
 *
 * <pre>{@code
 * {"page":1,"size":20,"total":42,"posts":[{"id":42,"title":"...","author":{...}}, ...]}
 * }</pre>
 *
 * @param page the page, from 1
 * @param size the page size asked for
 * @param total how many posts match, over all pages
 * @param posts this page's posts, newest first, each with its author
 */
public record PostPage(int page, int size, long total, List<Post> posts) {}
