-- projects, with their admin lifecycle (rule L7)
CREATE TABLE qry_project (
    project_id        VARCHAR(128)             NOT NULL PRIMARY KEY,
    name              VARCHAR                  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    allowed_app_ids   VARCHAR                  NOT NULL,
    status            VARCHAR(16)              DEFAULT 'ACTIVE' NOT NULL,
    status_note       VARCHAR,
    status_changed_at TIMESTAMP WITH TIME ZONE
);
