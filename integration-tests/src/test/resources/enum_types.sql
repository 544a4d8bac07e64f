-- Tables of EnumTypeIT.
DROP TABLE IF EXISTS et_posts CASCADE;
CREATE TABLE et_posts (
  id bigserial PRIMARY KEY,
  title text,
  status integer,
  stage text,
  kind text,
  meta jsonb
);
DROP TABLE IF EXISTS et_users CASCADE;
CREATE TABLE et_users (
  id bigserial PRIMARY KEY,
  name text,
  roles integer[],
  labels text[],
  names text[],
  prefs jsonb
);
