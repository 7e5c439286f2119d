DROP TABLE company_imports;
