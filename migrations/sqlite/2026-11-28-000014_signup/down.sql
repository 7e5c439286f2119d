DROP TABLE signup_attempts;

DELETE FROM account_links WHERE purpose = 'verify_email';
CREATE TABLE account_links_old (
    id TEXT NOT NULL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('setup_admin', 'invite', 'reset')),
    office_id TEXT NOT NULL REFERENCES offices (id),
    user_id TEXT REFERENCES users (id),
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
INSERT INTO account_links_old (id, token_hash, purpose, office_id, user_id, created_by, created_at, expires_at, used_at)
    SELECT id, token_hash, purpose, office_id, user_id, created_by, created_at, expires_at, used_at FROM account_links;
DROP TABLE account_links;
ALTER TABLE account_links_old RENAME TO account_links;
CREATE INDEX account_links_user_idx ON account_links (user_id);

ALTER TABLE users DROP COLUMN privacy_consent_at;
ALTER TABLE users DROP COLUMN email_verified_at;
