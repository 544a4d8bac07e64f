-- Tree inserts: a post with a belongs-to author, has-many comments, a has-one summary and many-to-many tags. Re-runnable.
DROP TABLE IF EXISTS ti_posts_tags, ti_tags, ti_summaries, ti_comments, ti_posts, ti_authors CASCADE;
CREATE TABLE ti_authors (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE ti_posts (id bigserial PRIMARY KEY, title text NOT NULL, author_id bigint REFERENCES ti_authors (id));
CREATE TABLE ti_comments (id bigserial PRIMARY KEY, post_id bigint REFERENCES ti_posts (id), body text NOT NULL);
CREATE TABLE ti_summaries (id bigserial PRIMARY KEY, post_id bigint NOT NULL REFERENCES ti_posts (id), text text NOT NULL);
CREATE TABLE ti_tags (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE ti_posts_tags (post_id bigint NOT NULL REFERENCES ti_posts (id), tag_id bigint NOT NULL REFERENCES ti_tags (id),
  PRIMARY KEY (post_id, tag_id));
