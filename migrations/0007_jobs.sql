-- Background jobs of the server: when each periodic job last ran (the weekly digest), so a
-- restart or a second server on the same database does not run it twice; and an index for
-- deleting old sent e-mails from the outbox.

CREATE TABLE job_runs (
    name TEXT PRIMARY KEY,
    last_run_at BIGINT NOT NULL
);

CREATE INDEX outbox_sent ON outbox (status, sent_at);
