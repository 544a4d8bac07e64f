-- Tables of InsertAllIT and MultiIT. Re-runnable.
DROP TABLE IF EXISTS ia_items, ia_tokens, mu_posts, mu_users, mu_accounts, mu_log CASCADE;
CREATE SCHEMA IF NOT EXISTS ia_tenant;
DROP TABLE IF EXISTS ia_tenant.ia_items;

CREATE TABLE ia_items (
  id bigserial PRIMARY KEY,
  code text NOT NULL CONSTRAINT ia_items_code_key UNIQUE,
  qty integer NOT NULL DEFAULT 5 CONSTRAINT ia_items_qty_check CHECK (qty >= 0),
  price numeric(12, 2),
  note text,
  tags text[],
  inserted_at timestamptz
);
CREATE TABLE ia_tenant.ia_items (LIKE ia_items INCLUDING ALL);

CREATE TABLE ia_tokens (
  id uuid PRIMARY KEY,
  value text NOT NULL UNIQUE
);

CREATE TABLE mu_users (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  name text
);
CREATE UNIQUE INDEX mu_users_email_index ON mu_users (email);

CREATE TABLE mu_posts (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL CONSTRAINT mu_posts_user_id_fkey REFERENCES mu_users (id),
  title text NOT NULL
);

CREATE TABLE mu_accounts (
  id bigserial PRIMARY KEY,
  owner text NOT NULL UNIQUE,
  balance integer NOT NULL CONSTRAINT mu_accounts_balance_check CHECK (balance >= 0)
);

CREATE TABLE mu_log (
  id bigserial PRIMARY KEY,
  note text NOT NULL
);
