-- Usage facts: one row per request, keyed by the source's stable id (mirrors the DuckDB schema).
CREATE TABLE usage_records (
    id                    text PRIMARY KEY,
    source_kind           text NOT NULL,
    source_name           text,
    occurred_at           timestamptz NOT NULL,
    provider              text NOT NULL,
    model                 text NOT NULL,
    service_tier          text,
    speed                 text,
    inference_geo         text,
    input_tokens          bigint NOT NULL,
    output_tokens         bigint NOT NULL,
    cache_read_tokens     bigint NOT NULL,
    cache_write_5m_tokens bigint NOT NULL,
    cache_write_1h_tokens bigint NOT NULL,
    web_search_requests   bigint NOT NULL,
    requests              bigint NOT NULL,
    cost                  numeric(24, 12),
    cost_basis            smallint NOT NULL,
    currency              text NOT NULL,
    is_sidechain          boolean NOT NULL,
    message_id            text,
    request_id            text,
    api_key_id            text,
    api_key_alias         text,
    workspace             text,
    person                text,
    account               text,
    machine_user          text,
    session_id            text,
    tool                  text,
    tool_version          text,
    repo                  text,
    branch                text,
    cwd                   text,
    ticket_ids            text,                 -- space-separated
    tags                  jsonb                 -- JSON object of strings
);

CREATE INDEX usage_records_occurred_at ON usage_records (occurred_at);

CREATE TABLE source_cursors (
    source     text NOT NULL,
    key        text NOT NULL,
    state      text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (source, key)
);
