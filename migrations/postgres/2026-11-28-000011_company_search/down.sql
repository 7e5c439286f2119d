DROP INDEX companies_office_kecamatan_size_idx;
CREATE INDEX companies_office_kecamatan_idx ON companies (office_id, kecamatan_code);
DROP INDEX companies_name_trgm_idx;
