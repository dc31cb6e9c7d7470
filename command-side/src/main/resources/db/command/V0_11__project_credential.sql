CREATE TABLE project_credential (
    credential_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    project_id      VARCHAR(128) NOT NULL
);
