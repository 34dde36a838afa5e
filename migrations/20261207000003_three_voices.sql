-- Three voices per milestone and round (docs/monitoring.md "Three voices"): the responsible
-- institution's progress report (now with the co-responsibility fields), the civil-society
-- counterpart's own report, and the forum's assessment of each commitment per round.

-- Counterparts: people of a commitment's civil-society co-lead institution. Like an
-- official, a counterpart account is always tied to its institution.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('participant', 'official', 'counterpart', 'nucleo', 'admin'));
ALTER TABLE users ADD CONSTRAINT users_counterpart_has_institution
    CHECK (role <> 'counterpart' OR institution_id IS NOT NULL);

-- The institution's report gains what the PAGA form asked. All optional in the table: reports
-- filed before (and imported history) have none; the form's rules (challenges when delayed,
-- at risk or not started) live in domain::progress_report.
ALTER TABLE progress_updates
    ADD COLUMN counterpart_fulfilled text
        CHECK (counterpart_fulfilled IN ('yes', 'partly', 'no')),
    ADD COLUMN counterpart_fulfilment_note text NOT NULL DEFAULT ''
        CHECK (char_length(counterpart_fulfilment_note) <= 2000),
    ADD COLUMN activities_with_others integer
        CHECK (activities_with_others BETWEEN 0 AND 100000),
    ADD COLUMN participants integer CHECK (participants BETWEEN 0 AND 10000000),
    ADD COLUMN participant_sectors text[] NOT NULL DEFAULT '{}'
        CHECK (participant_sectors <@ ARRAY['government', 'civil_society', 'academia',
                                            'private_sector', 'multilateral']::text[]),
    ADD COLUMN challenges text NOT NULL DEFAULT '' CHECK (char_length(challenges) <= 5000),
    ADD COLUMN next_steps text NOT NULL DEFAULT '' CHECK (char_length(next_steps) <= 5000),
    ADD COLUMN actual_start date,
    ADD COLUMN actual_completion date,
    ADD CONSTRAINT progress_updates_actual_dates
        CHECK (actual_start IS NULL OR actual_completion IS NULL
               OR actual_start <= actual_completion);

-- The counterpart's report on a milestone: its own view, never an edit of the institution's.
-- Append-only like progress updates; public. It belongs to the plan's round whose dates hold
-- the (UTC) day it was filed, as progress updates do.
CREATE TABLE counterpart_reports (
    id                    uuid PRIMARY KEY,
    milestone_id          uuid NOT NULL REFERENCES milestones (id),
    -- The co-lead institution the author reports for (a commitment may have several).
    institution_id        uuid NOT NULL REFERENCES institutions (id),
    author_id             uuid REFERENCES users (id) ON DELETE SET NULL,
    author_name           text NOT NULL CHECK (char_length(author_name) BETWEEN 1 AND 200),
    reported_at           timestamptz NOT NULL DEFAULT now(),
    -- The milestone's state as the counterpart sees it, on the IRM completion scale.
    completion            text NOT NULL
                          CHECK (completion IN ('no_evidence', 'not_started', 'limited',
                                                'substantial', 'complete', 'withdrawn')),
    -- Did the responsible institution fulfil its responsibilities towards the counterpart?
    institution_fulfilled text NOT NULL CHECK (institution_fulfilled IN ('yes', 'partly', 'no')),
    fulfilment_note       text NOT NULL DEFAULT '' CHECK (char_length(fulfilment_note) <= 2000),
    -- The change the counterpart perceives (realidad inicial / realidad posterior).
    perceived_change      text NOT NULL CHECK (char_length(perceived_change) BETWEEN 1 AND 5000),
    -- "We endorse the progress reported": the counterpart's sign-off for this round.
    endorses              boolean NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT counterpart_reports_fulfilment_reason
        CHECK (institution_fulfilled = 'yes' OR char_length(btrim(fulfilment_note)) > 0)
);

CREATE INDEX counterpart_reports_milestone_idx ON counterpart_reports (milestone_id, reported_at DESC);
CREATE INDEX counterpart_reports_author_idx ON counterpart_reports (author_id);

CREATE TRIGGER counterpart_reports_append_only
    BEFORE UPDATE OR DELETE ON counterpart_reports
    FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER counterpart_reports_no_truncate
    BEFORE TRUNCATE ON counterpart_reports
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER counterpart_reports_notify_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON counterpart_reports
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();

-- Evidence may back a counterpart's report too (links and files, like a progress update's).
ALTER TABLE evidence ADD COLUMN counterpart_report_id uuid REFERENCES counterpart_reports (id);
ALTER TABLE evidence DROP CONSTRAINT evidence_one_target;
ALTER TABLE evidence ADD CONSTRAINT evidence_one_target
    CHECK (num_nonnulls(update_id, session_id, commitment_id, counterpart_report_id) = 1);
CREATE INDEX evidence_counterpart_report_idx ON evidence (counterpart_report_id)
    WHERE counterpart_report_id IS NOT NULL;

CREATE OR REPLACE FUNCTION evidence_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'evidence may hold reported evidence: TRUNCATE is not allowed'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.update_id IS NOT NULL OR OLD.counterpart_report_id IS NOT NULL
       OR (TG_OP = 'UPDATE' AND (NEW.update_id IS NOT NULL
                                 OR NEW.counterpart_report_id IS NOT NULL)) THEN
        RAISE EXCEPTION 'evidence of a report is append-only: % is not allowed', TG_OP
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

-- The forum's own view of a commitment in a round, beside its validation of each report.
-- Append-only: a later assessment of the same round supersedes, the earlier one stays.
CREATE TABLE round_assessments (
    id                 uuid PRIMARY KEY,
    -- A round with assessments cannot be deleted (the forum's record would go with it).
    round_id           uuid NOT NULL REFERENCES reporting_rounds (id),
    commitment_id      uuid NOT NULL REFERENCES commitments (id),
    author_id          uuid REFERENCES users (id) ON DELETE SET NULL,
    author_name        text NOT NULL CHECK (char_length(author_name) BETWEEN 1 AND 200),
    assessed_at        timestamptz NOT NULL DEFAULT now(),
    completion         text NOT NULL
                       CHECK (completion IN ('no_evidence', 'not_started', 'limited',
                                             'substantial', 'complete', 'withdrawn')),
    narrative          text NOT NULL CHECK (char_length(narrative) BETWEEN 1 AND 5000),
    -- PAGA: was the co-created communication strategy carried out this round?
    communication      text NOT NULL CHECK (communication IN ('yes', 'partly', 'no')),
    communication_note text NOT NULL DEFAULT '' CHECK (char_length(communication_note) <= 2000)
);

CREATE INDEX round_assessments_round_commitment_idx
    ON round_assessments (round_id, commitment_id, assessed_at DESC);
CREATE INDEX round_assessments_commitment_idx ON round_assessments (commitment_id, assessed_at DESC);

CREATE TRIGGER round_assessments_append_only
    BEFORE UPDATE OR DELETE ON round_assessments
    FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER round_assessments_no_truncate
    BEFORE TRUNCATE ON round_assessments
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER round_assessments_notify_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON round_assessments
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
