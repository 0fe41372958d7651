-- Transcript imports move to the one id scheme of an Anthropic request (UsageRecordIds, as DuckDB's 0012 does):
-- `claude-code:<message>/<request>` becomes `anthropic:req:<request>` (or `anthropic:msg:<message>` without a request
-- id), the id hooks and OTel already used, so a store fed by both counts each request once. Where two rows meet on one
-- id, the fullest copy stays, by the writer's rule: the main-thread copy over a sidechain replay, then more tokens
-- (then the one with more context, then the earliest, for a stable choice). The losers go first, so no update meets
-- an id still in use.
CREATE TEMP TABLE usage_ids_0012 ON COMMIT DROP AS
SELECT old_id, new_id,
       row_number() OVER (
           PARTITION BY new_id
           ORDER BY is_sidechain,
                    total DESC,
                    (repo IS NOT NULL)::int + (branch IS NOT NULL)::int + (cwd IS NOT NULL)::int DESC,
                    occurred_at, source_kind, source_name) AS keep
FROM (
    SELECT id AS old_id,
           CASE WHEN source_kind = 'claude-code' AND id LIKE 'claude-code:%'
                THEN coalesce(
                    'anthropic:req:' || nullif(btrim(request_id), ''),
                    CASE WHEN message_id LIKE 'msg\_%' AND length(message_id) > 4 THEN 'anthropic:msg:' || message_id END,
                    id)
                ELSE id
           END AS new_id,
           is_sidechain, repo, branch, cwd, occurred_at, source_kind, source_name,
           input_tokens + output_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens AS total
    FROM usage_records) r;

DELETE FROM usage_records u USING usage_ids_0012 m WHERE u.id = m.old_id AND m.keep > 1;

UPDATE usage_records u SET id = m.new_id FROM usage_ids_0012 m WHERE u.id = m.old_id AND m.new_id <> m.old_id;
