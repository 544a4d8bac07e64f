-- Tables with associations. Re-runnable.
DROP TABLE IF EXISTS a_profiles, a_posts_tags, a_comments, a_posts, a_tags, a_authors CASCADE;
CREATE TABLE a_authors (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE a_posts (id bigserial PRIMARY KEY, title text NOT NULL, author_id bigint REFERENCES a_authors (id));
CREATE TABLE a_comments (id bigserial PRIMARY KEY, post_id bigint NOT NULL REFERENCES a_posts (id), body text NOT NULL);
CREATE TABLE a_tags (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE a_posts_tags (post_id bigint NOT NULL, tag_id bigint NOT NULL, PRIMARY KEY (post_id, tag_id));
CREATE TABLE a_profiles (id bigserial PRIMARY KEY, author_id bigint NOT NULL, bio text);
