-- Lookups the command side keeps beside the ledger. They are written by a subscribing event handler in the same
-- transaction as the events they follow, so they never disagree with the ledger; their keys enforce the set rules
-- a single aggregate cannot (one project per item, one answer per usage batch).

CREATE TABLE license_item (
    item_id     VARCHAR(128) NOT NULL PRIMARY KEY,
    license_id  VARCHAR(128) NOT NULL,
    project_id  VARCHAR(128),
    item_json   TEXT NOT NULL
);

CREATE TABLE project_credential (
    credential_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    project_id      VARCHAR(128) NOT NULL
);

CREATE TABLE usage_batch (
    project_id      VARCHAR(128) NOT NULL,
    device_id       VARCHAR(128) NOT NULL,
    batch_id        VARCHAR(128) NOT NULL,
    fingerprint     VARCHAR(64)  NOT NULL,
    units_recorded  BIGINT       NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    units_remaining BIGINT,
    PRIMARY KEY (project_id, device_id, batch_id)
);

CREATE TABLE server_signing_key (
    key_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    private_jwk TEXT NOT NULL,
    created_at  TIMESTAMP   NOT NULL
);
