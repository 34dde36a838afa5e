//! Spanish full-text search, accent-insensitive, over the public record.

use sqlx::PgPool;

#[derive(Debug, Clone)]
pub struct Hit {
    /// `commitment`, `milestone`, `update` or `institution`.
    pub kind: String,
    /// The plan of the hit; empty for an institution.
    pub plan_slug: String,
    pub plan_title: String,
    /// The OGP member the plan (or the institution) belongs to.
    pub government: String,
    /// The commitment's code; for an institution, its slug.
    pub code: String,
    /// The milestone hit, or the milestone of the report hit; `None` for a commitment.
    pub milestone_position: Option<i32>,
    pub title: String,
    /// Matching excerpt, with `[[` and `]]` around the matched words (escaped later).
    pub excerpt: String,
    /// How many hits the whole search has (every row carries it).
    pub total: i64,
}

/// What a search is narrowed to; `None` is everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// A plan's slug: hits of that plan only (no institutions).
    pub plan: Option<String>,
    /// A government's slug: its plans' hits and its institutions.
    pub government: Option<String>,
    /// One kind of hit: `commitment`, `milestone`, `update` or `institution`.
    pub kind: Option<&'static str>,
}

/// The kinds of hit, in the order the filter offers them.
pub const KINDS: [&str; 4] = ["commitment", "milestone", "update", "institution"];

/// One page of hits, best first, in one statement: `limit` hits after the first `offset`.
pub async fn search(
    db: &PgPool,
    query: &str,
    scope: &Scope,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<Hit>> {
    sqlx::query_as!(
        Hit,
        r#"WITH q AS (SELECT websearch_to_tsquery('es_unaccent', $1) AS q),
           hits AS (
             SELECT 'commitment' AS kind, p.slug AS plan_slug, p.title AS plan_title,
                    g.name AS government, c.code,
                    NULL::int AS milestone_position, c.title,
                    ts_headline('es_unaccent', c.title || '. ' || c.problem || ' ' || c.objective, q.q,
                                'StartSel=[[, StopSel=]], MaxWords=30, MinWords=10') AS excerpt,
                    ts_rank(c.search, q.q) * 2 AS rank
               FROM commitments c JOIN action_plans p ON p.id = c.plan_id
               JOIN governments g ON g.id = p.government_id, q
              WHERE c.search @@ q.q AND p.phase <> 'draft'
                AND ($4::text IS NULL OR p.slug = $4) AND ($5::text IS NULL OR g.slug = $5)
                AND ($6::text IS NULL OR $6 = 'commitment')
             UNION ALL
             SELECT 'milestone', p.slug, p.title, g.name, c.code, m.position, m.title,
                    ts_headline('es_unaccent', m.title || '. ' || m.expected_output, q.q,
                                'StartSel=[[, StopSel=]], MaxWords=30, MinWords=10'),
                    ts_rank(m.search, q.q)
               FROM milestones m JOIN commitments c ON c.id = m.commitment_id
               JOIN action_plans p ON p.id = c.plan_id
               JOIN governments g ON g.id = p.government_id, q
              WHERE m.search @@ q.q AND p.phase <> 'draft'
                AND ($4::text IS NULL OR p.slug = $4) AND ($5::text IS NULL OR g.slug = $5)
                AND ($6::text IS NULL OR $6 = 'milestone')
             UNION ALL
             SELECT 'update', p.slug, p.title, g.name, c.code, m.position, m.title,
                    ts_headline('es_unaccent', u.narrative, q.q,
                                'StartSel=[[, StopSel=]], MaxWords=30, MinWords=10'),
                    ts_rank(u.search, q.q) * 0.5
               FROM progress_updates u JOIN milestones m ON m.id = u.milestone_id
               JOIN commitments c ON c.id = m.commitment_id
               JOIN action_plans p ON p.id = c.plan_id
               JOIN governments g ON g.id = p.government_id, q
              WHERE u.search @@ q.q AND p.phase <> 'draft'
                AND ($4::text IS NULL OR p.slug = $4) AND ($5::text IS NULL OR g.slug = $5)
                AND ($6::text IS NULL OR $6 = 'update')
             UNION ALL
             SELECT 'institution', '', '', g.name, i.slug, NULL::int, i.name,
                    ts_headline('es_unaccent', i.name || coalesce(' (' || i.acronym || ')', ''), q.q,
                                'StartSel=[[, StopSel=]], MaxWords=30, MinWords=10'),
                    ts_rank(to_tsvector('es_unaccent', i.name || ' ' || coalesce(i.acronym, '')), q.q) * 3
               FROM institutions i JOIN governments g ON g.id = i.government_id, q
              WHERE to_tsvector('es_unaccent', i.name || ' ' || coalesce(i.acronym, '')) @@ q.q
                AND $4::text IS NULL AND ($5::text IS NULL OR g.slug = $5)
                AND ($6::text IS NULL OR $6 = 'institution')
           )
           SELECT kind AS "kind!", plan_slug AS "plan_slug!", plan_title AS "plan_title!",
                  government AS "government!", code AS "code!",
                  milestone_position AS "milestone_position?", title AS "title!",
                  excerpt AS "excerpt!", count(*) OVER () AS "total!"
             FROM hits ORDER BY rank DESC, title, code, milestone_position LIMIT $2 OFFSET $3"#,
        query,
        limit,
        offset,
        scope.plan,
        scope.government,
        scope.kind
    )
    .fetch_all(db)
    .await
}

/// A government that has published plans, for the search filter.
#[derive(Debug, Clone)]
pub struct GovernmentChoice {
    pub slug: String,
    pub name: String,
}

/// The governments with published plans, by name, and the title of the plan the search is
/// narrowed to (when it is one that exists), in one statement.
pub async fn choices(
    db: &PgPool,
    plan: Option<&str>,
) -> sqlx::Result<(Vec<GovernmentChoice>, Option<String>)> {
    let rows = sqlx::query!(
        r#"SELECT g.slug AS "slug!", g.name AS "name!", NULL::text AS plan_title
             FROM governments g
            WHERE EXISTS (SELECT 1 FROM action_plans p
                           WHERE p.government_id = g.id AND p.phase <> 'draft')
           UNION ALL
           SELECT '', '', p.title FROM action_plans p
            WHERE p.slug = $1 AND p.phase <> 'draft'
            ORDER BY 3 NULLS FIRST, 2"#,
        plan
    )
    .fetch_all(db)
    .await?;
    let mut governments = Vec::new();
    let mut plan_title = None;
    for row in rows {
        match row.plan_title {
            Some(title) => plan_title = Some(title),
            None => governments.push(GovernmentChoice {
                slug: row.slug,
                name: row.name,
            }),
        }
    }
    Ok((governments, plan_title))
}
