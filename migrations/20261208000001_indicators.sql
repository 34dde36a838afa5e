-- Outcome indicators (docs/implementation.md): what a commitment is meant to change, measured
-- against a baseline and a target, in the spirit of IATI's results standard. The commitment's
-- lead institution defines them and records measurements; the forum reviews each measurement
-- as it reviews progress reports. Values are numeric; the app reads them as float8.
CREATE TABLE indicators (
    id              uuid PRIMARY KEY,
    commitment_id   uuid NOT NULL REFERENCES commitments (id),
    -- Optional: an indicator of one milestone's output rather than the commitment's.
    milestone_id    uuid REFERENCES milestones (id),
    name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
    unit            text NOT NULL CHECK (char_length(unit) BETWEEN 1 AND 100),
    -- Which way is better.
    direction       text NOT NULL CHECK (direction IN ('increase', 'decrease')),
    baseline_value  numeric NOT NULL,
    baseline_date   date NOT NULL,
    baseline_source text NOT NULL CHECK (char_length(baseline_source) BETWEEN 1 AND 500),
    target_value    numeric NOT NULL,
    target_date     date NOT NULL,
    position        integer NOT NULL DEFAULT 0,
    created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT indicators_target_differs CHECK (target_value <> baseline_value),
    CONSTRAINT indicators_target_after_baseline CHECK (target_date >= baseline_date),
    CONSTRAINT indicators_direction_matches
        CHECK ((direction = 'increase') = (target_value > baseline_value))
);

CREATE INDEX indicators_commitment_idx ON indicators (commitment_id, position, created_at);
CREATE INDEX indicators_milestone_idx ON indicators (milestone_id) WHERE milestone_id IS NOT NULL;

-- A measurement: append-only like progress updates; only the review changes afterwards (once,
-- from pending: the store's update says WHERE review_state = 'pending').
CREATE TABLE indicator_measurements (
    id             uuid PRIMARY KEY,
    indicator_id   uuid NOT NULL REFERENCES indicators (id),
    value          numeric NOT NULL,
    measured_on    date NOT NULL,
    source         text NOT NULL CHECK (char_length(source) BETWEEN 1 AND 500),
    evidence_url   text CHECK (char_length(evidence_url) <= 2000),
    -- Label → value, e.g. {"mujeres": 12, "hombres": 18}: at most 20 entries (labels ≤ 100
    -- characters, checked by the app).
    disaggregation jsonb CHECK (disaggregation IS NULL OR jsonb_typeof(disaggregation) = 'object'),
    recorded_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    -- The author as shown at the time.
    author_name    text NOT NULL CHECK (char_length(author_name) BETWEEN 1 AND 200),
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    review_state   text NOT NULL DEFAULT 'pending'
                   CHECK (review_state IN ('pending', 'validated', 'returned')),
    reviewed_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at    timestamptz,
    -- Public: the reason for returning.
    review_note    text CHECK (char_length(review_note) <= 2000),
    CONSTRAINT indicator_measurements_reviewed_at
        CHECK (review_state = 'pending' OR reviewed_at IS NOT NULL),
    CONSTRAINT indicator_measurements_return_reason
        CHECK (review_state <> 'returned' OR review_note IS NOT NULL)
);

CREATE INDEX indicator_measurements_indicator_idx
    ON indicator_measurements (indicator_id, measured_on, recorded_at);
CREATE INDEX indicator_measurements_pending_idx
    ON indicator_measurements (recorded_at) WHERE review_state = 'pending';

CREATE TRIGGER indicator_measurements_append_only
    BEFORE UPDATE OR DELETE ON indicator_measurements
    FOR EACH ROW
    EXECUTE FUNCTION append_only_guard('review_state', 'reviewed_by', 'reviewed_at', 'review_note');
CREATE TRIGGER indicator_measurements_no_truncate
    BEFORE TRUNCATE ON indicator_measurements
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();

CREATE TRIGGER indicators_notify_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicators
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER indicator_measurements_notify_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator_measurements
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
