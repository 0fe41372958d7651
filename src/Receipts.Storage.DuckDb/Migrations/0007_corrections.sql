-- Manual attribution fixes (DESIGN.md "Correction"): who, when, why, what it overrides. Append-only.
CREATE TABLE corrections (
    id          VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    by_whom     VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    target      VARCHAR NOT NULL,   -- record | session | branch
    value       VARCHAR NOT NULL,
    repo        VARCHAR,
    project     VARCHAR NOT NULL
);
