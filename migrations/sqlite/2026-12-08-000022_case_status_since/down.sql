CREATE INDEX case_history_stage_idx ON case_history (case_id, to_status, effective_on);
ALTER TABLE cases DROP COLUMN status_since;
