-- Tables of the query language tests (QueryLanguageIT, HostileValuesIT). Re-runnable.
-- No foreign keys: comments may point at posts that do not exist, for right and full joins.
DROP TABLE IF EXISTS q_authors, q_posts, q_comments CASCADE;

CREATE TABLE q_authors (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  nickname text
);

CREATE TABLE q_posts (
  id bigserial PRIMARY KEY,
  title text NOT NULL,
  votes integer,
  author_id bigint,
  status text
);

CREATE TABLE q_comments (
  id bigserial PRIMARY KEY,
  post_id bigint,
  body text NOT NULL,
  votes integer,
  posted_at timestamptz
);
