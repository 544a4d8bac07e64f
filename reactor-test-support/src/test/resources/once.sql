-- Deliberately not re-runnable: applying it twice in one JVM would fail.
DROP TABLE IF EXISTS support_notes;
CREATE TABLE support_notes (id bigserial PRIMARY KEY, body text NOT NULL);
CREATE TABLE support_notes_guard (id int);
