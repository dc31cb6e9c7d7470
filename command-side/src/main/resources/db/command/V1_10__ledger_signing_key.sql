-- The ledger key, which signs the ledger's checkpoints (rule AU7): kept as the lease keys are (server_signing_key), in
-- a table of its own. Numbered above 1, as every migration added since the per-table migrations: a store upgraded
-- from the per-dialect builds has its baseline at 1 (PerDialectHistory), and Flyway skips what lies below it.
CREATE TABLE ledger_signing_key (
    key_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    private_jwk ${clob} NOT NULL,
    created_at  TIMESTAMP   NOT NULL
);
