-- A tree for recursive CTEs. Re-runnable.
DROP TABLE IF EXISTS tree_nodes CASCADE;
CREATE TABLE tree_nodes (
  id bigserial PRIMARY KEY,
  parent_id bigint,
  name text NOT NULL
);
