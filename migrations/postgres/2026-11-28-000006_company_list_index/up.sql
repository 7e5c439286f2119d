-- The company list pages over (office, name, id) without touching the rows it skips.
DROP INDEX companies_office_name_idx;
CREATE INDEX companies_office_name_id_idx ON companies (office_id, name, id);
