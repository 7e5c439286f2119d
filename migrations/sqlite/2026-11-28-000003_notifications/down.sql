DROP TABLE notices;
DROP TABLE outbox_attempts;
DROP TABLE outbox_attachments;
DROP TABLE outbox;
