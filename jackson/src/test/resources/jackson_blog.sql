-- The tables of JacksonIT (dev.flecto.jackson.Blog). Re-runnable.
DROP TABLE IF EXISTS j_comments, j_posts, j_authors CASCADE;
CREATE TABLE j_authors (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE UNIQUE INDEX j_authors_name_index ON j_authors (name);
CREATE TABLE j_posts (id bigserial PRIMARY KEY, title text NOT NULL, author_id bigint REFERENCES j_authors (id));
CREATE TABLE j_comments (id bigserial PRIMARY KEY, post_id bigint NOT NULL REFERENCES j_posts (id),
  author_id bigint REFERENCES j_authors (id), body text NOT NULL);
