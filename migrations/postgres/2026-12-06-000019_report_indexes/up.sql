-- The disputes report counts and reads cases by the day they were registered, closed, or their
-- mediation ended (anjuran issued, PB signed) within a period. Without these, each figure scans
-- every case of the office (measured: p99 466 ms at 100,000 cases on SQLite).
CREATE INDEX cases_registered_idx ON cases (office_id, registered_on);
CREATE INDEX cases_closed_idx ON cases (office_id, closed_on, registered_on);
CREATE INDEX cases_anjuran_idx ON cases (office_id, anjuran_issued_on);
CREATE INDEX cases_pb_idx ON cases (office_id, pb_signed_on);
