-- Tables of the integration tests. Re-runnable, for databases that outlive a run.
DROP TABLE IF EXISTS people, tokens, memberships, all_types, defaults_demo, audit.events CASCADE;
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE people (
  id bigserial PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  age integer,
  inserted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE tokens (
  id uuid PRIMARY KEY,
  value text NOT NULL UNIQUE
);

CREATE TABLE memberships (
  user_id bigint NOT NULL,
  group_id bigint NOT NULL,
  role text NOT NULL,
  PRIMARY KEY (user_id, group_id)
);

CREATE TABLE all_types (
  id bigserial PRIMARY KEY,
  s text, i integer, pi integer NOT NULL, l bigint, pl bigint NOT NULL, sh smallint,
  b boolean, pb boolean NOT NULL, d double precision, f real, dec numeric(20, 6),
  u uuid, ins timestamptz, odt timestamptz, ldt timestamp, ld date, lt time, bytes bytea, status text
);

CREATE TABLE defaults_demo (
  id bigserial PRIMARY KEY,
  title text NOT NULL,
  votes integer NOT NULL,
  surname text,
  slug text GENERATED ALWAYS AS (lower(title)) STORED,
  created_on date NOT NULL DEFAULT DATE '2024-01-01'
);

CREATE TABLE audit.events (
  id bigserial PRIMARY KEY,
  kind text NOT NULL
);
