-- The ledger's hash chain (rule AU7; io.licenseledger.audit.LedgerChain defines the hashes). One row per event, in the
-- order the chain took them (their commit order), gapless from 1: the event's row, its digest and the chain hash
-- after it. Written by the command side in the transaction that appends the events.
-- Numbered above 1, as every migration added since the per-table ones: a store upgraded from the per-dialect builds
-- has its history's baseline at 1 (PerDialectHistory), and Flyway skips every version below a baseline.
CREATE TABLE IF NOT EXISTS ledger_chain (
    chain_position BIGINT       NOT NULL PRIMARY KEY,
    global_index   BIGINT       NOT NULL,
    event_digest   ${varbinary} NOT NULL,
    chain_hash     ${varbinary} NOT NULL,
    CONSTRAINT uk_ledger_chain_global_index UNIQUE (global_index)
);

-- The chain's head, one row (id 1): every append locks it, so that instances sharing a store extend one chain.
CREATE TABLE IF NOT EXISTS ledger_chain_head (
    id             INTEGER      NOT NULL PRIMARY KEY,
    chain_position BIGINT       NOT NULL,
    chain_hash     ${varbinary} NOT NULL
);

-- Signed checkpoints (io.licenseledger.audit.Checkpoint): the chain hash at a position, signed by the ledger key.
CREATE TABLE IF NOT EXISTS ledger_checkpoint (
    chain_position BIGINT       NOT NULL PRIMARY KEY,
    chain_hash     ${varbinary} NOT NULL,
    signed_at      VARCHAR(40)  NOT NULL,
    genesis        BOOLEAN      NOT NULL,
    key_id         VARCHAR(64)  NOT NULL,
    signature      ${varbinary} NOT NULL
);
