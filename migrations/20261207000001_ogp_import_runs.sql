-- An OGP import started from the administration pages: who sent which file, when it ran,
-- what it created and its report (every value it could not read or had to interpret, and
-- every row left out), kept so the report can be downloaded afterwards in the reader's
-- language. The import itself runs in its own transaction; this row says how it went.
CREATE TABLE ogp_import_runs (
    id            uuid PRIMARY KEY,
    actor_id      uuid REFERENCES users (id) ON DELETE SET NULL,
    actor_label   text NOT NULL,
    file_name     text NOT NULL CHECK (char_length(file_name) <= 300),
    file_bytes    bigint NOT NULL CHECK (file_bytes >= 0),
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    status        text NOT NULL DEFAULT 'running'
                  CHECK (status IN ('running', 'done', 'failed')),
    -- Why a failed run failed (a message key: the file was not OGP's export, or the
    -- database refused it) and its detail (the missing column, the parser's words).
    failure       text,
    failure_detail text NOT NULL DEFAULT '',
    governments   integer NOT NULL DEFAULT 0,
    plans         integer NOT NULL DEFAULT 0,
    institutions  integer NOT NULL DEFAULT 0,
    commitments   integer NOT NULL DEFAULT 0,
    assessments   integer NOT NULL DEFAULT 0,
    -- How many of the lines are about values, and how many rows were left out.
    value_lines   integer NOT NULL DEFAULT 0,
    skipped_rows  integer NOT NULL DEFAULT 0,
    -- [{row, ogp_id, column, value, key, detail, skipped}], in the order the file gave them.
    lines         jsonb NOT NULL DEFAULT '[]',
    CONSTRAINT ogp_import_runs_finished CHECK ((status = 'running') = (finished_at IS NULL))
);

CREATE INDEX ogp_import_runs_started_idx ON ogp_import_runs (started_at DESC);

-- Not public, but a finished run comes with new plans: cached pages hear of it as of every
-- table (the page-cache test holds every table to it).
CREATE TRIGGER ogp_import_runs_notify_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ogp_import_runs
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
