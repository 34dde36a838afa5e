//! The multi-stakeholder forum (Grupo Núcleo) of each plan.

use chrono::NaiveDate;
use sqlx::PgPool;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Member {
    pub institution_name: String,
    pub institution_slug: Option<String>,
    pub representative: Option<String>,
    pub sector: String,
    pub forum_role: String,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
    pub source: Option<String>,
}

pub async fn members(db: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Member>> {
    sqlx::query_as!(
        Member,
        r#"SELECT n.institution_name, i.slug AS "institution_slug?", n.representative, n.sector,
                  n.forum_role, n.term_start, n.term_end, n.source
             FROM nucleo_members n LEFT JOIN institutions i ON i.id = n.institution_id
            WHERE n.plan_id = $1
            ORDER BY n.sector, n.position"#,
        plan_id
    )
    .fetch_all(db)
    .await
}
