CREATE TABLE qry_usage_hour (
    project_id VARCHAR(128)             NOT NULL,
    hour_start TIMESTAMP WITH TIME ZONE NOT NULL,
    feature    VARCHAR(128)             NOT NULL,
    units      BIGINT                   NOT NULL,
    PRIMARY KEY (project_id, hour_start, feature)
);
