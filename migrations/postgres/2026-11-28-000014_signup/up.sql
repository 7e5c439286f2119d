-- Self sign-up: an account made by its owner is unusable until the owner proves the email is
-- theirs. Accounts made by an administrator (or on the command line) are vouched for by the
-- office, so every existing account counts as verified from the day it was made.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMP;
UPDATE users SET email_verified_at = created_at;
-- When the owner agreed to the processing of their personal data (UU 27/2022 Ps 20, 22: the
-- controller must be able to show the consent); empty for accounts the office made.
ALTER TABLE users ADD COLUMN privacy_consent_at TIMESTAMP;

-- One-time links gain the purpose `verify_email`.
ALTER TABLE account_links DROP CONSTRAINT account_links_purpose_check;
ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_check
    CHECK (purpose IN ('setup_admin', 'invite', 'reset', 'verify_email'));
-- The newest verification link of a user is looked up to limit resends.
DROP INDEX account_links_user_idx;
CREATE INDEX account_links_user_idx ON account_links (user_id, purpose, created_at);

-- Sign-ups per client address, to limit them per hour. The address is kept only as a hash and
-- rows older than a day are removed: this is a counter, not a log of who visited.
CREATE TABLE signup_attempts (
    id TEXT NOT NULL PRIMARY KEY,
    client_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX signup_attempts_client_idx ON signup_attempts (client_key, created_at);
