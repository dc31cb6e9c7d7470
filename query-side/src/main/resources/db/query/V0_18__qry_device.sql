-- devices: an unregistered device leaves the active list
CREATE TABLE qry_device (
    project_id            VARCHAR(128)             NOT NULL,
    device_id             VARCHAR(128)             NOT NULL,
    device_name           VARCHAR,
    license_type          VARCHAR(32),
    item_id               VARCHAR(128),
    first_seen_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_activity_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_until      TIMESTAMP WITH TIME ZONE,
    overage               BOOLEAN                  NOT NULL,
    unregistered_at       TIMESTAMP WITH TIME ZONE,
    unregistration_reason VARCHAR(32),
    PRIMARY KEY (project_id, device_id)
);
CREATE INDEX qry_device_active ON qry_device (project_id, registered_until);
