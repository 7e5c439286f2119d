-- LKS Tripartit Kota (PP 8/2005 as amended by PP 46/2008): its terms (SK Wali Kota) with
-- their members, its meetings with attendance and minutes, and the recommendations made at
-- them with their follow-up. Every row belongs to an office directly or through its term
-- or meeting.

CREATE TABLE tripartit_terms (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    decree_number TEXT NOT NULL,
    starts_on DATE NOT NULL,
    -- The day the term ends: it is in force from starts_on up to the day before ends_on.
    ends_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK (ends_on > starts_on)
);
CREATE INDEX tripartit_terms_office_idx ON tripartit_terms (office_id, starts_on);

CREATE TABLE tripartit_members (
    id TEXT NOT NULL PRIMARY KEY,
    term_id TEXT NOT NULL REFERENCES tripartit_terms (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('pemerintah', 'pengusaha', 'pekerja')),
    organisation TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('ketua', 'wakil_ketua', 'sekretaris', 'anggota'))
);
CREATE INDEX tripartit_members_term_idx ON tripartit_members (term_id);

CREATE TABLE tripartit_meetings (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    term_id TEXT NOT NULL REFERENCES tripartit_terms (id),
    held_on DATE NOT NULL,
    agenda TEXT NOT NULL,
    minutes_summary TEXT NOT NULL,
    -- Uploaded minutes (notulen) are documents owned by ('tripartit_meeting', id); the
    -- newest one is shown.
    created_at TIMESTAMP NOT NULL,
    UNIQUE (office_id, held_on)
);
CREATE INDEX tripartit_meetings_term_idx ON tripartit_meetings (term_id, held_on);

CREATE TABLE tripartit_attendance (
    meeting_id TEXT NOT NULL REFERENCES tripartit_meetings (id),
    member_id TEXT NOT NULL REFERENCES tripartit_members (id),
    present BOOLEAN NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE tripartit_recommendations (
    id TEXT NOT NULL PRIMARY KEY,
    office_id TEXT NOT NULL REFERENCES offices (id),
    meeting_id TEXT NOT NULL REFERENCES tripartit_meetings (id),
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    addressed_to TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('diajukan', 'ditindaklanjuti', 'selesai', 'tidak_ditindaklanjuti')),
    follow_up TEXT NOT NULL,
    status_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX tripartit_recommendations_meeting_idx ON tripartit_recommendations (meeting_id);
CREATE INDEX tripartit_recommendations_office_idx ON tripartit_recommendations (office_id, status);
