-- Company regulations (Peraturan Perusahaan, PP: UU 13/2003 Ps 108-115) and collective
-- agreements (Perjanjian Kerja Bersama, PKB: Ps 116-124), Permenaker 28/2014: submissions for
-- ratification or registration with their documents, review rounds and history, and the
-- instruments in force (ratified, deemed ratified, registered, or issued elsewhere) whose
-- validity periods make the first criterion of the decent-work indicator.

CREATE TABLE regulation_submissions (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    company_id TEXT NOT NULL REFERENCES companies (id),
    kind TEXT NOT NULL CHECK (kind IN ('pp', 'pkb')),
    -- baru (first), pembaruan (renewal of one in force), perubahan (amendment).
    purpose TEXT NOT NULL CHECK (purpose IN ('baru', 'pembaruan', 'perubahan')),
    status TEXT NOT NULL CHECK (status IN ('draf', 'diajukan', 'perbaikan', 'memenuhi_syarat', 'disahkan',
        'dianggap_disahkan', 'gugur', 'ditarik')),
    -- The instrument renewed or amended (regulations.id; no foreign key: that table refers here).
    replaces_id TEXT,
    -- PP: whose advice was asked: serikat (the union), wakil_pekerja (worker representatives),
    -- or tidak_ada (a statement that there is neither); NULL until chosen.
    advice_from TEXT CHECK (advice_from IS NULL OR advice_from IN ('serikat', 'wakil_pekerja', 'tidak_ada')),
    -- PKB: when it takes effect and for how many months (at most 24).
    pkb_starts_on DATE,
    pkb_term_months INTEGER,
    -- The day the office received the text under review (a resubmission is a new receipt),
    -- the first receipt, and how it came: daring (online) or loket (paper at the counter).
    received_on DATE,
    first_received_on DATE,
    received_via TEXT CHECK (received_via IS NULL OR received_via IN ('daring', 'loket')),
    correction_notified_on DATE,
    compliant_on DATE,
    decided_on DATE,
    -- When the head and desk were warned that deemed ratification approaches (once).
    deemed_warned_on DATE,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX regulation_submissions_office_idx ON regulation_submissions (office_id, status);
CREATE INDEX regulation_submissions_company_idx ON regulation_submissions (company_id, created_at);

-- PKB parties on the workers' side: registered unions of the office.
CREATE TABLE regulation_submission_unions (
    submission_id TEXT NOT NULL REFERENCES regulation_submissions (id),
    union_id TEXT NOT NULL REFERENCES unions (id),
    PRIMARY KEY (submission_id, union_id)
);

-- One row per checklist item of a review round (met, or not met with the reason).
CREATE TABLE regulation_reviews (
    id TEXT NOT NULL PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES regulation_submissions (id),
    round INTEGER NOT NULL CHECK (round >= 1),
    item TEXT NOT NULL,
    met BOOLEAN NOT NULL,
    reason TEXT NOT NULL,
    reviewed_by TEXT NOT NULL REFERENCES users (id),
    reviewed_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (submission_id, round, item)
);

-- One row per step taken on a submission; actor NULL for Harmoni's own steps.
CREATE TABLE regulation_history (
    id TEXT NOT NULL PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES regulation_submissions (id),
    action TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    effective_on DATE NOT NULL,
    actor_user_id TEXT REFERENCES users (id),
    actor_role TEXT NOT NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX regulation_history_submission_idx ON regulation_history (submission_id, created_at);

-- PP and PKB instruments: what counts for the indicator, by validity period.
CREATE TABLE regulations (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    company_id TEXT NOT NULL REFERENCES companies (id),
    kind TEXT NOT NULL CHECK (kind IN ('pp', 'pkb')),
    -- sk (SK Pengesahan), dianggap (deemed ratified), pendaftaran (PKB registration letter),
    -- eksternal (ratified or registered by the province or the ministry).
    origin TEXT NOT NULL CHECK (origin IN ('sk', 'dianggap', 'pendaftaran', 'eksternal')),
    submission_id TEXT REFERENCES regulation_submissions (id),
    -- The decree or letter number; the office's own numbers also by year and sequence.
    number TEXT NOT NULL,
    number_year INTEGER,
    number_seq INTEGER,
    -- kabkota (this office), provinsi, kementerian; and the issuer's name as written.
    issuer_level TEXT NOT NULL CHECK (issuer_level IN ('kabkota', 'provinsi', 'kementerian')),
    issuer_name TEXT NOT NULL,
    issued_on DATE NOT NULL,
    valid_from DATE NOT NULL,
    -- The last day it is valid; an extension moves the end to extended_until.
    valid_until DATE NOT NULL,
    extended_until DATE,
    extended_on DATE,
    extension_note TEXT NOT NULL,
    renewal_reminded_on DATE,
    -- The head who signed the office's decree or letter.
    signed_by TEXT REFERENCES users (id),
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (office_id, kind, number_year, number_seq),
    CHECK (valid_from <= valid_until)
);
CREATE INDEX regulations_company_idx ON regulations (company_id, valid_from);
CREATE INDEX regulations_office_idx ON regulations (office_id, valid_until);

-- The PP/PKB criterion of each company's standing; every standing is recomputed by the next
-- sweep (changes_on in the past).
ALTER TABLE company_standing ADD COLUMN pp TEXT NOT NULL DEFAULT 'no_data';
UPDATE company_standing SET changes_on = '2000-01-01', computed_on = '2000-01-01';
