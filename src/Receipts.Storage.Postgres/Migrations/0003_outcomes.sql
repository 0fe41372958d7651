-- Outcome facts (mirrors the DuckDB schema). Unlike DuckDB, PostgreSQL checks unique keys at the end of
-- each statement, so the keys are real primary keys and writes are INSERT … ON CONFLICT DO UPDATE.

-- One merged change per (repo, id): a PR/MR or a first-parent commit.
CREATE TABLE changes (
    repo            text NOT NULL,
    id              text NOT NULL,         -- '#123', '!45' or the commit sha
    sha             text NOT NULL,
    number          integer,
    merged_at       timestamptz NOT NULL,
    author          text,
    head_branch     text,
    title           text NOT NULL,
    labels          text NOT NULL,         -- JSON array
    files           text NOT NULL,         -- JSON array, new paths
    previous_files  text NOT NULL,         -- JSON array, old paths of renames/copies
    tags            text NOT NULL,         -- JSON array
    tickets         text NOT NULL,         -- JSON array
    reverts         text NOT NULL,         -- JSON array of {kind, value, isReapply}
    source          text NOT NULL,         -- git, github, gitlab
    first_commit_at timestamptz,
    opened_at       timestamptz,
    first_review_at timestamptz,
    PRIMARY KEY (repo, id)
);

CREATE INDEX changes_merged_at ON changes (merged_at);

-- Ticket status-category moves (completed, reopened), one row per tracker event id.
CREATE TABLE ticket_events (
    id          text PRIMARY KEY,
    tracker     text NOT NULL,
    ticket_id   text NOT NULL,
    kind        smallint NOT NULL,         -- 0 completed, 1 reopened
    occurred_at timestamptz NOT NULL,
    project     text,
    actor       text
);

-- Every change of a team's observation window: who, when, old, new, why. Append-only.
CREATE TABLE team_window_changes (
    team       text NOT NULL,
    old_days   integer NOT NULL,
    new_days   integer NOT NULL,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL,
    reason     text NOT NULL
);
