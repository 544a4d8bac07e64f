-- Tables of BitStringIT.
DROP TABLE IF EXISTS bs_devices CASCADE;
CREATE TABLE bs_devices (
  id bigserial PRIMARY KEY,
  name text,
  flags varbit,
  mask bit(4),
  info jsonb
);
