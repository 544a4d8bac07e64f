-- Embed options: load_in_query, defaults_to_struct, timestamps and belongs_to in embedded schemas. Re-runnable.
DROP TABLE IF EXISTS eo_articles, eo_authors, eo_accounts, eo_posts, eo_orders, eo_holders CASCADE;
CREATE TABLE eo_authors (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE eo_articles (id bigserial PRIMARY KEY, title text, body text, meta jsonb, notes jsonb,
  author_id bigint REFERENCES eo_authors (id));
CREATE TABLE eo_accounts (id bigserial PRIMARY KEY, name text, prefs jsonb, hidden jsonb);
CREATE TABLE eo_posts (id bigserial PRIMARY KEY, title text, cover jsonb, blocks jsonb,
  inserted_at timestamptz, updated_at timestamptz);
CREATE TABLE eo_orders (id bigserial PRIMARY KEY, label text, lines jsonb);
CREATE TABLE eo_holders (id bigserial PRIMARY KEY, bad jsonb);
