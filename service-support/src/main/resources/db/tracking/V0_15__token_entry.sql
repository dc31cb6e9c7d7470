-- The tracking tokens of both services' event processors: the query side's in its own database, the command side's
-- (alert delivery) in the ledger's. On PostgreSQL both are one database, hence IF NOT EXISTS. Numbered between the
-- command side's lookups and its alert tables, below the query side's read models: the order in which stores created
-- these tables before, which the names H2 generates for keys follow (see StoreContents in the tests).
CREATE TABLE IF NOT EXISTS token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          ${blob},
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);
