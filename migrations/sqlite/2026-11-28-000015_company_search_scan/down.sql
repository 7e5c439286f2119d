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
