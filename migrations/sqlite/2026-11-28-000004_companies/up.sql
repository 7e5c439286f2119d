-- The company register: identity (NIB, NPWP, KBLI), place in the city, workforce, WLKP,
-- contacts; and the representatives (perusahaan accounts) who keep each company's records.

CREATE TABLE companies (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    name TEXT NOT NULL,
    legal_form TEXT NOT NULL CHECK (legal_form IN ('pt', 'cv', 'firma', 'koperasi', 'yayasan', 'perorangan', 'bumn', 'bumd', 'lainnya')),
    nib TEXT NOT NULL,
    npwp TEXT,
    kbli_code TEXT NOT NULL,
    kbli_edition INTEGER NOT NULL,
    address TEXT NOT NULL,
    outside_city BOOLEAN NOT NULL,
    kecamatan_code TEXT,
    kelurahan TEXT,
    footprint TEXT NOT NULL CHECK (footprint IN ('kota', 'multi_kabkota', 'multi_provinsi')),
    size_class TEXT NOT NULL CHECK (size_class IN ('mikro', 'kecil', 'menengah', 'besar')),
    workers_male INTEGER NOT NULL,
    workers_female INTEGER NOT NULL,
    workers_pkwt INTEGER NOT NULL,
    workers_pkwtt INTEGER NOT NULL,
    workers_total INTEGER NOT NULL,
    workforce_reported_on DATE,
    wlkp_registered BOOLEAN NOT NULL,
    wlkp_registered_on DATE,
    contact_name TEXT NOT NULL,
    contact_phone TEXT,
    contact_email TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (office_id, nib)
);
CREATE INDEX companies_office_name_idx ON companies (office_id, name);
CREATE INDEX companies_office_kecamatan_idx ON companies (office_id, kecamatan_code);
CREATE INDEX companies_office_kbli_idx ON companies (office_id, kbli_code);

CREATE TABLE company_representatives (
    id TEXT NOT NULL PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (company_id, user_id)
);
CREATE INDEX company_representatives_user_idx ON company_representatives (user_id);
