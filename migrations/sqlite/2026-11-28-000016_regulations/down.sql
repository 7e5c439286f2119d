ALTER TABLE company_standing DROP COLUMN pp;
DROP TABLE regulations;
DROP TABLE regulation_history;
DROP TABLE regulation_reviews;
DROP TABLE regulation_submission_unions;
DROP TABLE regulation_submissions;
