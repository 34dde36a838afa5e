-- Reporting rounds: the periods in which the forum expects a report on every milestone of a
-- plan (docs/monitoring.md). A report belongs to the round whose dates hold the day it was
-- filed; a plan's rounds never overlap (checked under a lock on the plan when one is added).
CREATE TABLE reporting_rounds (
    id         uuid PRIMARY KEY,
    plan_id    uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
    label      text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 200),
    opens_on   date NOT NULL,
    closes_on  date NOT NULL,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reporting_rounds_dates CHECK (opens_on <= closes_on),
    CONSTRAINT reporting_rounds_plan_label_key UNIQUE (plan_id, label)
);

CREATE INDEX reporting_rounds_plan_idx ON reporting_rounds (plan_id, opens_on);

-- Rounds will show on public pages (each party's report per round): cached pages hear of them.
CREATE TRIGGER reporting_rounds_notify_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reporting_rounds
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
