-- One row per usage batch and item: a batch is recorded once per (project, device, batchId), so the key makes a
-- redelivered UsageRecorded harmless.
CREATE TABLE qry_item_units (
    item_id    VARCHAR(128) NOT NULL,
    project_id VARCHAR(128) NOT NULL,
    device_id  VARCHAR(128) NOT NULL,
    batch_id   VARCHAR(128) NOT NULL,
    units      BIGINT       NOT NULL,
    PRIMARY KEY (item_id, project_id, device_id, batch_id)
);
