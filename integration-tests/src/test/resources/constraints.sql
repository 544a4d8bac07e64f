-- Tables for changeset constraints, optimistic locking and prepareChanges. Re-runnable.
DROP TABLE IF EXISTS cs_posts, cs_users, cs_bookings, cs_audit CASCADE;
CREATE TABLE cs_users (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  company_id bigint,
  name text,
  age integer CONSTRAINT cs_users_age_must_be_non_negative CHECK (age >= 0),
  lock_version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX cs_users_email_index ON cs_users (email);
CREATE UNIQUE INDEX cs_users_name_company_id_index ON cs_users (name, company_id);
CREATE TABLE cs_posts (
  id bigserial PRIMARY KEY,
  user_id bigint CONSTRAINT cs_posts_user_id_fkey REFERENCES cs_users (id),
  title text NOT NULL
);
CREATE TABLE cs_bookings (
  id bigserial PRIMARY KEY,
  room integer NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  CONSTRAINT cs_bookings_starts_at_exclusion EXCLUDE USING gist (tstzrange(starts_at, ends_at) WITH &&)
);
CREATE TABLE cs_audit (
  id bigserial PRIMARY KEY,
  note text NOT NULL
);
