-- Mediation scheduling (DOMAIN.md section 2, steps 4-8): clarification and mediation sessions
-- planned in time and place, their changes, the summons (surat panggilan) each produces with
-- its delivery evidence, and the private calendar feeds of mediators and the office.

CREATE TABLE hearings (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL CHECK (kind IN ('klarifikasi', 'mediasi')),
    status TEXT NOT NULL CHECK (status IN ('dijadwalkan', 'selesai', 'dibatalkan')),
    mediator_id TEXT NOT NULL REFERENCES users (id),
    -- The office-local (WIB) day of the session; start and end are stored in UTC.
    held_on DATE NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    -- A room code of the office (settings) and/or a meeting link for an online session.
    room TEXT,
    online_url TEXT,
    agenda TEXT NOT NULL,
    summon_worker BOOLEAN NOT NULL,
    summon_company BOOLEAN NOT NULL,
    -- iCalendar SEQUENCE: 0 when planned, +1 at every reschedule and at the cancellation.
    sequence INTEGER NOT NULL,
    cancel_reason TEXT,
    -- The outcome against the plan, once recorded; the case's session row it produced.
    worker_present BOOLEAN,
    company_present BOOLEAN,
    minutes TEXT,
    session_id TEXT REFERENCES case_sessions (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX hearings_office_day_idx ON hearings (office_id, held_on);
CREATE INDEX hearings_case_idx ON hearings (case_id, starts_at);
CREATE INDEX hearings_mediator_idx ON hearings (mediator_id, held_on);

-- Every plan, reschedule, cancellation and outcome of a session, with its reason.
CREATE TABLE hearing_changes (
    id TEXT NOT NULL PRIMARY KEY,
    hearing_id TEXT NOT NULL REFERENCES hearings (id),
    action TEXT NOT NULL CHECK (action IN ('dijadwalkan', 'dijadwal_ulang', 'dibatalkan', 'dicatat')),
    sequence INTEGER NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    room TEXT,
    online_url TEXT,
    reason TEXT,
    actor_user_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX hearing_changes_hearing_idx ON hearing_changes (hearing_id, created_at);

-- A summons now belongs to a scheduled session, has a letter number and its own delivery
-- evidence; rows from before scheduling keep their free-text delivery and count as before.
ALTER TABLE case_summons ADD COLUMN hearing_id TEXT REFERENCES hearings (id);
ALTER TABLE case_summons ADD COLUMN letter_number TEXT;
ALTER TABLE case_summons ADD COLUMN addressee TEXT;
ALTER TABLE case_summons ADD COLUMN withdrawn_at TIMESTAMP;
ALTER TABLE case_summons ADD COLUMN handed_over_on DATE;
ALTER TABLE case_summons ADD COLUMN handed_over_to TEXT;
ALTER TABLE case_summons ADD COLUMN receipt_document_id TEXT REFERENCES documents (id);
-- When the summoned party first opened the summons in Harmoni (evidence of receipt).
ALTER TABLE case_summons ADD COLUMN opened_at TIMESTAMP;
-- Whether it counts as a proper summons (delivered, with the notice period) toward the
-- absent-party rule; decided when the session's outcome is recorded.
ALTER TABLE case_summons ADD COLUMN proper BOOLEAN;
CREATE UNIQUE INDEX case_summons_number_idx ON case_summons (letter_number);
CREATE INDEX case_summons_hearing_idx ON case_summons (hearing_id);

-- Private calendar (ICS) feeds: the token is in the URL, only its hash is stored.
CREATE TABLE calendar_feeds (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    scope TEXT NOT NULL CHECK (scope IN ('mediator', 'office')),
    -- The mediator whose sessions the feed holds; none for the office feed.
    user_id TEXT REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX calendar_feeds_owner_idx ON calendar_feeds (office_id, scope, user_id);
