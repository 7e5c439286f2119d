-- Strike and lock-out notices (UU 13/2003 Ps 140-141, 146-149) with their receipt and the
-- office's facilitation; PHK reports (PP 35/2021 Ps 37-39) with their workers; and the
-- yearly number sequences receipts take their numbers from. Every row belongs to an office
-- directly or through its notice or report.

-- The last number taken per office, series and year; numbers are never reused.
CREATE TABLE number_sequences (
    office_id TEXT NOT NULL REFERENCES offices (id),
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL CHECK (last_number >= 0),
    PRIMARY KEY (office_id, series, year)
);

CREATE TABLE stoppage_notices (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    -- mogok: strike notice by a union; penutupan: lock-out notice by the employer.
    kind TEXT NOT NULL CHECK (kind IN ('mogok', 'penutupan')),
    company_id TEXT NOT NULL REFERENCES companies (id),
    union_id TEXT REFERENCES unions (id),
    -- Who gives notice, as written on it (the union's or the company's name).
    giver_name TEXT NOT NULL,
    -- One signatory per line: "name; position".
    signatories TEXT NOT NULL,
    -- When the office received it (UTC); typed by the officer for a paper notice.
    received_at TIMESTAMP NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP,
    place TEXT NOT NULL,
    reasons TEXT NOT NULL,
    -- The last day notice could be given for the statutory 7 working days, and the verdict,
    -- as computed with the office calendar when the notice was recorded.
    notice_due_on DATE NOT NULL,
    short_notice BOOLEAN NOT NULL,
    -- For a lock-out: the protected sector its KBLI falls in (a lock-out is not allowed there).
    protected_sector TEXT,
    -- Comma-separated codes of missing content (empty: complete).
    missing_content TEXT NOT NULL,
    receipt_number TEXT NOT NULL,
    receipt_year INTEGER NOT NULL,
    receipt_seq INTEGER NOT NULL,
    -- Submitted online by the company's representative rather than entered by an officer.
    submitted_online BOOLEAN NOT NULL,
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('pb', 'tidak_sepakat', 'batal')),
    outcome_on DATE,
    outcome_note TEXT NOT NULL,
    -- The officer who witnessed the Perjanjian Bersama.
    pb_witness TEXT,
    -- The dispute case this went on to; filled by the cases module later (no foreign key yet).
    case_id TEXT,
    -- The user who recorded it; NULL for what Harmoni itself loaded (the demo).
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (office_id, receipt_number),
    UNIQUE (office_id, receipt_year, receipt_seq)
);
CREATE INDEX stoppage_notices_office_idx ON stoppage_notices (office_id, received_at);
CREATE INDEX stoppage_notices_company_idx ON stoppage_notices (company_id);

-- Facilitation meetings held by the office on a notice; minutes are documents owned by
-- ('notice_facilitation', id), the PB by ('notice_pb', notice id).
CREATE TABLE stoppage_facilitations (
    id TEXT NOT NULL PRIMARY KEY,
    notice_id TEXT NOT NULL REFERENCES stoppage_notices (id),
    held_on DATE NOT NULL,
    attendees TEXT NOT NULL,
    notes TEXT NOT NULL,
    -- The user who recorded it; NULL for what Harmoni itself loaded (the demo).
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX stoppage_facilitations_notice_idx ON stoppage_facilitations (notice_id, held_on);

CREATE TABLE phk_reports (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    company_id TEXT NOT NULL REFERENCES companies (id),
    reason_category TEXT NOT NULL CHECK (reason_category IN ('efisiensi', 'penggabungan', 'penutupan_perusahaan',
        'pailit', 'keadaan_memaksa', 'pelanggaran', 'mangkir', 'mengundurkan_diri', 'sakit_berkepanjangan',
        'pensiun', 'meninggal_dunia', 'lainnya')),
    reason_text TEXT NOT NULL,
    submitted_online BOOLEAN NOT NULL,
    -- The user who recorded it; NULL for what Harmoni itself loaded (the demo).
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX phk_reports_office_idx ON phk_reports (office_id, created_at);
CREATE INDEX phk_reports_company_idx ON phk_reports (company_id);

CREATE TABLE phk_workers (
    id TEXT NOT NULL PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES phk_reports (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    -- Personal data: shown whole only to the office's staff and the company's representatives.
    nik TEXT NOT NULL,
    job_title TEXT NOT NULL,
    started_on DATE NOT NULL,
    terminated_on DATE NOT NULL,
    probation BOOLEAN NOT NULL,
    notice_on DATE,
    -- The last day written notice could be given (14 or 7 working days before), and whether
    -- the notice was missing or late, as computed when the report was recorded.
    notice_due_on DATE NOT NULL,
    notice_short BOOLEAN NOT NULL,
    CHECK (terminated_on >= started_on)
);
CREATE INDEX phk_workers_report_idx ON phk_workers (report_id, position);
