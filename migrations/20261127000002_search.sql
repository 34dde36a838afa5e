-- Spanish full-text search, accent-insensitive: 'informacion' finds 'información'.
--
-- es_unaccent = the built-in spanish configuration with unaccent applied before stemming.
-- to_tsvector(regconfig, text) is IMMUTABLE, so with the configuration written as a
-- regconfig constant it may feed a STORED generated column. Query with the same
-- configuration: websearch_to_tsquery('es_unaccent', $1).

CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION es_unaccent (COPY = spanish);
ALTER TEXT SEARCH CONFIGURATION es_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;

COMMENT ON TEXT SEARCH CONFIGURATION es_unaccent IS
    'Spanish stemming after unaccent; used by every search column and query.';

-- Weights: A = title (and OGP id), B = problem and objective, C = the rest.
ALTER TABLE commitments ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('es_unaccent'::regconfig, title || ' ' || coalesce(ogp_id, '')), 'A')
    || setweight(to_tsvector('es_unaccent'::regconfig, problem || ' ' || objective), 'B')
    || setweight(to_tsvector('es_unaccent'::regconfig, description), 'C')
) STORED;

ALTER TABLE milestones ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('es_unaccent'::regconfig, title), 'A')
    || setweight(to_tsvector('es_unaccent'::regconfig, expected_output), 'B')
) STORED;

ALTER TABLE progress_updates ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('es_unaccent'::regconfig, narrative)
) STORED;

ALTER TABLE proposals ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('es_unaccent'::regconfig, title), 'A')
    || setweight(to_tsvector('es_unaccent'::regconfig, problem || ' ' || proposal), 'B')
) STORED;

CREATE INDEX commitments_search_idx ON commitments USING gin (search);
CREATE INDEX milestones_search_idx ON milestones USING gin (search);
CREATE INDEX progress_updates_search_idx ON progress_updates USING gin (search);
CREATE INDEX proposals_search_idx ON proposals USING gin (search);
