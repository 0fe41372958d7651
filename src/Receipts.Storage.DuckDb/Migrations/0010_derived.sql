-- Derived facts for BI tools (docs/views.md): written whole by `receipts attribute run`, never a source of truth.
CREATE TABLE derived_spend (
    record_id          VARCHAR NOT NULL,
    occurred_at        TIMESTAMP NOT NULL,          -- UTC
    week               VARCHAR NOT NULL,            -- ISO week in the reporting zone, 2026-W47
    week_start         DATE NOT NULL,               -- its Monday
    project            VARCHAR,
    team               VARCHAR,
    person             VARCHAR,
    model              VARCHAR NOT NULL,
    tool               VARCHAR,
    provider           VARCHAR,
    api_key            VARCHAR,
    repo               VARCHAR,
    branch             VARCHAR,
    workflow           VARCHAR,
    env                VARCHAR,
    requests           BIGINT NOT NULL,
    amount             DECIMAL(24, 12),             -- NULL: unpriced and unbilled
    billed             BOOLEAN NOT NULL,
    cordoned           BOOLEAN NOT NULL,
    input_tokens       BIGINT NOT NULL,
    output_tokens      BIGINT NOT NULL,
    cache_read_tokens  BIGINT NOT NULL,
    cache_write_tokens BIGINT NOT NULL
);

CREATE TABLE derived_changes (
    repo        VARCHAR NOT NULL,
    id          VARCHAR NOT NULL,
    merged_at   TIMESTAMP NOT NULL,                 -- UTC
    week        VARCHAR NOT NULL,
    week_start  DATE NOT NULL,
    project     VARCHAR,
    team        VARCHAR,
    status      VARCHAR NOT NULL,                   -- verified | pending | disqualified
    reasons     VARCHAR,                            -- comma-separated: revert, hotfix, reopen
    head_branch VARCHAR,
    tickets     VARCHAR,                            -- space-separated
    linked_cost DECIMAL(24, 12),
    cordoned    BOOLEAN NOT NULL
);

CREATE TABLE derived_meta (
    computed_at  TIMESTAMP NOT NULL,
    zone         VARCHAR NOT NULL,
    as_of        TIMESTAMP NOT NULL,
    period_start TIMESTAMP NOT NULL,
    spend_rows   BIGINT NOT NULL,
    change_rows  BIGINT NOT NULL
);

CREATE VIEW receipts_spend_weekly AS
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
    CAST(COUNT(*) AS BIGINT)                                  AS records,
    CAST(COUNT(*) FILTER (WHERE amount IS NULL) AS BIGINT)    AS unpriced_records,
    CAST(SUM(requests) AS BIGINT)                             AS requests,
    CAST(SUM(input_tokens) AS BIGINT)                         AS input_tokens,
    CAST(SUM(output_tokens) AS BIGINT)                        AS output_tokens,
    CAST(SUM(cache_read_tokens) AS BIGINT)                    AS cache_read_tokens,
    CAST(SUM(cache_write_tokens) AS BIGINT)                   AS cache_write_tokens
FROM derived_spend
GROUP BY week, week_start, COALESCE(team, '(unattributed)'), COALESCE(project, '(unattributed)'), person, model, cordoned;

CREATE VIEW receipts_changes AS
SELECT
    repo,
    id,
    merged_at,
    week,
    week_start,
    COALESCE(team, '(unattributed)')    AS team,
    COALESCE(project, '(unattributed)') AS project,
    status,
    reasons,
    head_branch,
    tickets,
    CAST(linked_cost AS DECIMAL(38, 12)) AS linked_cost,
    cordoned
FROM derived_changes;

CREATE VIEW receipts_cpvo_weekly AS
WITH s AS (
    SELECT week, week_start, COALESCE(team, '(unattributed)') AS team, COALESCE(SUM(amount), 0) AS spend
    FROM derived_spend WHERE NOT cordoned
    GROUP BY week, week_start, COALESCE(team, '(unattributed)')
), c AS (
    SELECT week, week_start, COALESCE(team, '(unattributed)') AS team,
        COUNT(*) FILTER (WHERE status = 'verified')     AS verified,
        COUNT(*) FILTER (WHERE status = 'pending')      AS pending,
        COUNT(*) FILTER (WHERE status = 'disqualified') AS disqualified
    FROM derived_changes WHERE NOT cordoned
    GROUP BY week, week_start, COALESCE(team, '(unattributed)')
)
SELECT
    COALESCE(s.week, c.week)                                  AS week,
    COALESCE(s.week_start, c.week_start)                      AS week_start,
    COALESCE(s.team, c.team)                                  AS team,
    CAST(COALESCE(s.spend, 0) AS DECIMAL(38, 12))             AS spend,
    CAST(COALESCE(c.verified, 0) + COALESCE(c.disqualified, 0) AS BIGINT) AS attempted,
    CAST(COALESCE(c.verified, 0) AS BIGINT)                   AS verified,
    CAST(COALESCE(c.pending, 0) AS BIGINT)                    AS pending,
    CAST(COALESCE(c.disqualified, 0) AS BIGINT)               AS disqualified,
    CAST(CASE WHEN COALESCE(c.verified, 0) + COALESCE(c.disqualified, 0) = 0 THEN NULL
         ELSE CAST(c.verified AS DECIMAL(38, 12)) / (c.verified + c.disqualified) END AS DECIMAL(38, 12)) AS verified_share,
    CAST(CASE WHEN COALESCE(c.verified, 0) = 0 THEN NULL
         ELSE COALESCE(s.spend, 0) / c.verified END AS DECIMAL(38, 12)) AS cpvo
FROM s FULL OUTER JOIN c ON s.week = c.week AND s.team = c.team;
