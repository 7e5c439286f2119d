-- Transactional outbox: every message is written in the same transaction as the change
-- that causes it, then delivered by a worker; attempts are kept as delivery evidence.

CREATE TABLE outbox (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    recipient_user_id TEXT REFERENCES users (id),
    recipient_email TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    template TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('id', 'en')),
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    entity_type TEXT,
    entity_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_error TEXT,
    server_response TEXT,
    queued_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
CREATE INDEX outbox_office_idx ON outbox (office_id, status, queued_at);
CREATE INDEX outbox_entity_idx ON outbox (office_id, entity_type, entity_id);

CREATE TABLE outbox_attachments (
    id TEXT NOT NULL PRIMARY KEY,
    outbox_id TEXT NOT NULL REFERENCES outbox (id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BYTEA NOT NULL
);
CREATE INDEX outbox_attachments_outbox_idx ON outbox_attachments (outbox_id);

CREATE TABLE outbox_attempts (
    id TEXT NOT NULL PRIMARY KEY,
    outbox_id TEXT NOT NULL REFERENCES outbox (id),
    attempted_at TIMESTAMP NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'transient', 'permanent')),
    detail TEXT NOT NULL
);
CREATE INDEX outbox_attempts_outbox_idx ON outbox_attempts (outbox_id);

-- In-app notices: the user's inbox in Harmoni, one per notification to a user.
CREATE TABLE notices (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    outbox_id TEXT REFERENCES outbox (id),
    template TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notices_user_idx ON notices (user_id, read_at);
