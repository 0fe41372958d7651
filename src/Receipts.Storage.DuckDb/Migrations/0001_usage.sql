-- Usage facts: one row per request, keyed by the source's stable id.
CREATE TABLE usage_records (
    id                    VARCHAR PRIMARY KEY,
    source_kind           VARCHAR NOT NULL,
    source_name           VARCHAR,
    occurred_at           TIMESTAMP NOT NULL,          -- UTC
    provider              VARCHAR NOT NULL,
    model                 VARCHAR NOT NULL,
    service_tier          VARCHAR,
    speed                 VARCHAR,
    inference_geo         VARCHAR,
    input_tokens          BIGINT NOT NULL,
    output_tokens         BIGINT NOT NULL,
    cache_read_tokens     BIGINT NOT NULL,
    cache_write_5m_tokens BIGINT NOT NULL,
    cache_write_1h_tokens BIGINT NOT NULL,
    web_search_requests   BIGINT NOT NULL,
    requests              BIGINT NOT NULL,
    cost                  DECIMAL(24, 12),
    cost_basis            TINYINT NOT NULL,
    currency              VARCHAR NOT NULL,
    is_sidechain          BOOLEAN NOT NULL,
    message_id            VARCHAR,
    request_id            VARCHAR,
    api_key_id            VARCHAR,
    api_key_alias         VARCHAR,
    workspace             VARCHAR,
    person                VARCHAR,
    account               VARCHAR,
    machine_user          VARCHAR,
    session_id            VARCHAR,
    tool                  VARCHAR,
    tool_version          VARCHAR,
    repo                  VARCHAR,
    branch                VARCHAR,
    cwd                   VARCHAR,
    ticket_ids            VARCHAR,                     -- space-separated
    tags                  VARCHAR                      -- JSON object
);

-- Rows of one write are staged here, then merged into usage_records in the same transaction.
CREATE TABLE usage_staging AS SELECT * FROM usage_records WITH NO DATA;

CREATE TABLE source_cursors (
    source     VARCHAR NOT NULL,
    key        VARCHAR NOT NULL,
    state      VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (source, key)
);
