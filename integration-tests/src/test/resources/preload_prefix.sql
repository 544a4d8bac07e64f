-- The same tables in two PostgreSQL schemas (tenants), and countries in a third that a schema's
-- @Schema(prefix) names. No table of these names in public: a read that ignored the prefix fails.
-- Re-runnable.
DROP SCHEMA IF EXISTS pfx_a CASCADE;
DROP SCHEMA IF EXISTS pfx_b CASCADE;
DROP SCHEMA IF EXISTS pfx_shared CASCADE;
CREATE SCHEMA pfx_a;
CREATE SCHEMA pfx_b;
CREATE SCHEMA pfx_shared;
CREATE TABLE pfx_shared.pf_countries (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE pfx_a.pf_authors (id bigint PRIMARY KEY, name text NOT NULL, country_id bigint);
CREATE TABLE pfx_a.pf_profiles (id bigint PRIMARY KEY, author_id bigint NOT NULL, bio text NOT NULL);
CREATE TABLE pfx_a.pf_posts (id bigint PRIMARY KEY, title text NOT NULL, author_id bigint);
CREATE TABLE pfx_a.pf_comments (id bigint PRIMARY KEY, post_id bigint NOT NULL, body text NOT NULL);
CREATE TABLE pfx_a.pf_tags (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE pfx_a.pf_posts_tags (post_id bigint NOT NULL, tag_id bigint NOT NULL, PRIMARY KEY (post_id, tag_id));
CREATE TABLE pfx_b.pf_authors (LIKE pfx_a.pf_authors INCLUDING ALL);
CREATE TABLE pfx_b.pf_profiles (LIKE pfx_a.pf_profiles INCLUDING ALL);
CREATE TABLE pfx_b.pf_posts (LIKE pfx_a.pf_posts INCLUDING ALL);
CREATE TABLE pfx_b.pf_comments (LIKE pfx_a.pf_comments INCLUDING ALL);
CREATE TABLE pfx_b.pf_tags (LIKE pfx_a.pf_tags INCLUDING ALL);
CREATE TABLE pfx_b.pf_posts_tags (LIKE pfx_a.pf_posts_tags INCLUDING ALL);
