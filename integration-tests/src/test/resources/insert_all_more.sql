-- Tables of InsertAllMoreIT (insertAll's upserts, placeholders and {"table", Schema}). Re-runnable.
DROP TABLE IF EXISTS im_posts, im_posts_archive CASCADE;
CREATE TABLE im_posts (
  id bigserial PRIMARY KEY,
  title text NOT NULL CONSTRAINT im_posts_title_key UNIQUE,
  body text,
  views integer NOT NULL DEFAULT 0,
  email text,
  inserted_at timestamptz
);
-- A unique expression index: a conflict target only raw SQL can name.
CREATE UNIQUE INDEX im_posts_lower_email_index ON im_posts (lower(email));
CREATE TABLE im_posts_archive (LIKE im_posts INCLUDING DEFAULTS);
-- A column the posts table has not: a source field insertAll from a query cannot copy.
ALTER TABLE im_posts_archive ADD COLUMN archived_by text;
