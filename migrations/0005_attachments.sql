-- Attachments of contributions (PDF, DOCX, XLSX, PNG, JPEG). The file itself lives outside
-- the database, under <data dir>/uploads/, named by the SHA-256 of its bytes (so one file
-- uploaded twice is stored once); this table keeps what the pages show and the text that
-- search finds (extracted from PDF files; empty for the other types).

CREATE TABLE attachments (
    id {{ID}},
    contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    extracted_text TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_contribution ON attachments (contribution_id, id);
CREATE INDEX attachments_sha256 ON attachments (sha256);
