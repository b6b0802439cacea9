-- Community content: contributions with their revisions, comments with flags, bookmarks,
-- follows and the record of weekly digests. The content of a contribution and of each
-- revision is a domain::Item as JSON (see storage/soci/item_json.cpp); title is copied out
-- for listings.

CREATE TABLE contributions (
    id {{ID}},
    author_id BIGINT NOT NULL REFERENCES users (id),
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    feedback TEXT NOT NULL,
    item_type TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    published_item_id BIGINT REFERENCES items (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX contributions_author ON contributions (author_id, updated_at);
CREATE INDEX contributions_status ON contributions (status, updated_at);
CREATE INDEX contributions_organisation ON contributions (organisation_id);

CREATE TABLE contribution_revisions (
    contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (contribution_id, number)
);

-- hidden = 1 with reason, editor and time while an editor hides the comment.
CREATE TABLE comments (
    id {{ID}},
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0,
    hidden_reason TEXT NOT NULL DEFAULT '',
    hidden_by BIGINT NOT NULL DEFAULT 0,
    hidden_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX comments_item ON comments (item_id, id);
CREATE INDEX comments_author ON comments (author_id);

CREATE TABLE comment_flags (
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX comment_flags_user ON comment_flags (user_id);

CREATE TABLE bookmarks (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, item_id)
);

-- kind: theme, goal or municipality.
CREATE TABLE follows (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind, value)
);
CREATE INDEX follows_value ON follows (kind, value);

-- One row per user per ISO week ("2026-W48") whose digest was queued: makes it idempotent.
CREATE TABLE digests (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    week TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, week)
);

CREATE INDEX items_created ON items (created_at);
