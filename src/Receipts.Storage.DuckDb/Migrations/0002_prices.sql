-- Imported model prices (LiteLLM files and the like); they override the built-in table for the same key.
-- Rates are USD per single token. A tier whose input rate is NULL is absent (the model uses standard rates).
CREATE TABLE model_prices (
    model                 VARCHAR PRIMARY KEY,
    provider              VARCHAR NOT NULL,
    input                 DECIMAL(28, 18) NOT NULL,
    output                DECIMAL(28, 18) NOT NULL,
    cache_write_5m        DECIMAL(28, 18) NOT NULL,
    cache_write_1h        DECIMAL(28, 18) NOT NULL,
    cache_read            DECIMAL(28, 18) NOT NULL,
    above_200k_input      DECIMAL(28, 18),
    above_200k_output     DECIMAL(28, 18),
    above_200k_write_5m   DECIMAL(28, 18),
    above_200k_write_1h   DECIMAL(28, 18),
    above_200k_read       DECIMAL(28, 18),
    batch_input           DECIMAL(28, 18),
    batch_output          DECIMAL(28, 18),
    batch_write_5m        DECIMAL(28, 18),
    batch_write_1h        DECIMAL(28, 18),
    batch_read            DECIMAL(28, 18),
    priority_input        DECIMAL(28, 18),
    priority_output       DECIMAL(28, 18),
    priority_write_5m     DECIMAL(28, 18),
    priority_write_1h     DECIMAL(28, 18),
    priority_read         DECIMAL(28, 18),
    flex_input            DECIMAL(28, 18),
    flex_output           DECIMAL(28, 18),
    flex_write_5m         DECIMAL(28, 18),
    flex_write_1h         DECIMAL(28, 18),
    flex_read             DECIMAL(28, 18),
    web_search_per_request DECIMAL(28, 18),
    fast_multiplier       DECIMAL(18, 6),
    us_geo_multiplier     DECIMAL(18, 6),
    effective_from        DATE NOT NULL,
    source                VARCHAR NOT NULL,
    imported_at           TIMESTAMP NOT NULL           -- UTC
);

-- Rows of one import are staged here, then merged into model_prices in the same transaction.
CREATE TABLE model_prices_staging AS SELECT * FROM model_prices WITH NO DATA;
