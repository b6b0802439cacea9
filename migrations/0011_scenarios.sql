-- Saved scenarios of the "ongelijk investeren" calculator: a member's named set of choices
-- (index and allocation settings, kept as the canonical query string of the pages, so a
-- scenario opens as a link). Only the owner sees them; they go with the account's row.
-- Times are whole seconds since 1970-01-01 UTC, as in 0003_accounts.sql.
CREATE TABLE ongelijk_scenarios (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    gemeente_code TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (user_id, name)
);
CREATE INDEX ongelijk_scenarios_user ON ongelijk_scenarios (user_id, updated_at);
