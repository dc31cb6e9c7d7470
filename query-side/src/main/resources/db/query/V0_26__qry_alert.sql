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
