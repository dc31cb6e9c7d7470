-- Alert delivery (rule N2). The 'alert-delivery' tracking processor keeps each project's recipients and turns every
-- AlertRaised into one delivery row per recipient, in the transaction that moves its token; the delivery worker then
-- sends the rows and records every attempt.

-- The query side creates the same table; both services share one database and either may migrate first.
CREATE TABLE IF NOT EXISTS token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BLOB,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- The project's recipients as of the last AlertRecipientsChanged the processor handled.
CREATE TABLE alert_recipient (
    project_id VARCHAR(128)  NOT NULL,
    channel    VARCHAR(16)   NOT NULL,
    target     VARCHAR(1024) NOT NULL,
    list_index INTEGER       NOT NULL,
    PRIMARY KEY (project_id, channel, target)
);

-- The webhooks' HMAC secret, one per project. Only here: never in an event or a log line (rule AU3).
CREATE TABLE alert_webhook_secret (
    project_id VARCHAR(128)             NOT NULL PRIMARY KEY,
    secret     VARCHAR(128)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at TIMESTAMP WITH TIME ZONE
);

-- One row per alert and recipient. Its key, delivery_id, is a SHA-256 of (project_id, alert_id, channel, target),
-- so a redelivered AlertRaised inserts nothing; hashed because an alert id names all the items of its term and has
-- no useful upper bound on its length.
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
