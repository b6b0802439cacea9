-- Knowledge-base items with their ordered child lists, and the change log that search
-- indexes follow. {{ID}} is the engine's auto-increment primary key (see migrator.cpp).
-- Dates and timestamps are ISO 8601 text, which sorts chronologically on both engines.

CREATE TABLE items (
    id {{ID}},
    external_id TEXT NOT NULL UNIQUE CHECK (length(external_id) > 0),
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    date TEXT NOT NULL,
    level TEXT NOT NULL,
    municipality_code TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX items_date ON items (date, id);
CREATE INDEX items_municipality ON items (municipality_code);

CREATE TABLE item_themes (
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    theme TEXT NOT NULL,
    PRIMARY KEY (item_id, position)
);
CREATE INDEX item_themes_theme ON item_themes (theme, item_id);

CREATE TABLE item_goals (
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    goal INTEGER NOT NULL CHECK (goal BETWEEN 1 AND 7),
    PRIMARY KEY (item_id, position)
);
CREATE INDEX item_goals_goal ON item_goals (goal, item_id);

CREATE TABLE item_tracks (
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    track TEXT NOT NULL,
    PRIMARY KEY (item_id, position)
);
CREATE INDEX item_tracks_track ON item_tracks (track, item_id);

CREATE TABLE item_links (
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (item_id, position)
);

-- kind is 'upsert' or 'delete'. No foreign key: the log outlives deleted items.
CREATE TABLE changes (
    seq {{ID}},
    item_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL
);

-- One row per serialised write path. A write transaction first updates its row, which holds
-- a row lock until commit on PostgreSQL (so change seqs become visible in commit order and a
-- follower reading "seq > last" never skips one) and takes the write lock at once on SQLite
-- (so a transaction never has to upgrade a read snapshot).
CREATE TABLE write_locks (
    name TEXT PRIMARY KEY,
    taken BIGINT NOT NULL
);
INSERT INTO write_locks (name, taken) VALUES ('items', 0);
