-- Working-day calendar per office: which years are loaded (and whether final), and the
-- listed non-working days (national holidays, cuti bersama, office closures).

CREATE TABLE calendar_years (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('provisional', 'confirmed')),
    source TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (office_id, year)
);

CREATE TABLE calendar_days (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    day DATE NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama', 'penutupan_kantor')),
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (office_id, day)
);
