//! Who follows which commitment, and who hears about a reviewed report.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// The commitment `code` of the published plan `plan_slug`, if both exist.
pub async fn commitment_id(db: &PgPool, plan_slug: &str, code: &str) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "SELECT c.id FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = $1 AND c.code = $2 AND p.phase <> 'draft'",
        plan_slug,
        code
    )
    .fetch_optional(db)
    .await
}

/// Starts following; false when the person already did.
pub async fn follow(
    conn: &mut PgConnection,
    user_id: Uuid,
    commitment_id: Uuid,
) -> sqlx::Result<bool> {
    let added = sqlx::query!(
        "INSERT INTO follows (user_id, commitment_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        user_id,
        commitment_id
    )
    .execute(conn)
    .await?;
    Ok(added.rows_affected() == 1)
}

/// Stops following; false when the person did not follow it.
pub async fn unfollow(
    conn: &mut PgConnection,
    user_id: Uuid,
    commitment_id: Uuid,
) -> sqlx::Result<bool> {
    let removed = sqlx::query!(
        "DELETE FROM follows WHERE user_id = $1 AND commitment_id = $2",
        user_id,
        commitment_id
    )
    .execute(conn)
    .await?;
    Ok(removed.rows_affected() == 1)
}

pub async fn is_following(db: &PgPool, user_id: Uuid, commitment_id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM follows WHERE user_id = $1 AND commitment_id = $2)
                  AS "following!""#,
        user_id,
        commitment_id
    )
    .fetch_one(db)
    .await
}

/// A commitment someone follows, for their account page.
#[derive(Debug, Clone)]
pub struct Followed {
    pub plan_slug: String,
    pub plan_title: String,
    pub code: String,
    pub title: String,
}

/// Everything a person follows, by plan and code, in one statement.
pub async fn for_user(db: &PgPool, user_id: Uuid) -> sqlx::Result<Vec<Followed>> {
    sqlx::query_as!(
        Followed,
        "SELECT p.slug AS plan_slug, p.title AS plan_title, c.code, c.title
           FROM follows f
           JOIN commitments c ON c.id = f.commitment_id
           JOIN action_plans p ON p.id = c.plan_id
          WHERE f.user_id = $1
          ORDER BY p.period_start DESC, p.slug, length(c.code), c.code",
        user_id
    )
    .fetch_all(db)
    .await
}

/// A person to write to, in their language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Recipient {
    pub email: String,
    pub locale: String,
}

/// Who hears about the review of one report, and what the message is about.
#[derive(Debug, Clone)]
pub struct ReviewAudience {
    pub plan_slug: String,
    pub code: String,
    pub commitment_title: String,
    pub commitment_title_en: Option<String>,
    pub milestone_title: String,
    pub review_state: String,
    pub review_note: Option<String>,
    /// The person who made the report, while their account is active.
    pub author: Option<Recipient>,
    /// The commitment's followers with active accounts.
    pub followers: Vec<Recipient>,
}

/// The audience of a reviewed report, in one statement.
pub async fn review_audience(db: &PgPool, update_id: Uuid) -> sqlx::Result<Option<ReviewAudience>> {
    let row = sqlx::query!(
        r#"SELECT p.slug AS plan_slug, c.code, c.title AS commitment_title, c.title_en,
                  m.title AS milestone_title, u.review_state, u.review_note,
                  a.email AS "author_email?", a.locale AS "author_locale?",
                  COALESCE((SELECT json_agg(json_build_object('email', fu.email, 'locale', fu.locale)
                                            ORDER BY f.created_at)
                              FROM follows f JOIN users fu ON fu.id = f.user_id
                             WHERE f.commitment_id = c.id AND fu.active), '[]')
                    AS "followers!: sqlx::types::Json<Vec<Recipient>>"
             FROM progress_updates u
             JOIN milestones m ON m.id = u.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
             LEFT JOIN users a ON a.id = u.author_id AND a.active
            WHERE u.id = $1"#,
        update_id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| ReviewAudience {
        plan_slug: r.plan_slug,
        code: r.code,
        commitment_title: r.commitment_title,
        commitment_title_en: r.title_en,
        milestone_title: r.milestone_title,
        review_state: r.review_state,
        review_note: r.review_note,
        author: r
            .author_email
            .zip(r.author_locale)
            .map(|(email, locale)| Recipient { email, locale }),
        followers: r.followers.0,
    }))
}
