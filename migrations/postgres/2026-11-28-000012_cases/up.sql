-- Dispute cases (UU 2/2004, Permenakertrans 17/2014): the complaint with its parties and
-- bipartite evidence, its path through screening, the offer of forum, delegation, mediation
-- and outcome, and the history of every step. Dates the statutory clocks run from are kept on
-- the case; every step is also a history row.

CREATE TABLE cases (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    -- Public tracking reference (random, printed on the receipt) and the hash of its PIN.
    reference TEXT NOT NULL UNIQUE,
    pin_hash TEXT NOT NULL,
    -- Given at registration from the office's pattern; never reused.
    case_number TEXT,
    dispute_type TEXT NOT NULL CHECK (dispute_type IN ('hak', 'kepentingan', 'phk', 'antar_sp')),
    status TEXT NOT NULL CHECK (status IN ('draf', 'diajukan', 'dikembalikan', 'dirujuk', 'penawaran_forum', 'konsiliasi', 'arbitrase', 'menunggu_mediator', 'mediasi', 'anjuran', 'menunggu_pb', 'selesai_pb', 'lanjut_phi', 'dicabut', 'selesai_forum_lain')),
    -- Who filed: the complainant's account, or the desk officer for a walk-in complaint.
    filed_by TEXT NOT NULL REFERENCES users (id),
    channel TEXT NOT NULL CHECK (channel IN ('online', 'loket')),
    complainant_side TEXT NOT NULL CHECK (complainant_side IN ('pekerja', 'pengusaha')),
    -- Walk-in: the officer checked the identity card and recorded the complainant's consent.
    identity_checked BOOLEAN NOT NULL,
    consent_recorded BOOLEAN NOT NULL,
    -- Contact of a walk-in complainant without an account (for letters; may be empty).
    contact_name TEXT,
    contact_phone TEXT,
    contact_email TEXT,
    -- The company: from the register, or as typed by the complainant until an officer links it.
    company_id TEXT REFERENCES companies (id),
    company_name TEXT NOT NULL,
    company_address TEXT NOT NULL,
    union_id TEXT REFERENCES unions (id),
    union_name TEXT,
    is_group BOOLEAN NOT NULL,
    chronology TEXT NOT NULL,
    demands TEXT NOT NULL,
    -- The key of the form that created it: the same submission twice creates one case.
    submission_key TEXT NOT NULL,
    submitted_on DATE,
    registered_on DATE,
    screening_note TEXT,
    referred_to TEXT,
    forum_worker TEXT CHECK (forum_worker IN ('mediasi', 'konsiliasi', 'arbitrase')),
    forum_company TEXT CHECK (forum_company IN ('mediasi', 'konsiliasi', 'arbitrase')),
    -- The conciliator or arbitrator the parties chose.
    forum_person TEXT,
    external_outcome TEXT,
    mediator_id TEXT REFERENCES users (id),
    delegated_on DATE,
    clarification_started_on DATE,
    clarification_ended_on DATE,
    clarification_notes TEXT,
    first_session_on DATE,
    anjuran_issued_on DATE,
    -- The day the parties received the anjuran: their 10 WD to answer run from it.
    anjuran_received_on DATE,
    anjuran_text TEXT,
    anjuran_worker TEXT CHECK (anjuran_worker IN ('terima', 'tolak', 'dianggap_tolak')),
    anjuran_worker_on DATE,
    anjuran_company TEXT CHECK (anjuran_company IN ('terima', 'tolak', 'dianggap_tolak')),
    anjuran_company_on DATE,
    anjuran_accepted_on DATE,
    pb_signed_on DATE,
    pb_text TEXT,
    pb_deed_number TEXT,
    pb_deed_on DATE,
    closed_on DATE,
    closing_reason TEXT,
    -- Wrong tracking PINs in a row, and until when tracking is locked after too many.
    pin_failures INTEGER NOT NULL,
    pin_locked_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (filed_by, submission_key),
    UNIQUE (office_id, case_number)
);
CREATE INDEX cases_office_status_idx ON cases (office_id, status, created_at);
CREATE INDEX cases_mediator_idx ON cases (mediator_id, status);
CREATE INDEX cases_company_idx ON cases (company_id);
CREATE INDEX cases_filed_by_idx ON cases (filed_by);

-- The workers on whose behalf the case is brought (one, or a group).
CREATE TABLE case_workers (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    position INTEGER NOT NULL,
    full_name TEXT NOT NULL,
    nik TEXT,
    phone TEXT,
    email TEXT,
    job_title TEXT,
    started_on DATE,
    -- Monthly wage in sen.
    monthly_wage BIGINT,
    -- The worker's own account, when they have one: they then see the case.
    user_id TEXT REFERENCES users (id)
);
CREATE INDEX case_workers_case_idx ON case_workers (case_id, position);
CREATE INDEX case_workers_user_idx ON case_workers (user_id);

-- Proof that bipartite negotiation was attempted: a risalah, or an invitation the other side refused.
CREATE TABLE case_bipartite (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL CHECK (kind IN ('risalah', 'undangan_ditolak')),
    held_on DATE NOT NULL,
    summary TEXT NOT NULL,
    document_id TEXT REFERENCES documents (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX case_bipartite_case_idx ON case_bipartite (case_id, held_on);

-- Every step of a case: one row per successful action, automatic ones included.
CREATE TABLE case_history (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    action TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    -- The day the step took effect (for automatic steps: the day after the clock ran out).
    effective_on DATE NOT NULL,
    actor_user_id TEXT REFERENCES users (id),
    actor_role TEXT NOT NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX case_history_case_idx ON case_history (case_id, created_at);

-- Clarification and mediation sessions with each side's attendance.
CREATE TABLE case_sessions (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    held_on DATE NOT NULL,
    worker_present BOOLEAN NOT NULL,
    company_present BOOLEAN NOT NULL,
    minutes TEXT NOT NULL,
    document_id TEXT REFERENCES documents (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX case_sessions_case_idx ON case_sessions (case_id, held_on);

-- Written summons (surat panggilan) per side, for the absent-party rule.
CREATE TABLE case_summons (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    side TEXT NOT NULL CHECK (side IN ('pekerja', 'pengusaha')),
    sent_on DATE NOT NULL,
    session_on DATE NOT NULL,
    delivery TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX case_summons_case_idx ON case_summons (case_id, sent_on);

-- Mediators a case was delegated to, with the reason of every reassignment.
CREATE TABLE case_assignments (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    mediator_id TEXT NOT NULL REFERENCES users (id),
    assigned_on DATE NOT NULL,
    reason TEXT,
    assigned_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX case_assignments_case_idx ON case_assignments (case_id, created_at);
CREATE INDEX case_assignments_mediator_idx ON case_assignments (mediator_id, assigned_on);
