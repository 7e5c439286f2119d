DROP TABLE company_representatives;
DROP TABLE companies;
