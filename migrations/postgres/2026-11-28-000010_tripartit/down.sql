DROP TABLE tripartit_recommendations;
DROP TABLE tripartit_attendance;
DROP TABLE tripartit_meetings;
DROP TABLE tripartit_members;
DROP TABLE tripartit_terms;
