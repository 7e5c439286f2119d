-- Official letters (issue 14): one row per letter (its number never changes), one per
-- version issued (a reissue is a new version with its own PDF and verification code).
CREATE TABLE letters (
    id TEXT PRIMARY KEY NOT NULL,
    office_id TEXT NOT NULL REFERENCES offices (id),
    kind TEXT NOT NULL,
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    -- The case a dispute letter belongs to (also for summons and session minutes), and the
    -- company a regulations or LKS letter concerns: the pages that list letters and the
    -- downloads that check access read these.
    case_id TEXT REFERENCES cases (id),
    company_id TEXT REFERENCES companies (id),
    number TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (office_id, kind, owner_id),
    -- Numbers never repeat within an office: a misconfigured series fails loudly here.
    UNIQUE (office_id, number)
);
CREATE INDEX letters_case_idx ON letters (case_id);
CREATE INDEX letters_owner_idx ON letters (owner_id);

CREATE TABLE letter_versions (
    id TEXT PRIMARY KEY NOT NULL,
    letter_id TEXT NOT NULL REFERENCES letters (id),
    version INTEGER NOT NULL,
    -- The verification code printed on the letter (random, unguessable).
    code TEXT NOT NULL UNIQUE,
    -- SHA-256 of the PDF, also its name in the storage directory.
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    -- The date printed on the letter (the act it records); issued_on is when this version was made.
    dated DATE NOT NULL,
    issued_on DATE NOT NULL,
    issued_by TEXT REFERENCES users (id),
    issued_by_label TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (letter_id, version)
);
