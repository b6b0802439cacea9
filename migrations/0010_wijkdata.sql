-- Wijkdata: imported CBS/RIVM tables per year (areas, indicator definitions, values), the
-- record of every import, and area boundaries. One dataset is one table (table id) of one year;
-- a newer file of the same table and year replaces the old dataset and its values.

-- A counter that every wijkdata write raises, so that server processes notice imports made by
-- another process (the CLI) and rebuild their in-memory tables.
CREATE TABLE wijk_state (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO wijk_state (name, version) VALUES ('wijkdata', 0);

CREATE TABLE wijk_datasets (
    id {{ID}},
    table_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    source_file TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    area_count BIGINT NOT NULL,
    indicator_count BIGINT NOT NULL,
    value_count BIGINT NOT NULL,
    UNIQUE (table_id, year)
);
CREATE INDEX wijk_datasets_hash ON wijk_datasets (file_hash);

-- Areas of one year: the union of the areas of that year's datasets. Codes and borders
-- change yearly, so the year is part of the key.
CREATE TABLE wijk_areas (
    year INTEGER NOT NULL,
    code TEXT NOT NULL,
    level TEXT NOT NULL,
    parent_code TEXT NOT NULL,
    name TEXT NOT NULL,
    population DOUBLE PRECISION,
    PRIMARY KEY (year, code)
);

-- Indicator definitions, shared by all years. `edited` = 1 once someone changed the metadata
-- by hand; a later import then leaves label, unit, direction and source alone.
CREATE TABLE wijk_indicators (
    key TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    unit TEXT NOT NULL,
    direction TEXT NOT NULL,
    source TEXT NOT NULL,
    table_id TEXT NOT NULL,
    edited INTEGER NOT NULL DEFAULT 0
);

-- Values as delivered; `secret` = 1 for values the source hid ('.'). Missing values are not
-- stored. Disclosure control is applied when values are read, never stored.
CREATE TABLE wijk_values (
    dataset_id BIGINT NOT NULL REFERENCES wijk_datasets (id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    code TEXT NOT NULL,
    value DOUBLE PRECISION,
    secret INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, indicator, code)
);

CREATE TABLE wijk_boundaries (
    id {{ID}},
    year INTEGER NOT NULL,
    level TEXT NOT NULL,
    source_file TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    area_count BIGINT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (year, level)
);
