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
