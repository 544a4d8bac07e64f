-- Tables of WritesConformanceIT (Ecto's insert, update, delete and aggregate rules). Re-runnable.
DROP TABLE IF EXISTS wc_items CASCADE;
CREATE TABLE wc_items (
  id bigserial PRIMARY KEY,
  name text,
  lock_version integer DEFAULT 1,
  tags text[] NOT NULL DEFAULT '{}',
  state text DEFAULT 'from the database',
  label text DEFAULT 'from the database',
  price numeric(10, 2),
  slug text GENERATED ALWAYS AS (lower(name)) STORED,
  updated_at timestamptz
);

-- A trigger edits what an update writes, so a test can see the row is not read again.
CREATE OR REPLACE FUNCTION wc_items_shout() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state = 'shout' THEN
    NEW.name := upper(NEW.name);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER wc_items_shout BEFORE UPDATE ON wc_items FOR EACH ROW EXECUTE FUNCTION wc_items_shout();

-- A table whose "key" the database does not enforce: two rows may share it.
DROP TABLE IF EXISTS wc_entries CASCADE;
CREATE TABLE wc_entries (
  id bigint NOT NULL,
  name text NOT NULL,
  lock_version integer NOT NULL DEFAULT 1
);

-- Rows that repeat values, for aggregates over distinct queries.
DROP TABLE IF EXISTS wc_posts CASCADE;
CREATE TABLE wc_posts (
  id bigserial PRIMARY KEY,
  author_id bigint,
  title text NOT NULL,
  votes integer NOT NULL
);

-- A wide row (a long body) whose counter an update changes: what re-reading the row would cost.
DROP TABLE IF EXISTS wc_articles CASCADE;
CREATE TABLE wc_articles (
  id bigserial PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  views integer NOT NULL DEFAULT 0,
  inserted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
