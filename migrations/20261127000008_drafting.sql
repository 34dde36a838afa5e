-- Commitment drafting: approval freezes the baseline.
--
-- Once a commitment is approved, its milestones' baseline dates never change again (new
-- dates go through milestone_replans and move only the current dates). The app checks this
-- on the drafting form; the trigger keeps every other client to it too.

CREATE FUNCTION milestones_baseline_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.baseline_start IS DISTINCT FROM OLD.baseline_start
        OR NEW.baseline_due IS DISTINCT FROM OLD.baseline_due)
       AND EXISTS (SELECT 1 FROM commitments c
                    WHERE c.id = OLD.commitment_id AND c.approved_at IS NOT NULL) THEN
        RAISE EXCEPTION 'the baseline dates of milestone % are frozen: its commitment is approved', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION milestones_baseline_frozen() IS
    'Trigger: rejects changes of baseline dates once the milestone''s commitment is approved.';

CREATE TRIGGER milestones_baseline_frozen
    BEFORE UPDATE OF baseline_start, baseline_due ON milestones
    FOR EACH ROW EXECUTE FUNCTION milestones_baseline_frozen();
