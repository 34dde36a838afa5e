-- An institution merged into another leaves its address and name behind: its public page
-- (/institutions/{slug}) leads to the institution it became, and an OGP import that meets
-- the old name again links the one it became instead of recreating it (docs/guides/admin.*).
CREATE TABLE institution_aliases (
    slug           text PRIMARY KEY CHECK (char_length(slug) BETWEEN 1 AND 200),
    government_id  uuid NOT NULL REFERENCES governments (id),
    name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 500),
    institution_id uuid NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT institution_aliases_government_name_key UNIQUE (government_id, name)
);

CREATE INDEX institution_aliases_institution_idx ON institution_aliases (institution_id);

-- Public pages read it (the old address's redirect): cached pages hear of its changes.
CREATE TRIGGER institution_aliases_notify_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON institution_aliases
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
