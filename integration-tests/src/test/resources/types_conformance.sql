-- Tables of TypesConformanceIT: times finer than microseconds, enum values the enum lacks,
-- preloads with nulls and of the wrong kind. Re-runnable.
DROP TABLE IF EXISTS tc_times, tc_tickets, tc_posts_tags, tc_posts, tc_authors, tc_tags CASCADE;
CREATE TABLE tc_times (
  id bigserial PRIMARY KEY,
  label text,
  at timestamptz,
  odt timestamptz,
  ldt timestamp,
  lt time,
  ats timestamptz[]
);
CREATE TABLE tc_tickets (
  id bigserial PRIMARY KEY,
  title text,
  status text,
  labels text[],
  origin text DEFAULT 'IMPORTED'
);
CREATE TABLE tc_authors (
  id bigserial PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE tc_posts (
  id bigserial PRIMARY KEY,
  title text NOT NULL,
  author_id bigint REFERENCES tc_authors (id)
);
CREATE TABLE tc_tags (
  id bigserial PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE tc_posts_tags (
  post_id bigint NOT NULL REFERENCES tc_posts (id),
  tag_id bigint NOT NULL REFERENCES tc_tags (id)
);
