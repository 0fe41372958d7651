-- Alerts raised (the key is the sent-once state), their deliveries per channel, and budgets set from the CLI.
CREATE TABLE alerts (
    alert_key   VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL,
    subject     VARCHAR NOT NULL,
    title       VARCHAR NOT NULL,
    detail      VARCHAR NOT NULL,
    raised_at   TIMESTAMP NOT NULL,      -- UTC
    since       TIMESTAMP,               -- UTC
    observed    DECIMAL(38, 10),
    expected    DECIMAL(38, 10),
    driver      VARCHAR
);

CREATE TABLE alert_deliveries (
    alert_key   VARCHAR NOT NULL,
    channel     VARCHAR NOT NULL,
    delivered   BOOLEAN NOT NULL,
    attempts    INTEGER NOT NULL,
    error       VARCHAR,
    sent_at     TIMESTAMP NOT NULL,      -- UTC
    PRIMARY KEY (alert_key, channel)
);

CREATE TABLE budgets (
    scope       VARCHAR NOT NULL,        -- team | project | key | person
    name        VARCHAR NOT NULL,
    amount      DECIMAL(38, 10) NOT NULL,
    period      VARCHAR NOT NULL,        -- monthly | quarterly
    thresholds  VARCHAR NOT NULL,        -- comma-separated fractions: 0.5,0.8,1
    PRIMARY KEY (scope, name)
);
