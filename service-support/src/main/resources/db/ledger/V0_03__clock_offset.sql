-- Only read when ledger.clock.adjustable=true (tests and demos that move time forward); one row, shared by both
-- services so that they agree on the time.
CREATE TABLE IF NOT EXISTS clock_offset (
    id            INTEGER NOT NULL PRIMARY KEY,
    offset_millis BIGINT  NOT NULL
);
