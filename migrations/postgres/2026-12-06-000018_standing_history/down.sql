DROP TABLE standing_history_state;
DROP TABLE indicator_changes;
DROP TABLE standing_periods;
