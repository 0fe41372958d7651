-- usage_records loses its PRIMARY KEY: DuckDB rewrites a table's whole primary-key (ART) index at every
-- checkpoint (1.1–1.7 s at a million rows, holding up every commit meanwhile) and keeps it in memory. The writer
-- keeps ids unique instead (DuckDbStore.Usage.cs: in-batch fullest copy, then a merge against the stored rows),
-- as 0003 does for changes. DuckDB cannot drop a constraint, so the table is rebuilt: create, copy, swap, all in
-- this migration's one transaction. The copy is ordered by instant, so time-filtered reads skip row groups.
--
-- The copy also moves transcript imports to the one id scheme of an Anthropic request (UsageRecordIds):
-- `claude-code:<message>/<request>` becomes `anthropic:req:<request>` (or `anthropic:msg:<message>` without a request
-- id), the id hooks and OTel already used, so a store fed by both counts each request once. Where two rows meet on one
-- id, the fullest copy stays, by the writer's rule: the main-thread copy over a sidechain replay, then more tokens
-- (then the one with more context, then the earliest, for a stable choice).
CREATE TABLE usage_records_0012 (
    id                    VARCHAR NOT NULL,
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

INSERT INTO usage_records_0012
SELECT * EXCLUDE (keep)
FROM (
    SELECT *,
           row_number() OVER (
               PARTITION BY id
               ORDER BY is_sidechain,
                        input_tokens + output_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens DESC,
                        (repo IS NOT NULL)::INTEGER + (branch IS NOT NULL)::INTEGER + (cwd IS NOT NULL)::INTEGER DESC,
                        occurred_at, source_kind, source_name) AS keep
    FROM (
        SELECT * REPLACE (
            CASE WHEN source_kind = 'claude-code' AND id LIKE 'claude-code:%'
                 THEN coalesce(
                     'anthropic:req:' || nullif(trim(request_id), ''),
                     CASE WHEN message_id LIKE 'msg\_%' ESCAPE '\' AND length(message_id) > 4 THEN 'anthropic:msg:' || message_id END,
                     id)
                 ELSE id
            END AS id)
        FROM usage_records))
WHERE keep = 1
ORDER BY occurred_at, id;

DROP TABLE usage_records;

ALTER TABLE usage_records_0012 RENAME TO usage_records;
