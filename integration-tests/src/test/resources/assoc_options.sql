-- Associations with filters, orders, a join schema and through chains. Re-runnable.
DROP TABLE IF EXISTS b_permalinks, b_post_tags, b_comments, b_posts, b_tags, b_users CASCADE;
CREATE TABLE b_users (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE b_posts (id bigserial PRIMARY KEY, title text NOT NULL, author_id bigint REFERENCES b_users (id));
CREATE TABLE b_comments (id bigserial PRIMARY KEY, post_id bigint NOT NULL REFERENCES b_posts (id),
  author_id bigint REFERENCES b_users (id), body text NOT NULL, votes integer NOT NULL DEFAULT 0,
  visible boolean NOT NULL DEFAULT true, deleted_at timestamptz);
CREATE TABLE b_tags (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE b_post_tags (id bigserial PRIMARY KEY, post_id bigint NOT NULL REFERENCES b_posts (id),
  tag_id bigint NOT NULL REFERENCES b_tags (id), inserted_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE b_permalinks (id bigserial PRIMARY KEY, post_id bigint NOT NULL REFERENCES b_posts (id), url text NOT NULL);
