#!/usr/bin/env bash
# Times the monitoring report (XLSX and PDF) for the demo plan and for a generated plan of
# 50 commitments × 10 milestones × 20 updates, with the release build.
#
#   DATABASE_URL=postgres://… bash bench/report-timings.sh
#
# Use a scratch database: the script loads the demo and adds the plan `bench-50x10x20`.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to a scratch database}"
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/abierto
out=$(mktemp -d)
"$bin" migrate >/dev/null
if [ "$(psql -tAq "$DATABASE_URL" -c "SELECT count(*) FROM action_plans WHERE slug = 'ecuador-2019-2022'")" = 0 ]; then
  "$bin" demo >/dev/null
fi
psql -q "$DATABASE_URL" -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO action_plans (government_id, title, slug, period_start, period_end, phase)
SELECT id, 'Plan generado 50 × 10 × 20', 'bench-50x10x20', '2024-01-01', '2026-12-31', 'implementation'
  FROM governments ORDER BY name LIMIT 1
ON CONFLICT (slug) DO NOTHING;
INSERT INTO commitments (plan_id, code, title, slug, state, start_date, end_date)
SELECT p.id, n::text, 'Compromiso ' || n || ': participación ciudadana y rendición de cuentas en la gestión pública',
       'compromiso-' || n, 'approved', '2024-01-01', '2026-06-30'
  FROM action_plans p, generate_series(1, 50) n
 WHERE p.slug = 'bench-50x10x20'
ON CONFLICT DO NOTHING;
INSERT INTO milestones (commitment_id, position, title, weight, baseline_start, baseline_due,
                        current_start, current_due)
SELECT c.id, n, 'Hito ' || n || ' del compromiso ' || c.code || ': publicación de datos y mesas técnicas',
       1 + n % 3, '2024-01-01', date '2024-03-01' + n * 60, '2024-01-01', date '2024-03-01' + n * 60
  FROM commitments c JOIN action_plans p ON p.id = c.plan_id, generate_series(1, 10) n
 WHERE p.slug = 'bench-50x10x20'
ON CONFLICT DO NOTHING;
INSERT INTO progress_updates (milestone_id, author_name, reported_at, progress, status, narrative,
                              review_state, reviewed_at)
SELECT m.id, 'Funcionaria de prueba', timestamptz '2024-01-15' + n * interval '30 days',
       least(100, n * 5), CASE WHEN n * 5 >= 100 THEN 'completed' ELSE 'in_progress' END,
       'Reporte ' || n || ': se avanzó en la normativa, con reuniones técnicas y mesas de participación ciudadana en tres provincias; se publicaron las actas.',
       'validated', timestamptz '2024-01-16' + n * interval '30 days'
  FROM milestones m JOIN commitments c ON c.id = m.commitment_id
  JOIN action_plans p ON p.id = c.plan_id, generate_series(1, 20) n
 WHERE p.slug = 'bench-50x10x20'
   AND NOT EXISTS (SELECT 1 FROM progress_updates u WHERE u.milestone_id = m.id);
SQL
for plan in ecuador-2019-2022 bench-50x10x20; do
  for format in xlsx pdf; do
    "$bin" report --plan "$plan" --format "$format" --out "$out/$plan.$format"
  done
done
rm -rf "$out"
