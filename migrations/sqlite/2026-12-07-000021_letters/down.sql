DROP TABLE letter_versions;
DROP TABLE letters;
