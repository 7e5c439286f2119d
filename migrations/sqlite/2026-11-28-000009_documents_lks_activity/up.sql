-- Uploaded documents (content-addressed files in the storage directory) and the activity of
-- an LKS Bipartit: when its formation was notified, its meetings and its six-monthly reports.

CREATE TABLE documents (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    -- What the document belongs to (e.g. wage_scale, lks_meeting), and the company when it
    -- belongs to one: downloads are authorised through the owner.
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    company_id TEXT REFERENCES companies (id),
    sha256 TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_owner_idx ON documents (owner_kind, owner_id, created_at);

ALTER TABLE lks_bipartit ADD COLUMN notified_on DATE;

CREATE TABLE lks_meetings (
    id TEXT NOT NULL PRIMARY KEY,
    lks_id TEXT NOT NULL REFERENCES lks_bipartit (id),
    held_on DATE NOT NULL,
    agenda TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (lks_id, held_on)
);

CREATE TABLE lks_reports (
    id TEXT NOT NULL PRIMARY KEY,
    lks_id TEXT NOT NULL REFERENCES lks_bipartit (id),
    period_year INTEGER NOT NULL,
    period_half INTEGER NOT NULL CHECK (period_half IN (1, 2)),
    received_on DATE NOT NULL,
    summary TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (lks_id, period_year, period_half)
);

-- Imports hold either company lists or BPJS enrolment figures.
ALTER TABLE company_imports ADD COLUMN kind TEXT NOT NULL DEFAULT 'perusahaan';

-- Each company's compliance criteria as of `computed_on`, kept up to date in the transaction
-- that changes a record, and recomputed from `changes_on` (the first day the status can change
-- by the passing of time alone: an LKS term ending, a new year's UMK). Lists filter on it.
CREATE TABLE company_standing (
    company_id TEXT NOT NULL PRIMARY KEY REFERENCES companies (id),
    office_id TEXT NOT NULL REFERENCES offices (id),
    lks TEXT NOT NULL,
    wage TEXT NOT NULL,
    bpjs TEXT NOT NULL,
    computed_on DATE NOT NULL,
    changes_on DATE NOT NULL
);
CREATE INDEX company_standing_changes_idx ON company_standing (changes_on);

-- The same standing as a bit mask on the company (1 LKS, 2 wage scale, 4 BPJS not met; 0 all
-- met), so that a filtered list pages over one index in name order.
ALTER TABLE companies ADD COLUMN standing_gaps INTEGER;
CREATE INDEX companies_standing_idx ON companies (office_id, standing_gaps, name, id);
