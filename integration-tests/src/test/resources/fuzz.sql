-- Tables of CancellationFuzzIT. Re-runnable.
-- Read only (seeded here): owners, parents, children and tags, for get, all, aggregate, preload and stream.
-- Written by the suite, which empties them before and after it runs:
--   fz_pairs   every transactional trial writes exactly two rows (pair_no 1 and 2) with its trial
--              number, or none; pair_no 3 and 4 are written only transiently inside a transaction
--              (or by a transaction that must fail), so a committed trial always has exactly {1, 2}.
--   fz_singles writes outside any transaction (autocommit, checkout), never part of a pair.
--   fz_probes  the autocommit inserts after each batch, read back from another connection.
DROP TABLE IF EXISTS fz_parents_tags, fz_children, fz_parents, fz_owners, fz_tags, fz_pairs, fz_singles, fz_probes CASCADE;

CREATE TABLE fz_owners (
  id bigserial PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE fz_parents (
  id bigserial PRIMARY KEY,
  owner_id bigint REFERENCES fz_owners (id),
  name text NOT NULL,
  rank integer NOT NULL
);
CREATE TABLE fz_children (
  id bigserial PRIMARY KEY,
  parent_id bigint NOT NULL REFERENCES fz_parents (id),
  body text NOT NULL,
  pos integer NOT NULL
);
CREATE TABLE fz_tags (
  id bigserial PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE fz_parents_tags (
  parent_id bigint NOT NULL REFERENCES fz_parents (id),
  tag_id bigint NOT NULL REFERENCES fz_tags (id),
  PRIMARY KEY (parent_id, tag_id)
);

CREATE TABLE fz_pairs (
  id bigserial PRIMARY KEY,
  trial integer NOT NULL,
  pair_no integer NOT NULL,
  note text,
  CONSTRAINT fz_pairs_trial_pair_no_key UNIQUE (trial, pair_no)
);
CREATE TABLE fz_singles (
  id bigserial PRIMARY KEY,
  trial integer NOT NULL,
  code text NOT NULL CONSTRAINT fz_singles_code_key UNIQUE,
  hits integer NOT NULL DEFAULT 0,
  note text
);
CREATE TABLE fz_probes (
  id bigserial PRIMARY KEY,
  batch integer NOT NULL,
  slot integer NOT NULL
);

INSERT INTO fz_owners (id, name) SELECT g, 'owner ' || g FROM generate_series(1, 20) AS g;
-- Every tenth parent has no owner: a belongs-to with a NULL key.
INSERT INTO fz_parents (id, owner_id, name, rank)
  SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 1 + g % 20 END, 'parent ' || g, g % 7 FROM generate_series(1, 300) AS g;
-- Three children on each of the first 200 parents; the last 100 have none (an empty has-many).
INSERT INTO fz_children (parent_id, body, pos)
  SELECT p, 'child ' || k || ' of ' || p, k FROM generate_series(1, 200) AS p, generate_series(1, 3) AS k;
INSERT INTO fz_tags (id, name) SELECT g, 'tag ' || g FROM generate_series(1, 8) AS g;
INSERT INTO fz_parents_tags (parent_id, tag_id)
  SELECT p, 1 + (p + k) % 8 FROM generate_series(1, 300) AS p, generate_series(0, 1) AS k;
