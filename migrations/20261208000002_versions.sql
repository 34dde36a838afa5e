-- Every change to a commitment is kept as a version (docs/monitoring.md "Versions"): its
-- public fields, its actors and its milestones as one jsonb snapshot, with who, when and why.
-- The public page diffs consecutive snapshots; a report as of a date rebuilds the plan from
-- the latest version recorded by the end of that day. Append-only like progress updates.

-- The snapshot of a commitment as its rows are now: the one definition the app's
-- `record_version` and the backfill below both use, so every version has the same shape.
CREATE FUNCTION commitment_snapshot(commitment uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'code', c.code, 'ogp_id', c.ogp_id, 'title', c.title, 'title_en', c.title_en,
        'problem', c.problem, 'causes', c.causes, 'status_quo', c.status_quo,
        'objective', c.objective, 'description', c.description,
        'advances_transparency', c.advances_transparency,
        'advances_accountability', c.advances_accountability,
        'advances_participation', c.advances_participation,
        'ogp_values', to_jsonb(c.ogp_values), 'policy_areas', to_jsonb(c.policy_areas),
        'sdgs', to_jsonb(c.sdgs), 'start_date', c.start_date, 'end_date', c.end_date,
        'state', c.state, 'contact', c.contact,
        'actors', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'institution_id', a.institution_id, 'name', i.name, 'role', a.role)
                       ORDER BY a.position)
              FROM commitment_actors a JOIN institutions i ON i.id = a.institution_id
             WHERE a.commitment_id = c.id), '[]'::jsonb),
        'milestones', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'id', m.id, 'position', m.position, 'title', m.title,
                       'expected_output', m.expected_output, 'weight', m.weight,
                       'responsible_institution_id', m.responsible_institution_id,
                       'responsible', i.name,
                       'baseline_start', m.baseline_start, 'baseline_due', m.baseline_due,
                       'current_start', m.current_start, 'current_due', m.current_due,
                       'is_illustrative', m.is_illustrative)
                       ORDER BY m.position)
              FROM milestones m LEFT JOIN institutions i ON i.id = m.responsible_institution_id
             WHERE m.commitment_id = c.id), '[]'::jsonb))
      FROM commitments c
     WHERE c.id = commitment
$$;

CREATE TABLE commitment_versions (
    commitment_id uuid NOT NULL REFERENCES commitments (id),
    version       integer NOT NULL CHECK (version >= 1),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    -- No foreign key: the name says who it was, whatever becomes of the account.
    author_id     uuid,
    author_name   text NOT NULL DEFAULT '' CHECK (char_length(author_name) <= 300),
    reason        text NOT NULL DEFAULT '' CHECK (char_length(reason) <= 2000),
    snapshot      jsonb NOT NULL,
    PRIMARY KEY (commitment_id, version)
);

-- As-of reports look for the latest version by a time.
CREATE INDEX commitment_versions_recorded_idx ON commitment_versions (commitment_id, recorded_at);

CREATE TRIGGER commitment_versions_append_only
    BEFORE UPDATE OR DELETE ON commitment_versions
    FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER commitment_versions_no_truncate
    BEFORE TRUNCATE ON commitment_versions
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();

-- Version 1 of every commitment there is: as its rows are now, dated when it was created.
INSERT INTO commitment_versions (commitment_id, version, recorded_at, reason, snapshot)
SELECT c.id, 1, c.created_at, 'initial', commitment_snapshot(c.id)
  FROM commitments c;
