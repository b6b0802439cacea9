-- Community accounts: users, sessions, single-use tokens, login throttling, organisations,
-- the e-mail outbox and the audit log. Times are whole seconds since 1970-01-01 UTC (BIGINT),
-- so expiry and throttling windows are plain comparisons on both engines. Secrets are stored
-- only as hashes: sessions.id_hash and tokens.hash are BLAKE2b of the value in the cookie or
-- link; password_hash is an argon2id string.

-- A deleted account keeps its row (contributions point at it) without personal data: name is
-- '' and email and password_hash are NULL. UNIQUE allows many NULLs on both engines.
CREATE TABLE users (
    id {{ID}},
    name TEXT NOT NULL,
    email TEXT UNIQUE,
    password_hash TEXT,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    weekly_digest INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    user_agent TEXT NOT NULL,
    ip TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- purpose: confirm_email, reset_password or change_email; payload: the new address for
-- change_email. used_at is set when the link is followed: a token works once.
CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX tokens_user ON tokens (user_id, purpose);

-- One row per failed login per key (a hash of the account or of the address).
CREATE TABLE login_failures (
    id {{ID}},
    key_hash TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key_hash, at);

CREATE TABLE organisations (
    id {{ID}},
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    municipality_code TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- status: pending, sent or failed. A pending message is due at next_attempt_at; a sender
-- leases it by moving next_attempt_at forward.
CREATE TABLE outbox (
    id {{ID}},
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_user ON outbox (user_id);

-- actor_id 0 is the system. No foreign key: user rows are never deleted, only emptied.
CREATE TABLE audit_log (
    id {{ID}},
    at BIGINT NOT NULL,
    actor_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);

-- The write lock of the community tables on SQLite (see write_locks in 0001_items.sql): a
-- transaction that reads before it writes takes the write lock first, so it never has to
-- upgrade a read snapshot and fail with "database is locked".
INSERT INTO write_locks (name, taken) VALUES ('community', 0);
