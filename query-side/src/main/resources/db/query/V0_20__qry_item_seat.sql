-- One seat row per device and item, so that an ended term still knows which seats it held at its end after the
-- devices moved on to the renewal.
CREATE TABLE qry_item_seat (
    project_id       VARCHAR(128)             NOT NULL,
    device_id        VARCHAR(128)             NOT NULL,
    item_id          VARCHAR(128)             NOT NULL,
    registered_until TIMESTAMP WITH TIME ZONE NOT NULL,
    freed_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (item_id, project_id, device_id)
);
CREATE INDEX qry_item_seat_item ON qry_item_seat (item_id, registered_until);
CREATE INDEX qry_item_seat_device ON qry_item_seat (project_id, device_id);
