//! Spanish full-text search, accent-insensitive, over the public record.

use sqlx::PgPool;

#[derive(Debug, Clone)]
pub struct Hit {
    /// `commitment`, `milestone` or `update`.
    pub kind: String,
    pub plan_slug: String,
    pub code: String,
    /// The milestone hit, or the milestone of the report hit; `None` for a commitment.
    pub milestone_position: Option<i32>,
    pub title: String,
    /// Matching excerpt, with `[[` and `]]` around the matched words (escaped later).
    pub excerpt: String,
}

/// At most `limit` hits, best first, in one statement.
pub async fn search(db: &PgPool, query: &str, limit: i64) -> sqlx::Result<Vec<Hit>> {
    sqlx::query_as!(
        Hit,
        r#"WITH q AS (SELECT websearch_to_tsquery('es_unaccent', $1) AS q),
           hits AS (
             SELECT 'commitment' AS kind, p.slug AS plan_slug, c.code,
                    NULL::int AS milestone_position, c.title,
                    ts_headline('es_unaccent', c.title || '. ' || c.problem || ' ' || c.objective, q.q,
                                'StartSel=[[, StopSel=]], MaxWords=30, MinWords=10') AS excerpt,
                    ts_rank(c.search, q.q) * 2 AS rank
               FROM commitments c JOIN action_plans p ON p.id = c.plan_id, q
              WHERE c.search @@ q.q AND p.phase <> 'draft'
             UNION ALL
             SELECT 'milestone', p.slug, c.code, m.position, m.title,
                    ts_headline('es_unaccent', m.title || '. ' || m.expected_output, q.q,
                                'StartSel=[[, StopSel=]], MaxWords=30, MinWords=10'),
                    ts_rank(m.search, q.q)
               FROM milestones m JOIN commitments c ON c.id = m.commitment_id
               JOIN action_plans p ON p.id = c.plan_id, q
              WHERE m.search @@ q.q AND p.phase <> 'draft'
             UNION ALL
             SELECT 'update', p.slug, c.code, m.position, m.title,
                    ts_headline('es_unaccent', u.narrative, q.q,
                                'StartSel=[[, StopSel=]], MaxWords=30, MinWords=10'),
                    ts_rank(u.search, q.q) * 0.5
               FROM progress_updates u JOIN milestones m ON m.id = u.milestone_id
               JOIN commitments c ON c.id = m.commitment_id
               JOIN action_plans p ON p.id = c.plan_id, q
              WHERE u.search @@ q.q AND p.phase <> 'draft'
           )
           SELECT kind AS "kind!", plan_slug AS "plan_slug!", code AS "code!",
                  milestone_position AS "milestone_position?", title AS "title!",
                  excerpt AS "excerpt!"
             FROM hits ORDER BY rank DESC, title LIMIT $2"#,
        query,
        limit
    )
    .fetch_all(db)
    .await
}
