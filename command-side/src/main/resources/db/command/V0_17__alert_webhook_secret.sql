-- The webhooks' HMAC secret, one per project. Only here: never in an event or a log line (rule AU3).
CREATE TABLE alert_webhook_secret (
    project_id VARCHAR(128)             NOT NULL PRIMARY KEY,
    secret     VARCHAR(128)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at TIMESTAMP WITH TIME ZONE
);
