-- Each unregistration is kept so an admin sees why a device left.
CREATE TABLE qry_device_unregistration (
    project_id      VARCHAR(128)             NOT NULL,
    device_id       VARCHAR(128)             NOT NULL,
    unregistered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    item_id         VARCHAR(128),
    reason          VARCHAR(32)              NOT NULL,
    PRIMARY KEY (project_id, device_id, unregistered_at)
);
CREATE INDEX qry_device_unregistration_recent ON qry_device_unregistration (project_id, unregistered_at);
