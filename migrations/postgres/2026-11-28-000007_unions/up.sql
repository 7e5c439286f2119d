-- Trade unions (serikat pekerja/serikat buruh) recorded at the office, and the companies
-- where they have members.

CREATE TABLE unions (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    name TEXT NOT NULL,
    federation TEXT,
    registration_number TEXT NOT NULL,
    registered_on DATE NOT NULL,
    member_count INTEGER NOT NULL,
    chair_name TEXT NOT NULL,
    secretary_name TEXT NOT NULL,
    treasurer_name TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'dissolved')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (office_id, registration_number)
);
CREATE INDEX unions_office_name_idx ON unions (office_id, name);

CREATE TABLE union_companies (
    id TEXT NOT NULL PRIMARY KEY,
    union_id TEXT NOT NULL REFERENCES unions (id),
    company_id TEXT NOT NULL REFERENCES companies (id),
    members INTEGER NOT NULL,
    UNIQUE (union_id, company_id)
);
CREATE INDEX union_companies_company_idx ON union_companies (company_id);
