-- Tables of PgBouncerIT, which writes through a real PgBouncer and cleans up. Re-runnable.
DROP TABLE IF EXISTS pb_posts, pb_users, pb_versions, pb_migrated CASCADE;
CREATE TABLE pb_users (
  id bigserial PRIMARY KEY,
  email text NOT NULL CONSTRAINT pb_users_email_key UNIQUE,
  name text
);
CREATE TABLE pb_posts (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES pb_users (id),
  title text NOT NULL
);
