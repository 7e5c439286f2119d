DROP INDEX companies_standing_idx;
ALTER TABLE companies DROP COLUMN standing_gaps;
DROP TABLE company_standing;
ALTER TABLE company_imports DROP COLUMN kind;
DROP TABLE lks_reports;
DROP TABLE lks_meetings;
ALTER TABLE lks_bipartit DROP COLUMN notified_on;
DROP TABLE documents;
