-- Municipalities (gemeenten): CBS reference data, keyed by code ("GM0363").

CREATE TABLE municipalities (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    province_code TEXT NOT NULL,
    province_name TEXT NOT NULL
);
CREATE INDEX municipalities_name ON municipalities (name);
