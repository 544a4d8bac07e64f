-- Tables of JsonConformanceIT: map (jsonb) fields, selected JSON paths, and JSON Jackson would
-- refuse to read back. Re-runnable.
DROP TABLE IF EXISTS jc_docs CASCADE;
CREATE TABLE jc_docs (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  data jsonb
);
