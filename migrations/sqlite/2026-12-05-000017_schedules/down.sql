DROP TABLE calendar_feeds;
-- SQLite cannot drop a column that holds a foreign key: the table is rebuilt instead.
CREATE TABLE case_summons_before (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    side TEXT NOT NULL CHECK (side IN ('pekerja', 'pengusaha')),
    sent_on DATE NOT NULL,
    session_on DATE NOT NULL,
    delivery TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
INSERT INTO case_summons_before (id, case_id, side, sent_on, session_on, delivery, created_at)
    SELECT id, case_id, side, sent_on, session_on, delivery, created_at FROM case_summons;
DROP TABLE case_summons;
ALTER TABLE case_summons_before RENAME TO case_summons;
CREATE INDEX case_summons_case_idx ON case_summons (case_id, sent_on);
DROP TABLE hearing_changes;
DROP TABLE hearings;
