-- Search by part of a company name without reading every name: an FTS5 index of the names'
-- trigrams (a phrase query on it is a substring match, case-insensitive). It keeps its own copy
-- of the name keyed by the company id, because the rowid of a table without an INTEGER
-- PRIMARY KEY may change on VACUUM; triggers keep it in step with the register.
CREATE VIRTUAL TABLE companies_name_fts USING fts5(name, company_id UNINDEXED, tokenize = 'trigram');
INSERT INTO companies_name_fts (name, company_id) SELECT name, id FROM companies;

CREATE TRIGGER companies_name_fts_insert AFTER INSERT ON companies BEGIN
    INSERT INTO companies_name_fts (name, company_id) VALUES (new.name, new.id);
END;
CREATE TRIGGER companies_name_fts_rename AFTER UPDATE OF name ON companies WHEN old.name <> new.name BEGIN
    UPDATE companies_name_fts SET name = new.name WHERE company_id = new.id;
END;
CREATE TRIGGER companies_name_fts_delete AFTER DELETE ON companies BEGIN
    DELETE FROM companies_name_fts WHERE company_id = old.id;
END;

-- Filters by kecamatan (and size class) count and page from the index alone, in name order.
DROP INDEX companies_office_kecamatan_idx;
CREATE INDEX companies_office_kecamatan_size_idx ON companies (office_id, kecamatan_code, size_class, name, id);
