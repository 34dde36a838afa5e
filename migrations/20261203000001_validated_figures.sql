-- Two figures for every milestone: what the forum validated and what the institution
-- reported (pending and contested included). `current_*` keeps the reported one; the
-- validated one and the review of the latest claim join it, kept in the same transaction as
-- every report and review (store::monitoring::reviews::refresh_cache).
ALTER TABLE milestones
    ADD COLUMN validated_progress  smallint NOT NULL DEFAULT 0
                                   CHECK (validated_progress BETWEEN 0 AND 100),
    ADD COLUMN validated_status    text NOT NULL DEFAULT 'not_started'
                                   CHECK (validated_status IN ('not_started', 'in_progress',
                                          'completed', 'delayed', 'cancelled')),
    ADD COLUMN validated_update_at timestamptz,
    ADD COLUMN claim_review        text
                                   CHECK (claim_review IN ('pending', 'validated', 'contested'));

UPDATE milestones m
   SET validated_progress = v.progress, validated_status = v.status,
       validated_update_at = v.reported_at
  FROM (SELECT DISTINCT ON (milestone_id) milestone_id, progress, status, reported_at
          FROM progress_updates
         WHERE review_state = 'validated'
         ORDER BY milestone_id, reported_at DESC, id DESC) v
 WHERE v.milestone_id = m.id;

UPDATE milestones m
   SET claim_review = c.review_state
  FROM (SELECT DISTINCT ON (milestone_id) milestone_id, review_state
          FROM progress_updates
         WHERE review_state <> 'returned'
         ORDER BY milestone_id, reported_at DESC, id DESC) c
 WHERE c.milestone_id = m.id;

-- Which figure leads a plan's headline and decides its health: both side by side (health
-- from the validated one), the validated one, or the reported one. The forum's choice.
ALTER TABLE action_plans
    ADD COLUMN headline_figure text NOT NULL DEFAULT 'both'
                               CHECK (headline_figure IN ('both', 'validated', 'reported'));
