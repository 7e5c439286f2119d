-- Documents uploaded for facilitations and PBs would otherwise point at nothing.
DELETE FROM documents WHERE owner_kind IN ('notice_facilitation', 'notice_pb');
DROP TABLE phk_workers;
DROP TABLE phk_reports;
DROP TABLE stoppage_facilitations;
DROP TABLE stoppage_notices;
DROP TABLE number_sequences;
