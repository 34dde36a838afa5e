-- The milestones a round expects, and which party has reported on each in it: one
-- definition for the round list, the round's page and the reminders (docs/monitoring.md).
--
-- A milestone is expected in a round when its commitment is approved, its current dates have
-- it started by the round's close, and it was not reported completed before the round opened.
-- A party has reported when it filed a report on a day (UTC) within the round. The counterpart
-- is expected only on commitments that have a civil-society co-lead.
CREATE VIEW round_milestones AS
SELECT r.id AS round_id,
       r.plan_id,
       c.id AS commitment_id,
       m.id AS milestone_id,
       EXISTS (SELECT 1 FROM progress_updates u
                WHERE u.milestone_id = m.id
                  AND (u.reported_at AT TIME ZONE 'UTC')::date
                      BETWEEN r.opens_on AND r.closes_on) AS institution_reported,
       EXISTS (SELECT 1 FROM commitment_actors a
                WHERE a.commitment_id = c.id
                  AND a.role = 'civil_society_co_lead') AS counterpart_expected,
       EXISTS (SELECT 1 FROM counterpart_reports k
                WHERE k.milestone_id = m.id
                  AND (k.reported_at AT TIME ZONE 'UTC')::date
                      BETWEEN r.opens_on AND r.closes_on) AS counterpart_reported
  FROM reporting_rounds r
  JOIN commitments c ON c.plan_id = r.plan_id AND c.state = 'approved'
  JOIN milestones m ON m.commitment_id = c.id
 WHERE (m.current_start IS NULL OR m.current_start <= r.closes_on)
   AND NOT EXISTS (SELECT 1 FROM progress_updates d
                    WHERE d.milestone_id = m.id AND d.status = 'completed'
                      AND (d.reported_at AT TIME ZONE 'UTC')::date < r.opens_on);
