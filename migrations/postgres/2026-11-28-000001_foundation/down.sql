DROP TRIGGER audit_log_no_truncate ON audit_log;
DROP TRIGGER audit_log_no_change ON audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE audit_log;
DROP TABLE api_tokens;
DROP TABLE account_links;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE offices;
