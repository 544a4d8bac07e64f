-- Tables of QueryConformance2IT: typed casts of values and LIKE on bytea. Re-runnable.
DROP TABLE IF EXISTS qc_items CASCADE;

CREATE TABLE qc_items (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  price numeric(12, 2),
  qty integer,
  data bytea
);
