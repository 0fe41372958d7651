-- Manual attribution fixes (DESIGN.md "Correction"): who, when, why, what it overrides. Append-only.
CREATE TABLE corrections (
    id          text NOT NULL,
    created_at  timestamptz NOT NULL,
    by_whom     text NOT NULL,
    reason      text NOT NULL,
    target      text NOT NULL,   -- record | session | branch
    value       text NOT NULL,
    repo        text,
    project     text NOT NULL
);
