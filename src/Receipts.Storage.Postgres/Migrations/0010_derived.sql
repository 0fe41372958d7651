-- Derived facts for BI tools (docs/views.md): written whole by `receipts attribute run`, never a source of truth.
CREATE TABLE derived_spend (
    record_id          text NOT NULL,
    occurred_at        timestamptz NOT NULL,
    week               text NOT NULL,               -- ISO week in the reporting zone, 2026-W47
    week_start         date NOT NULL,               -- its Monday
    project            text,
    team               text,
    person             text,
    model              text NOT NULL,
    tool               text,
    provider           text,
    api_key            text,
    repo               text,
    branch             text,
    workflow           text,
    env                text,
    requests           bigint NOT NULL,
    amount             numeric(24, 12),             -- NULL: unpriced and unbilled
    billed             boolean NOT NULL,
    cordoned           boolean NOT NULL,
    input_tokens       bigint NOT NULL,
    output_tokens      bigint NOT NULL,
    cache_read_tokens  bigint NOT NULL,
    cache_write_tokens bigint NOT NULL
);

CREATE TABLE derived_changes (
    repo        text NOT NULL,
    id          text NOT NULL,
    merged_at   timestamptz NOT NULL,
    week        text NOT NULL,
    week_start  date NOT NULL,
    project     text,
    team        text,
    status      text NOT NULL,                      -- verified | pending | disqualified
    reasons     text,                               -- comma-separated: revert, hotfix, reopen
    head_branch text,
    tickets     text,                               -- space-separated
    linked_cost numeric(24, 12),
    cordoned    boolean NOT NULL
);

CREATE TABLE derived_meta (
    computed_at  timestamptz NOT NULL,
    zone         text NOT NULL,
    as_of        timestamptz NOT NULL,
    period_start timestamptz NOT NULL,
    spend_rows   bigint NOT NULL,
    change_rows  bigint NOT NULL
);

CREATE VIEW receipts_spend_weekly AS
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
    CAST(COUNT(*) AS bigint)                                                AS records,
    CAST(COUNT(*) FILTER (WHERE amount IS NULL) AS bigint)                  AS unpriced_records,
    CAST(SUM(requests) AS bigint)                                           AS requests,
    CAST(SUM(input_tokens) AS bigint)                                       AS input_tokens,
    CAST(SUM(output_tokens) AS bigint)                                      AS output_tokens,
    CAST(SUM(cache_read_tokens) AS bigint)                                  AS cache_read_tokens,
    CAST(SUM(cache_write_tokens) AS bigint)                                 AS cache_write_tokens
FROM derived_spend
GROUP BY week, week_start, COALESCE(team, '(unattributed)'), COALESCE(project, '(unattributed)'), person, model, cordoned;

CREATE VIEW receipts_changes AS
SELECT
    repo,
    id,
    merged_at,
    week,
    week_start,
    COALESCE(team, '(unattributed)')      AS team,
    COALESCE(project, '(unattributed)')   AS project,
    status,
    reasons,
    head_branch,
    tickets,
    CAST(linked_cost AS numeric(38, 12))  AS linked_cost,
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
    COALESCE(s.week, c.week)                                   AS week,
    COALESCE(s.week_start, c.week_start)                       AS week_start,
    COALESCE(s.team, c.team)                                   AS team,
    CAST(COALESCE(s.spend, 0) AS numeric(38, 12))              AS spend,
    CAST(COALESCE(c.verified, 0) + COALESCE(c.disqualified, 0) AS bigint) AS attempted,
    CAST(COALESCE(c.verified, 0) AS bigint)                    AS verified,
    CAST(COALESCE(c.pending, 0) AS bigint)                     AS pending,
    CAST(COALESCE(c.disqualified, 0) AS bigint)                AS disqualified,
    CAST(CASE WHEN COALESCE(c.verified, 0) + COALESCE(c.disqualified, 0) = 0 THEN NULL
         ELSE CAST(c.verified AS numeric) / (c.verified + c.disqualified) END AS numeric(38, 12)) AS verified_share,
    CAST(CASE WHEN COALESCE(c.verified, 0) = 0 THEN NULL
         ELSE COALESCE(s.spend, 0) / c.verified END AS numeric(38, 12)) AS cpvo
FROM s FULL OUTER JOIN c ON s.week = c.week AND s.team = c.team;
