-- One row per alert and recipient, and one per attempt to deliver it. Its key, delivery_id, is a SHA-256 of
-- (project_id, alert_id, channel, target), so a redelivered AlertRaised inserts nothing; hashed because an alert id
-- names all the items of its term and has no useful upper bound on its length.
CREATE TABLE alert_delivery (
    delivery_id     VARCHAR(64)              NOT NULL PRIMARY KEY,
    alert_id        VARCHAR                  NOT NULL,
    project_id      VARCHAR(128)             NOT NULL,
    channel         VARCHAR(16)              NOT NULL,
    target          VARCHAR(1024)            NOT NULL,
    kind            VARCHAR(32)              NOT NULL,
    license_type    VARCHAR(32),
    threshold       INTEGER                  NOT NULL,
    term_key        VARCHAR,
    used_value      BIGINT                   NOT NULL,
    limit_value     BIGINT                   NOT NULL,
    raised_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    last_result     VARCHAR(500),
    delivered_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_alert_delivery_due ON alert_delivery (status, next_attempt_at);
CREATE INDEX ix_alert_delivery_project ON alert_delivery (project_id, raised_at);

CREATE TABLE alert_delivery_attempt (
    delivery_id  VARCHAR(64)              NOT NULL,
    attempt      INTEGER                  NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    http_status  INTEGER,
    result       VARCHAR(500)             NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
