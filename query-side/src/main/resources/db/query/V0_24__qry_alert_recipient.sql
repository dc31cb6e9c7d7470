-- Where a project's alerts go (rule N2). Recipients are kept one per row: URLs and addresses may hold any separator a
-- joined column would need.
CREATE TABLE qry_alert_recipient (
    project_id VARCHAR(128) NOT NULL,
    channel    VARCHAR(16)  NOT NULL,
    list_index INTEGER      NOT NULL,
    address    VARCHAR      NOT NULL,
    PRIMARY KEY (project_id, channel, list_index)
);
