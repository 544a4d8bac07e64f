-- castAssoc: a post with a belongs-to author, has-many comments (a unique slug) and a has-one profile. Re-runnable.
DROP TABLE IF EXISTS ca_profiles, ca_comments, ca_posts, ca_authors CASCADE;
CREATE TABLE ca_authors (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE ca_posts (id bigserial PRIMARY KEY, title text NOT NULL, author_id bigint REFERENCES ca_authors (id));
CREATE TABLE ca_comments (id bigserial PRIMARY KEY, post_id bigint REFERENCES ca_posts (id), body text NOT NULL,
  slug text, position integer);
CREATE UNIQUE INDEX ca_comments_slug_index ON ca_comments (slug);
CREATE TABLE ca_profiles (id bigserial PRIMARY KEY, post_id bigint NOT NULL REFERENCES ca_posts (id), bio text NOT NULL);
