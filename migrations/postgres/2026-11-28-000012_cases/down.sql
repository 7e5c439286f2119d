DROP TABLE case_assignments;
DROP TABLE case_summons;
DROP TABLE case_sessions;
DROP TABLE case_history;
DROP TABLE case_bipartite;
DROP TABLE case_workers;
DROP TABLE cases;
