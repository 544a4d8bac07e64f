-- Array columns for List fields. Re-runnable.
DROP TABLE IF EXISTS tagged CASCADE;
CREATE TABLE tagged (
  id bigserial PRIMARY KEY,
  tags text[],
  scores bigint[] NOT NULL DEFAULT '{}',
  moods text[]
);
