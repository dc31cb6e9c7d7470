CREATE TABLE server_signing_key (
    key_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    private_jwk ${clob} NOT NULL,
    created_at  TIMESTAMP   NOT NULL
);
