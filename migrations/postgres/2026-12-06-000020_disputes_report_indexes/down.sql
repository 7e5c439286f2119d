DROP INDEX cases_closed_idx;
CREATE INDEX cases_closed_idx ON cases (office_id, closed_on, registered_on);
DROP INDEX case_history_stage_idx;
