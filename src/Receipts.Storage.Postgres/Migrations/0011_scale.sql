-- The pipeline sums usage records it cannot tell apart (issue 4, scale): a derived spend row now stands for
-- `records` usage records, and the weekly view counts records, not rows, so its numbers are unchanged.
ALTER TABLE derived_spend ADD COLUMN records bigint NOT NULL DEFAULT 1;

CREATE OR REPLACE VIEW receipts_spend_weekly AS
SELECT
    week,
    week_start,
    COALESCE(team, '(unattributed)')                                        AS team,
    COALESCE(project, '(unattributed)')                                     AS project,
    person,
    model,
    cordoned,
    CAST(COALESCE(SUM(amount), 0) AS numeric(38, 12))                       AS spend,
    CAST(COALESCE(SUM(amount) FILTER (WHERE NOT billed), 0) AS numeric(38, 12)) AS estimated_spend,
    CAST(SUM(records) AS bigint)                                            AS records,
    CAST(COALESCE(SUM(records) FILTER (WHERE amount IS NULL), 0) AS bigint) AS unpriced_records,
    CAST(SUM(requests) AS bigint)                                           AS requests,
    CAST(SUM(input_tokens) AS bigint)                                       AS input_tokens,
    CAST(SUM(output_tokens) AS bigint)                                      AS output_tokens,
    CAST(SUM(cache_read_tokens) AS bigint)                                  AS cache_read_tokens,
    CAST(SUM(cache_write_tokens) AS bigint)                                 AS cache_write_tokens
FROM derived_spend
GROUP BY week, week_start, COALESCE(team, '(unattributed)'), COALESCE(project, '(unattributed)'), person, model, cordoned;
