-- Tracking tokens of the query side's event processors. The command side may keep its own processors' tokens here
-- too (each service applies its migrations under its own history table), hence IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BLOB,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- projects
CREATE TABLE qry_project (
    project_id      VARCHAR(128)             NOT NULL PRIMARY KEY,
    name            VARCHAR                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    allowed_app_ids VARCHAR                  NOT NULL
);

CREATE TABLE qry_refusal_count (
    project_id      VARCHAR(128)             NOT NULL,
    reason          VARCHAR(64)              NOT NULL,
    refusals        BIGINT                   NOT NULL,
    last_refused_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, reason)
);

-- devices
CREATE TABLE qry_device (
    project_id       VARCHAR(128)             NOT NULL,
    device_id        VARCHAR(128)             NOT NULL,
    device_name      VARCHAR,
    license_type     VARCHAR(32),
    item_id          VARCHAR(128),
    first_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_activity_at TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_until TIMESTAMP WITH TIME ZONE,
    overage          BOOLEAN                  NOT NULL,
    PRIMARY KEY (project_id, device_id)
);
CREATE INDEX qry_device_active ON qry_device (project_id, registered_until);

-- quota
CREATE TABLE qry_item (
    item_id     VARCHAR(128)             NOT NULL PRIMARY KEY,
    project_id  VARCHAR(128)             NOT NULL,
    license_id  VARCHAR(128)             NOT NULL,
    type        VARCHAR(32)              NOT NULL,
    quantity    BIGINT                   NOT NULL,
    valid_from  TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until TIMESTAMP WITH TIME ZONE NOT NULL,
    overage     VARCHAR(32)              NOT NULL,
    renewal_of  VARCHAR(128),
    attached_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX qry_item_project ON qry_item (project_id);

CREATE TABLE qry_item_seat (
    project_id       VARCHAR(128)             NOT NULL,
    device_id        VARCHAR(128)             NOT NULL,
    item_id          VARCHAR(128)             NOT NULL,
    registered_until TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, device_id)
);
CREATE INDEX qry_item_seat_item ON qry_item_seat (item_id, registered_until);

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

-- usage
CREATE TABLE qry_usage_batch (
    project_id VARCHAR(128) NOT NULL,
    device_id  VARCHAR(128) NOT NULL,
    batch_id   VARCHAR(128) NOT NULL,
    PRIMARY KEY (project_id, device_id, batch_id)
);

CREATE TABLE qry_usage_hour (
    project_id VARCHAR(128)             NOT NULL,
    hour_start TIMESTAMP WITH TIME ZONE NOT NULL,
    feature    VARCHAR(128)             NOT NULL,
    units      BIGINT                   NOT NULL,
    PRIMARY KEY (project_id, hour_start, feature)
);
