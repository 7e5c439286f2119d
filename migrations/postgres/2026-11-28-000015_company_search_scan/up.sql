-- Nothing changes on PostgreSQL: its pg_trgm index on lower(name) (migration company_search)
-- stays. On SQLite this migration drops the FTS5 name index in favour of an index scan.
SELECT 1;
