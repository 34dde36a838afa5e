-- Large data set for bench/run.sh: 100 plans x 20 commitments x 8 milestones x 50 updates
-- (16 000 milestones, 800 000 progress updates). Runs once after the demo is loaded; plans are
-- named bench-plan-N. Only INSERTs, so the append-only triggers are untouched; each
-- milestone's current_progress/current_status cache is set to its latest update.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO action_plans (government_id, title, slug, period_start, period_end, phase, summary)
SELECT (SELECT id FROM governments ORDER BY created_at LIMIT 1),
       'Plan de prueba ' || p, 'bench-plan-' || p, date '2024-01-01', date '2026-12-31',
       'implementation', 'Plan generado para medir el rendimiento.'
FROM generate_series(1, 100) p;

INSERT INTO commitments (plan_id, code, title, slug, problem, objective, description, state,
                         ogp_values, start_date, end_date, approved_at)
SELECT ap.id, c::text, 'Compromiso ' || c || ' del ' || ap.title, 'compromiso-' || c,
       repeat('Problema público descrito con detalle. ', 20),
       repeat('Objetivo del compromiso. ', 10),
       repeat('Descripción de la solución. ', 30), 'approved',
       ARRAY['access_to_information', 'civic_participation'], date '2024-01-01',
       date '2026-06-30', now()
FROM action_plans ap, generate_series(1, 20) c
WHERE ap.slug LIKE 'bench-plan-%';

INSERT INTO commitment_actors (commitment_id, institution_id, role)
SELECT cm.id, (SELECT id FROM institutions ORDER BY name LIMIT 1), 'lead'
FROM commitments cm JOIN action_plans ap ON ap.id = cm.plan_id
WHERE ap.slug LIKE 'bench-plan-%';

INSERT INTO milestones (commitment_id, position, title, expected_output, weight,
                        baseline_start, baseline_due, current_start, current_due)
SELECT cm.id, m, 'Hito ' || m || ': entregable verificable', 'Informe publicado', 1 + m % 3,
       date '2024-01-01' + (m - 1) * 90, date '2024-03-31' + (m - 1) * 90,
       date '2024-01-01' + (m - 1) * 90, date '2024-03-31' + (m - 1) * 90
FROM commitments cm JOIN action_plans ap ON ap.id = cm.plan_id, generate_series(1, 8) m
WHERE ap.slug LIKE 'bench-plan-%';

INSERT INTO progress_updates (milestone_id, author_id, author_name, reported_at, progress,
                              status, narrative, review_state, reviewed_at)
SELECT mi.id, (SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1),
       'Oficial de prueba', timestamptz '2024-01-15' + u * interval '7 days', u * 2,
       CASE WHEN u = 50 THEN 'completed' ELSE 'in_progress' END,
       'Avance ' || u || ': se realizaron las actividades previstas y se publicó la evidencia.',
       CASE WHEN u % 10 = 5 THEN 'pending' ELSE 'validated' END,
       CASE WHEN u % 10 = 5 THEN NULL ELSE timestamptz '2024-01-16' + u * interval '7 days' END
FROM milestones mi JOIN commitments cm ON cm.id = mi.commitment_id
     JOIN action_plans ap ON ap.id = cm.plan_id, generate_series(1, 50) u
WHERE ap.slug LIKE 'bench-plan-%';

UPDATE milestones mi
SET current_progress = 100, current_status = 'completed',
    last_update_at = timestamptz '2024-01-15' + 50 * interval '7 days'
FROM commitments cm JOIN action_plans ap ON ap.id = cm.plan_id
WHERE cm.id = mi.commitment_id AND ap.slug LIKE 'bench-plan-%';
COMMIT;
ANALYZE;
