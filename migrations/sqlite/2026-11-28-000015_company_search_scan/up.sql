-- The FTS5 trigram index of company names (migration company_search) goes: measured at 100,000
-- companies it was slower than scanning the (office_id, name, id) index for common words
-- (every match is then looked up by its text id), and a scan of that index with SQLite's own
-- case-insensitive LIKE (no lower() per row) counts 100,000 names in about 15 ms.
DROP TRIGGER companies_name_fts_delete;
DROP TRIGGER companies_name_fts_rename;
DROP TRIGGER companies_name_fts_insert;
DROP TABLE companies_name_fts;
