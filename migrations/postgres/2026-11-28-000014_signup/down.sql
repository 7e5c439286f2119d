DROP TABLE signup_attempts;

DROP INDEX account_links_user_idx;
CREATE INDEX account_links_user_idx ON account_links (user_id);
DELETE FROM account_links WHERE purpose = 'verify_email';
ALTER TABLE account_links DROP CONSTRAINT account_links_purpose_check;
ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_check
    CHECK (purpose IN ('setup_admin', 'invite', 'reset'));

ALTER TABLE users DROP COLUMN privacy_consent_at;
ALTER TABLE users DROP COLUMN email_verified_at;
