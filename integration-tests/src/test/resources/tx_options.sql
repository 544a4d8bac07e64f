-- Tables of TransactionOptionsIT, which really commits (it cleans up after itself).
DROP TABLE IF EXISTS on_call CASCADE;
CREATE TABLE on_call (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  on_duty boolean NOT NULL
);

-- Fails a real statement with the given SQLSTATE, so tests see what the driver and Flecto make of it.
CREATE OR REPLACE FUNCTION flecto_raise(code text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'raised SQLSTATE %', code USING ERRCODE = code;
END
$$;
