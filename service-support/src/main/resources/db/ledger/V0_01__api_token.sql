-- The API tokens both services accept (only their hashes).
CREATE TABLE IF NOT EXISTS api_token (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(64)  NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    created_at TIMESTAMP    NOT NULL
);
