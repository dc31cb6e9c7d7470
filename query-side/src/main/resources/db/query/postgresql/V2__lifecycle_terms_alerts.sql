-- projects: the admin lifecycle (rule L7) and where alerts go (rule N2)
ALTER TABLE qry_project ADD COLUMN status VARCHAR(16) DEFAULT 'ACTIVE' NOT NULL;
ALTER TABLE qry_project ADD COLUMN status_note VARCHAR;
ALTER TABLE qry_project ADD COLUMN status_changed_at TIMESTAMP WITH TIME ZONE;

-- Recipients are kept one per row: URLs and addresses may hold any separator a joined column would need.
CREATE TABLE qry_alert_recipient (
    project_id VARCHAR(128) NOT NULL,
    channel    VARCHAR(16)  NOT NULL,
    list_index INTEGER      NOT NULL,
    address    VARCHAR      NOT NULL,
    PRIMARY KEY (project_id, channel, list_index)
);

-- devices: an unregistered device leaves the active list; each unregistration is kept so an admin sees why
ALTER TABLE qry_device ADD COLUMN unregistered_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE qry_device ADD COLUMN unregistration_reason VARCHAR(32);

CREATE TABLE qry_device_unregistration (
    project_id      VARCHAR(128)             NOT NULL,
    device_id       VARCHAR(128)             NOT NULL,
    unregistered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    item_id         VARCHAR(128),
    reason          VARCHAR(32)              NOT NULL,
    PRIMARY KEY (project_id, device_id, unregistered_at)
);
CREATE INDEX qry_device_unregistration_recent ON qry_device_unregistration (project_id, unregistered_at);

-- quota: an item's admin lifecycle, and one seat row per device and item, so that an ended term still knows which
-- seats it held at its end after the devices moved on to the renewal
ALTER TABLE qry_item ADD COLUMN lifecycle VARCHAR(16) DEFAULT 'ACTIVE' NOT NULL;
ALTER TABLE qry_item ADD COLUMN lifecycle_note VARCHAR;
ALTER TABLE qry_item ADD COLUMN lifecycle_changed_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE qry_item_seat ADD COLUMN freed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE qry_item_seat DROP CONSTRAINT qry_item_seat_pkey;
ALTER TABLE qry_item_seat ADD PRIMARY KEY (item_id, project_id, device_id);
CREATE INDEX qry_item_seat_device ON qry_item_seat (project_id, device_id);

-- alerts: an alertId is composed of the ids of the items it is about, so it has no length bound; the key is its
-- SHA-256 (hex) so that the index stays small
CREATE TABLE qry_alert (
    project_id   VARCHAR(128)             NOT NULL,
    alert_key    CHAR(64)                 NOT NULL,
    alert_id     VARCHAR                  NOT NULL,
    kind         VARCHAR(32)              NOT NULL,
    license_type VARCHAR(32),
    threshold    INTEGER                  NOT NULL,
    term_key     VARCHAR,
    used         BIGINT                   NOT NULL,
    limit_value  BIGINT                   NOT NULL,
    raised_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, alert_key)
);
CREATE INDEX qry_alert_recent ON qry_alert (project_id, raised_at);
