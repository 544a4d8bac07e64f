-- Embeds: jsonb columns holding embedded records (one, many, nested, every type). Re-runnable.
DROP TABLE IF EXISTS em_users, em_orders, em_docs, em_shelves, em_customers CASCADE;
CREATE TABLE em_users (id bigserial PRIMARY KEY, name text NOT NULL, profile jsonb, addresses jsonb,
  home_key text);
CREATE UNIQUE INDEX em_users_name_index ON em_users (name);
CREATE TABLE em_orders (id bigserial PRIMARY KEY, label text, items jsonb, item jsonb);
CREATE TABLE em_docs (id bigserial PRIMARY KEY, every jsonb, many_every jsonb, keyless jsonb);
CREATE TABLE em_shelves (id bigserial PRIMARY KEY, label text, items jsonb[]);
CREATE TABLE em_customers (id bigserial PRIMARY KEY, name text, settings jsonb, addresses jsonb);
