-- Tables of CustomTypesIT.
DROP TABLE IF EXISTS ct_products CASCADE;
CREATE TABLE ct_products (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  price bigint,
  status integer,
  share text
);
DROP TABLE IF EXISTS ct_timers CASCADE;
CREATE TABLE ct_timers (
  id bigserial PRIMARY KEY,
  took interval,
  lap interval,
  term interval
);
DROP TABLE IF EXISTS ct_orders CASCADE;
CREATE TABLE ct_orders (
  id bigserial PRIMARY KEY,
  item jsonb
);
