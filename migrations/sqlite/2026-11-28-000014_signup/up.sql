-- Self sign-up: an account made by its owner is unusable until the owner proves the email is
-- theirs. Accounts made by an administrator (or on the command line) are vouched for by the
-- office, so every existing account counts as verified from the day it was made.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMP;
UPDATE users SET email_verified_at = created_at;
-- When the owner agreed to the processing of their personal data (UU 27/2022 Ps 20, 22: the
-- controller must be able to show the consent); empty for accounts the office made.
ALTER TABLE users ADD COLUMN privacy_consent_at TIMESTAMP;

-- One-time links gain the purpose `verify_email`. SQLite cannot change a CHECK constraint in
-- place, so the table is rebuilt (nothing references it, so foreign keys stay intact).
CREATE TABLE account_links_new (
    id TEXT NOT NULL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('setup_admin', 'invite', 'reset', 'verify_email')),
    office_id TEXT NOT NULL REFERENCES offices (id),
    user_id TEXT REFERENCES users (id),
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
INSERT INTO account_links_new (id, token_hash, purpose, office_id, user_id, created_by, created_at, expires_at, used_at)
    SELECT id, token_hash, purpose, office_id, user_id, created_by, created_at, expires_at, used_at FROM account_links;
DROP TABLE account_links;
ALTER TABLE account_links_new RENAME TO account_links;
CREATE INDEX account_links_user_idx ON account_links (user_id, purpose, created_at);

-- Sign-ups per client address, to limit them per hour. The address is kept only as a hash and
-- rows older than a day are removed: this is a counter, not a log of who visited.
CREATE TABLE signup_attempts (
    id TEXT NOT NULL PRIMARY KEY,
    client_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX signup_attempts_client_idx ON signup_attempts (client_key, created_at);
