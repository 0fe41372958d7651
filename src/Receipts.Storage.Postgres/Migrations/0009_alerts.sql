-- Alerts raised (the key is the sent-once state) and their deliveries per channel, as the embedded store keeps them.
CREATE TABLE alerts (
    alert_key   text PRIMARY KEY,
    kind        text NOT NULL,
    severity    text NOT NULL,
    subject     text NOT NULL,
    title       text NOT NULL,
    detail      text NOT NULL,
    raised_at   timestamptz NOT NULL,
    since       timestamptz,
    observed    numeric(38, 10),
    expected    numeric(38, 10),
    driver      text
);

CREATE INDEX alerts_raised_at ON alerts (raised_at);

CREATE TABLE alert_deliveries (
    alert_key   text NOT NULL,
    channel     text NOT NULL,
    delivered   boolean NOT NULL,
    attempts    integer NOT NULL,
    error       text,
    sent_at     timestamptz NOT NULL,
    PRIMARY KEY (alert_key, channel)
);
