-- Outcome facts. Keys are enforced by the writers (delete-then-insert of the staged keys inside one
-- transaction), not by PRIMARY KEY: DuckDB's eager unique checks reject a delete and re-insert of one key
-- in a single transaction, which is exactly how a newer observation replaces an older one.

-- One merged change per (repo, id): a PR/MR or a first-parent commit.
CREATE TABLE changes (
    repo            VARCHAR NOT NULL,
    id              VARCHAR NOT NULL,      -- '#123', '!45' or the commit sha
    sha             VARCHAR NOT NULL,
    number          INTEGER,
    merged_at       TIMESTAMP NOT NULL,    -- UTC
    author          VARCHAR,
    head_branch     VARCHAR,
    title           VARCHAR NOT NULL,
    labels          VARCHAR NOT NULL,      -- JSON array
    files           VARCHAR NOT NULL,      -- JSON array, new paths
    previous_files  VARCHAR NOT NULL,      -- JSON array, old paths of renames/copies
    tags            VARCHAR NOT NULL,      -- JSON array
    tickets         VARCHAR NOT NULL,      -- JSON array
    reverts         VARCHAR NOT NULL,      -- JSON array of {kind, value, isReapply}
    source          VARCHAR NOT NULL,      -- git, github, gitlab
    first_commit_at TIMESTAMP,
    opened_at       TIMESTAMP,
    first_review_at TIMESTAMP
);

-- No secondary index: reads filter by repo and merged_at, which DuckDB's zone maps serve, and an index
-- costs every import.
CREATE TABLE changes_staging AS SELECT * FROM changes WITH NO DATA;

-- Ticket status-category moves (completed, reopened), one row per tracker event id.
CREATE TABLE ticket_events (
    id          VARCHAR NOT NULL,
    tracker     VARCHAR NOT NULL,
    ticket_id   VARCHAR NOT NULL,
    kind        TINYINT NOT NULL,          -- 0 completed, 1 reopened
    occurred_at TIMESTAMP NOT NULL,        -- UTC
    project     VARCHAR,
    actor       VARCHAR
);

CREATE TABLE ticket_events_staging AS SELECT * FROM ticket_events WITH NO DATA;

-- Every change of a team's observation window: who, when, old, new, why. Append-only.
CREATE TABLE team_window_changes (
    team       VARCHAR NOT NULL,
    old_days   INTEGER NOT NULL,
    new_days   INTEGER NOT NULL,
    changed_by VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL,         -- UTC
    reason     VARCHAR NOT NULL
);
