-- Company compliance records, each dated so that status can be computed as of any day:
-- BPJS Ketenagakerjaan enrolment figures, wage structures and scales with their grades,
-- LKS Bipartit with their members.

CREATE TABLE bpjs_records (
    id TEXT NOT NULL PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies (id),
    npp TEXT NOT NULL,
    registered_on DATE NOT NULL,
    jkk BOOLEAN NOT NULL,
    jkm BOOLEAN NOT NULL,
    jht BOOLEAN NOT NULL,
    jp BOOLEAN NOT NULL,
    jkp BOOLEAN NOT NULL,
    workers_enrolled INTEGER NOT NULL,
    as_of DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (company_id, as_of)
);

CREATE TABLE wage_scales (
    id TEXT NOT NULL PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies (id),
    effective_on DATE NOT NULL,
    workers_informed BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (company_id, effective_on)
);

CREATE TABLE wage_grades (
    id TEXT NOT NULL PRIMARY KEY,
    wage_scale_id TEXT NOT NULL REFERENCES wage_scales (id),
    position INTEGER NOT NULL,
    grade TEXT NOT NULL,
    job_level TEXT NOT NULL,
    min_sen BIGINT NOT NULL,
    max_sen BIGINT NOT NULL
);
CREATE INDEX wage_grades_scale_idx ON wage_grades (wage_scale_id);

CREATE TABLE lks_bipartit (
    id TEXT NOT NULL PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies (id),
    formed_on DATE NOT NULL,
    registration_number TEXT,
    registered_on DATE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (company_id, formed_on)
);

CREATE TABLE lks_members (
    id TEXT NOT NULL PRIMARY KEY,
    lks_id TEXT NOT NULL REFERENCES lks_bipartit (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('pengusaha', 'pekerja')),
    office TEXT NOT NULL CHECK (office IN ('ketua', 'wakil_ketua', 'sekretaris', 'anggota'))
);
CREATE INDEX lks_members_lks_idx ON lks_members (lks_id);
