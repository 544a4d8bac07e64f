-- Tables of CopyInsertAllIT: every field type Flecto writes, a column default, a unique and a
-- check constraint, and a tenant schema for the prefix option. Re-runnable.
DROP TABLE IF EXISTS cp_rows CASCADE;
CREATE SCHEMA IF NOT EXISTS cp_tenant;
DROP TABLE IF EXISTS cp_tenant.cp_rows;
CREATE TABLE cp_rows (
  id bigserial PRIMARY KEY,
  code text NOT NULL CONSTRAINT cp_rows_code_key UNIQUE,
  s text,
  i integer,
  l bigint,
  sh smallint,
  b boolean,
  d double precision,
  f real,
  dec numeric,
  u uuid,
  ins timestamptz,
  odt timestamptz,
  ldt timestamp,
  ld date,
  lt time,
  bytes bytea,
  status text,
  tags text[],
  nums integer[],
  days date[],
  meta jsonb,
  qty integer NOT NULL DEFAULT 5 CONSTRAINT cp_rows_qty_check CHECK (qty >= 0)
);
CREATE TABLE cp_tenant.cp_rows (LIKE cp_rows INCLUDING ALL);
