-- Many-to-many writes: posts and tags through a join table and through a join schema with timestamps. Re-runnable.
DROP TABLE IF EXISTS mw_post_labels, mw_posts_tags, mw_tags, mw_posts CASCADE;
CREATE TABLE mw_posts (id bigserial PRIMARY KEY, title text NOT NULL);
CREATE TABLE mw_tags (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE UNIQUE INDEX mw_tags_name_index ON mw_tags (name);
CREATE TABLE mw_posts_tags (post_id bigint NOT NULL REFERENCES mw_posts (id), tag_id bigint NOT NULL REFERENCES mw_tags (id),
  PRIMARY KEY (post_id, tag_id));
CREATE TABLE mw_post_labels (id bigserial PRIMARY KEY, post_id bigint NOT NULL REFERENCES mw_posts (id),
  tag_id bigint NOT NULL REFERENCES mw_tags (id),
  weight integer NOT NULL CONSTRAINT mw_post_labels_weight_positive CHECK (weight > 0), inserted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL);
CREATE UNIQUE INDEX mw_post_labels_post_id_tag_id_index ON mw_post_labels (post_id, tag_id);
