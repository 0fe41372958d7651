-- Billing facts (mirrors the DuckDB schema). A write replaces whole (source, dataset, period) sets: its lines
-- are copied in tagged with a write id from billing_write_ids, then the replaced scopes are deleted except
-- that write's own lines, in one transaction. A sequence (not max + 1) so replicas never share a write id.
CREATE SEQUENCE billing_write_ids;

CREATE TABLE billing_lines (
    write_id              bigint NOT NULL,
    id                    text NOT NULL,
    source                text NOT NULL,
    dataset               text NOT NULL,
    provider              text NOT NULL,
    period_start          timestamptz NOT NULL,        -- inclusive
    period_end            timestamptz NOT NULL,        -- exclusive
    identity_kind         text NOT NULL,               -- api_key | workspace | project | user | account | organisation | seat
    identity_id           text NOT NULL,
    identity_alias        text,
    group_id              text,
    model                 text,
    service_tier          text,
    input_tokens          bigint NOT NULL,
    output_tokens         bigint NOT NULL,
    cache_read_tokens     bigint NOT NULL,
    cache_write_5m_tokens bigint NOT NULL,
    cache_write_1h_tokens bigint NOT NULL,
    requests              bigint NOT NULL,
    amount                numeric(28, 12),             -- in currency units (dollars), never cents
    effective_amount      numeric(28, 12),
    list_amount           numeric(28, 12),
    currency              text NOT NULL,
    basis                 smallint NOT NULL,           -- CostBasis: 0 estimated, 1 billed, 2 unknown
    charge_category       text NOT NULL,
    sku                   text,
    description           text,
    service_name          text,
    quantity              numeric(38, 12),
    unit                  text,
    tags                  text,                        -- JSON object
    attributes            text                         -- JSON object
);

-- Scope deletes and reads go by (source, dataset, period_start).
CREATE INDEX billing_lines_scope ON billing_lines (source, dataset, period_start);

-- The identity directory: aliases and tags of keys, workspaces, projects and users.
CREATE TABLE billing_identities (
    source     text NOT NULL,
    kind       text NOT NULL,
    id         text NOT NULL,
    name       text,
    parent_id  text,
    status     text,
    tags       text,                                   -- JSON object
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (source, kind, id)
);

-- Subscription seats: who holds one, what it costs a month, from when to when.
CREATE TABLE seats (
    tool         text NOT NULL,
    person       text NOT NULL,
    valid_from   date NOT NULL,
    valid_to     date,                                 -- inclusive; null while it runs
    plan         text,
    monthly_cost numeric(18, 6) NOT NULL,
    currency     text NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tool, person, valid_from)
);
