DROP TABLE union_companies;
DROP TABLE unions;
