DROP INDEX cases_pb_idx;
DROP INDEX cases_anjuran_idx;
DROP INDEX cases_closed_idx;
DROP INDEX cases_registered_idx;
