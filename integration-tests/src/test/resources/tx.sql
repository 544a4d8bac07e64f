-- Tables of tests that really commit (they clean up after themselves).
DROP TABLE IF EXISTS tx_items, deferred_items CASCADE;
CREATE TABLE tx_items (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE
);
CREATE TABLE deferred_items (
  id bigserial PRIMARY KEY,
  code text NOT NULL,
  CONSTRAINT deferred_items_code_key UNIQUE (code) DEFERRABLE INITIALLY DEFERRED
);
