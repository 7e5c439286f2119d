-- A company file uploaded for import, kept between its preview and its application.
CREATE TABLE company_imports (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    filename TEXT NOT NULL,
    rows_json TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    applied_at TIMESTAMP,
    summary TEXT
);
