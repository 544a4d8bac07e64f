-- Tables of UpsertIT (Repo.insert with on_conflict). Re-runnable.
DROP TABLE IF EXISTS up_posts, up_users CASCADE;
CREATE TABLE up_posts (
  id bigserial PRIMARY KEY,
  title text NOT NULL CONSTRAINT up_posts_title_index UNIQUE,
  body text,
  version integer NOT NULL DEFAULT 1,
  views integer NOT NULL DEFAULT 0,
  slug text GENERATED ALWAYS AS (lower(title)) STORED,
  inserted_at timestamptz,
  updated_at timestamptz
);

-- A client-generated key, a unique expression index (a conflict target only raw SQL can name) and another unique key.
CREATE TABLE up_users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text,
  nick text CONSTRAINT up_users_nick_index UNIQUE
);
CREATE UNIQUE INDEX up_users_lower_email_index ON up_users (lower(email));
