DROP INDEX companies_office_name_id_idx;
CREATE INDEX companies_office_name_idx ON companies (office_id, name);
