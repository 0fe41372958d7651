-- Collector/API tokens: only the SHA-256 of each token is kept.
CREATE TABLE api_tokens (
    name         text PRIMARY KEY,
    hash         text NOT NULL UNIQUE,
    scope        smallint NOT NULL,       -- 0 ingest, 1 read, 2 admin
    team         text,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz
);
