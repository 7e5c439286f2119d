DROP INDEX companies_office_kecamatan_size_idx;
CREATE INDEX companies_office_kecamatan_idx ON companies (office_id, kecamatan_code);
DROP TRIGGER companies_name_fts_delete;
DROP TRIGGER companies_name_fts_rename;
DROP TRIGGER companies_name_fts_insert;
DROP TABLE companies_name_fts;
