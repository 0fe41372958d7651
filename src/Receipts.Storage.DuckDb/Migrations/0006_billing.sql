-- Billing facts: what providers invoiced or reported per cell and charge period.
-- No primary key on purpose: a write replaces whole (source, dataset, period) sets, so ids never collide,
-- and an index would slow the million-row FOCUS appends for nothing. Lines are appended straight into the
-- table tagged with their write_id; then the replaced scopes are deleted except that write's own lines,
-- all in one transaction.
CREATE TABLE billing_lines (
    write_id              BIGINT NOT NULL,
    id                    VARCHAR NOT NULL,
    source                VARCHAR NOT NULL,
    dataset               VARCHAR NOT NULL,
    provider              VARCHAR NOT NULL,
    period_start          TIMESTAMP NOT NULL,          -- UTC, inclusive
    period_end            TIMESTAMP NOT NULL,          -- UTC, exclusive
    identity_kind         VARCHAR NOT NULL,            -- api_key | workspace | project | user | account | organisation | seat
    identity_id           VARCHAR NOT NULL,
    identity_alias        VARCHAR,
    group_id              VARCHAR,
    model                 VARCHAR,
    service_tier          VARCHAR,
    input_tokens          BIGINT NOT NULL,
    output_tokens         BIGINT NOT NULL,
    cache_read_tokens     BIGINT NOT NULL,
    cache_write_5m_tokens BIGINT NOT NULL,
    cache_write_1h_tokens BIGINT NOT NULL,
    requests              BIGINT NOT NULL,
    amount                DECIMAL(28, 12),             -- in currency units (dollars), never cents
    effective_amount      DECIMAL(28, 12),
    list_amount           DECIMAL(28, 12),
    currency              VARCHAR NOT NULL,
    basis                 TINYINT NOT NULL,            -- CostBasis: 0 estimated, 1 billed, 2 unknown
    charge_category       VARCHAR NOT NULL,
    sku                   VARCHAR,
    description           VARCHAR,
    service_name          VARCHAR,
    quantity              DECIMAL(38, 12),
    unit                  VARCHAR,
    tags                  VARCHAR,                     -- JSON object
    attributes            VARCHAR                      -- JSON object
);

-- The identity directory: aliases and tags of keys, workspaces, projects and users.
CREATE TABLE billing_identities (
    source     VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    id         VARCHAR NOT NULL,
    name       VARCHAR,
    parent_id  VARCHAR,
    status     VARCHAR,
    tags       VARCHAR,                                -- JSON object
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (source, kind, id)
);

-- Subscription seats (Claude Max, Copilot, Cursor…): who holds one, what it costs a month, from when to when.
CREATE TABLE seats (
    tool         VARCHAR NOT NULL,
    person       VARCHAR NOT NULL,
    valid_from   DATE NOT NULL,
    valid_to     DATE,                                 -- inclusive; null while it runs
    plan         VARCHAR,
    monthly_cost DECIMAL(18, 6) NOT NULL,
    currency     VARCHAR NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (tool, person, valid_from)
);
