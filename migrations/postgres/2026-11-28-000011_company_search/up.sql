-- Search by part of a company name without reading every name: a trigram index on the
-- lower-cased name serves `lower(name) LIKE '%text%'`. pg_trgm ships with PostgreSQL (contrib)
-- and is a trusted extension, so the database owner may install it; it goes into `public` and
-- its operator class is named with the schema, so the index works whatever the search_path.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE INDEX companies_name_trgm_idx ON companies USING gin (lower(name) public.gin_trgm_ops);

-- Filters by kecamatan (and size class) count and page from the index alone, in name order.
DROP INDEX companies_office_kecamatan_idx;
CREATE INDEX companies_office_kecamatan_size_idx ON companies (office_id, kecamatan_code, size_class, name, id);
