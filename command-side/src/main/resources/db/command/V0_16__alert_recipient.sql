-- Alert delivery (rule N2). The 'alert-delivery' tracking processor keeps each project's recipients (as of the last
-- AlertRecipientsChanged it handled) and turns every AlertRaised into one delivery row per recipient, in the
-- transaction that moves its token; the delivery worker then sends the rows and records every attempt.
CREATE TABLE alert_recipient (
    project_id VARCHAR(128)  NOT NULL,
    channel    VARCHAR(16)   NOT NULL,
    target     VARCHAR(1024) NOT NULL,
    list_index INTEGER       NOT NULL,
    PRIMARY KEY (project_id, channel, target)
);
