-- Budgets set from the CLI (`receipts budget set`), as the embedded store keeps them (its 0009).
CREATE TABLE budgets (
    scope       text NOT NULL,               -- team | project | key | person
    name        text NOT NULL,
    amount      numeric(38, 10) NOT NULL,
    period      text NOT NULL,               -- monthly | quarterly
    thresholds  text NOT NULL,               -- comma-separated fractions: 0.5,0.8,1
    PRIMARY KEY (scope, name)
);
