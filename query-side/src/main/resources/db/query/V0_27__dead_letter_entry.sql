-- Axon's dead-letter queue of the query processor (JdbcSequencedDeadLetterQueue, table named in
-- ProjectionConfiguration): events a projection could not handle, parked per project so that the other projects and
-- later events go on. Axon's own schema (GenericDeadLetterTableFactory); times are ISO-8601 text, as Axon writes them.
CREATE TABLE dead_letter_entry (
    deadLetterIdentifier VARCHAR(255)  NOT NULL PRIMARY KEY,
    processingGroup      VARCHAR(255)  NOT NULL,
    sequenceIdentifier   VARCHAR(255)  NOT NULL,
    sequenceIndex        BIGINT        NOT NULL,
    messageType          VARCHAR(255)  NOT NULL,
    eventIdentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadType          VARCHAR(255)  NOT NULL,
    payloadRevision      VARCHAR(255),
    payload              ${blob}       NOT NULL,
    metaData             ${blob},
    type                 VARCHAR(255),
    aggregateIdentifier  VARCHAR(255),
    sequenceNumber       BIGINT,
    tokenType            VARCHAR(255),
    token                ${blob},
    enqueuedAt           VARCHAR(255)  NOT NULL,
    lastTouched          VARCHAR(255),
    processingStarted    VARCHAR(255),
    causeType            VARCHAR(255),
    causeMessage         VARCHAR(1023),
    diagnostics          ${blob},
    CONSTRAINT dead_letter_entry_sequence_index UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);
CREATE INDEX dead_letter_entry_sequence ON dead_letter_entry (processingGroup, sequenceIdentifier);
