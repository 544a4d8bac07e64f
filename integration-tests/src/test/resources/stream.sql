-- Tables of StreamIT: 2,000 committed items (read only), 3 notes on each of the first 300, and a
-- log that the tests writing for real clean up.
DROP TABLE IF EXISTS stream_items, stream_notes, stream_log CASCADE;
CREATE TABLE stream_items (
  id bigint PRIMARY KEY,
  n integer NOT NULL,
  label text NOT NULL
);
CREATE TABLE stream_notes (
  id bigserial PRIMARY KEY,
  item_id bigint NOT NULL REFERENCES stream_items (id),
  body text NOT NULL
);
CREATE TABLE stream_log (
  id bigserial PRIMARY KEY,
  item_id bigint NOT NULL
);
INSERT INTO stream_items (id, n, label) SELECT g, g, 'item ' || g FROM generate_series(1, 2000) AS g;
INSERT INTO stream_notes (item_id, body) SELECT i, 'note ' || k || ' of ' || i FROM generate_series(1, 300) AS i, generate_series(1, 3) AS k;
