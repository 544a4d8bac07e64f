-- jsonb columns for Map fields. Re-runnable.
DROP TABLE IF EXISTS profiles CASCADE;
CREATE TABLE profiles (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  settings jsonb
);
