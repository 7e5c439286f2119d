-- The decent-work indicator as of any date (DOMAIN.md section 9). `standing_periods` holds each
-- company's criteria over time: one row per stretch of days in which its four criteria and its
-- breakdown keys did not change (valid_to exclusive, NULL while it lasts). `indicator_changes`
-- sums the periods' starts (+1) and ends (-1) per breakdown key at three grains (year, month,
-- day), so that the count as of a day is the sum of a few thousand rows, whatever the number
-- of companies. Both are rewritten in the transaction that changes a company's records.

CREATE TABLE standing_periods (
    company_id TEXT NOT NULL REFERENCES companies (id),
    office_id TEXT NOT NULL REFERENCES offices (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    pp TEXT NOT NULL,
    lks TEXT NOT NULL,
    wage TEXT NOT NULL,
    bpjs TEXT NOT NULL,
    kecamatan TEXT NOT NULL,
    kbli_section TEXT NOT NULL,
    size_class TEXT NOT NULL,
    workforce_band TEXT NOT NULL,
    PRIMARY KEY (company_id, valid_from)
);
CREATE INDEX standing_periods_as_of_idx ON standing_periods (office_id, valid_from);

CREATE TABLE indicator_changes (
    office_id TEXT NOT NULL REFERENCES offices (id),
    grain TEXT NOT NULL CHECK (grain IN ('y', 'm', 'd')),
    starts_on DATE NOT NULL,
    dimension TEXT NOT NULL CHECK (dimension IN ('kecamatan', 'kbli', 'scale', 'band')),
    dim_key TEXT NOT NULL,
    registered BIGINT NOT NULL,
    pp_met BIGINT NOT NULL,
    pp_free BIGINT NOT NULL,
    lks_met BIGINT NOT NULL,
    lks_free BIGINT NOT NULL,
    wage_met BIGINT NOT NULL,
    wage_free BIGINT NOT NULL,
    bpjs_met BIGINT NOT NULL,
    bpjs_free BIGINT NOT NULL,
    all_met BIGINT NOT NULL,
    all_ok BIGINT NOT NULL,
    PRIMARY KEY (office_id, grain, starts_on, dimension, dim_key)
);

-- What the stored history was computed with (thresholds, LKS term, UMK table): when the
-- settings change, the history is rebuilt.
CREATE TABLE standing_history_state (
    office_id TEXT NOT NULL PRIMARY KEY REFERENCES offices (id),
    fingerprint TEXT NOT NULL,
    built_at TIMESTAMP NOT NULL
);
