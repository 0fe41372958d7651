-- Collector/API tokens: only the SHA-256 of each token is kept.
CREATE TABLE api_tokens (
    name         VARCHAR PRIMARY KEY,
    hash         VARCHAR NOT NULL UNIQUE,
    scope        TINYINT NOT NULL,        -- 0 ingest, 1 read, 2 admin
    team         VARCHAR,
    created_at   TIMESTAMP NOT NULL,      -- UTC
    last_used_at TIMESTAMP                -- UTC
);
