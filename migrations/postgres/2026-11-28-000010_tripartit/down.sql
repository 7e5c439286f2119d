-- Minutes uploaded for the meetings would otherwise point at nothing.
DELETE FROM documents WHERE owner_kind = 'tripartit_meeting';
DROP TABLE tripartit_recommendations;
DROP TABLE tripartit_attendance;
DROP TABLE tripartit_meetings;
DROP TABLE tripartit_members;
DROP TABLE tripartit_terms;
