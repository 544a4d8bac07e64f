-- The blog's tables, created by BlogSchema when the application starts (Flecto has no migrations
-- yet). Re-runnable: IF NOT EXISTS keeps the data of a database that outlives a run.
-- Constraint names follow Ecto's conventions, so the changesets declare them without naming them.

CREATE TABLE IF NOT EXISTS blog_authors (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  inserted_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Author.registration declares uniqueConstraint("email"): <table>_<column>_index.
CREATE UNIQUE INDEX IF NOT EXISTS blog_authors_email_index ON blog_authors (email);

CREATE TABLE IF NOT EXISTS blog_posts (
  id bigserial PRIMARY KEY,
  -- <table>_<column>_fkey: PostgreSQL's name for it, and what foreignKeyConstraint("authorId") expects.
  author_id bigint NOT NULL CONSTRAINT blog_posts_author_id_fkey REFERENCES blog_authors (id),
  title text NOT NULL,
  body text NOT NULL,
  published_at timestamptz,
  inserted_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS blog_posts_author_id_index ON blog_posts (author_id);

CREATE TABLE IF NOT EXISTS blog_comments (
  id bigserial PRIMARY KEY,
  post_id bigint NOT NULL CONSTRAINT blog_comments_post_id_fkey REFERENCES blog_posts (id),
  author_id bigint NOT NULL CONSTRAINT blog_comments_author_id_fkey REFERENCES blog_authors (id),
  body text NOT NULL,
  inserted_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS blog_comments_post_id_index ON blog_comments (post_id);
