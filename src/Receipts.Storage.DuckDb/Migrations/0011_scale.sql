-- The pipeline sums usage records it cannot tell apart (issue 4, scale): a derived spend row now stands for
-- `records` usage records, and the weekly view counts records, not rows, so its numbers are unchanged.
ALTER TABLE derived_spend ADD COLUMN records BIGINT DEFAULT 1;

CREATE OR REPLACE VIEW receipts_spend_weekly AS
SELECT
    week,
    week_start,
    COALESCE(team, '(unattributed)')                          AS team,
    COALESCE(project, '(unattributed)')                       AS project,
    person,
    model,
    cordoned,
    CAST(COALESCE(SUM(amount), 0) AS DECIMAL(38, 12))         AS spend,
    CAST(COALESCE(SUM(amount) FILTER (WHERE NOT billed), 0) AS DECIMAL(38, 12)) AS estimated_spend,
    CAST(SUM(records) AS BIGINT)                              AS records,
    CAST(COALESCE(SUM(records) FILTER (WHERE amount IS NULL), 0) AS BIGINT) AS unpriced_records,
    CAST(SUM(requests) AS BIGINT)                             AS requests,
    CAST(SUM(input_tokens) AS BIGINT)                         AS input_tokens,
    CAST(SUM(output_tokens) AS BIGINT)                        AS output_tokens,
    CAST(SUM(cache_read_tokens) AS BIGINT)                    AS cache_read_tokens,
    CAST(SUM(cache_write_tokens) AS BIGINT)                   AS cache_write_tokens
FROM derived_spend
GROUP BY week, week_start, COALESCE(team, '(unattributed)'), COALESCE(project, '(unattributed)'), person, model, cordoned;
