-- When each project next needs a decision without a request: a registration or seat lease running out (A3, A4),
-- an expiry alert falling due (N1). Written with the events that set them; swept by the command side.
CREATE TABLE project_deadline (
    project_id VARCHAR(128) NOT NULL,
    subject    VARCHAR(160) NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    due_at     TIMESTAMP    NOT NULL,
    PRIMARY KEY (project_id, subject, kind)
);

CREATE INDEX ix_project_deadline_due ON project_deadline (due_at);
