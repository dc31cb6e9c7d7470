-- quota: the items and their admin lifecycle
CREATE TABLE qry_item (
    item_id              VARCHAR(128)             NOT NULL PRIMARY KEY,
    project_id           VARCHAR(128)             NOT NULL,
    license_id           VARCHAR(128)             NOT NULL,
    type                 VARCHAR(32)              NOT NULL,
    quantity             BIGINT                   NOT NULL,
    valid_from           TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until          TIMESTAMP WITH TIME ZONE NOT NULL,
    overage              VARCHAR(32)              NOT NULL,
    renewal_of           VARCHAR(128),
    attached_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    lifecycle            VARCHAR(16)              DEFAULT 'ACTIVE' NOT NULL,
    lifecycle_note       VARCHAR,
    lifecycle_changed_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX qry_item_project ON qry_item (project_id);
