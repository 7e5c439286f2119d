DROP TABLE lks_members;
DROP TABLE lks_bipartit;
DROP TABLE wage_grades;
DROP TABLE wage_scales;
DROP TABLE bpjs_records;
