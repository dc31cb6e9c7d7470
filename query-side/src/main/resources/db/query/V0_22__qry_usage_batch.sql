-- usage
CREATE TABLE qry_usage_batch (
    project_id VARCHAR(128) NOT NULL,
    device_id  VARCHAR(128) NOT NULL,
    batch_id   VARCHAR(128) NOT NULL,
    PRIMARY KEY (project_id, device_id, batch_id)
);
