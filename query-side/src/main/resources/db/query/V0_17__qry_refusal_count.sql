CREATE TABLE qry_refusal_count (
    project_id      VARCHAR(128)             NOT NULL,
    reason          VARCHAR(64)              NOT NULL,
    refusals        BIGINT                   NOT NULL,
    last_refused_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, reason)
);
