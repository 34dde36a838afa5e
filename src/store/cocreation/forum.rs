//! The multi-stakeholder forum (Grupo Núcleo) of each plan.

use chrono::NaiveDate;
use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::forum::{MeetingInput, MemberInput};

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

/// A member as the forum's management page lists it.
#[derive(Debug, Clone)]
pub struct MemberRow {
    pub id: Uuid,
    pub institution_name: String,
    pub representative: Option<String>,
    pub sector: String,
    pub forum_role: String,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
}

pub async fn member_rows(db: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<MemberRow>> {
    sqlx::query_as!(
        MemberRow,
        "SELECT id, institution_name, representative, sector, forum_role, term_start, term_end
           FROM nucleo_members WHERE plan_id = $1
          ORDER BY position, institution_name",
        plan_id
    )
    .fetch_all(db)
    .await
}

/// A new member: the institution (its name and sector as of now) and the term.
pub struct NewMember {
    pub institution_id: Uuid,
    pub representative: Option<String>,
    pub forum_role: String,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
}

impl From<MemberInput> for NewMember {
    fn from(m: MemberInput) -> Self {
        Self {
            institution_id: m.institution_id,
            representative: m.representative,
            forum_role: m.forum_role.to_owned(),
            term_start: m.term_start,
            term_end: m.term_end,
        }
    }
}

/// Adds the member at the end of the list; `None` when the institution does not exist.
pub async fn add_member(
    conn: &mut sqlx::PgConnection,
    plan_id: Uuid,
    m: &NewMember,
) -> sqlx::Result<Option<Uuid>> {
    let id = Uuid::now_v7();
    let row = sqlx::query!(
        "INSERT INTO nucleo_members (id, plan_id, institution_id, institution_name, representative,
                                     sector, forum_role, term_start, term_end, position)
         SELECT $1, $2, i.id, i.name, $4, i.sector, $5, $6, $7,
                COALESCE((SELECT max(position) + 1 FROM nucleo_members WHERE plan_id = $2), 0)
           FROM institutions i WHERE i.id = $3
      RETURNING id",
        id,
        plan_id,
        m.institution_id,
        m.representative,
        m.forum_role,
        m.term_start,
        m.term_end
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.id))
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: Uuid,
    pub held_on: NaiveDate,
    pub attendance: i32,
    pub quorum_met: bool,
    pub minutes: String,
    pub decisions: String,
    /// Names of the members recorded as present.
    pub attendees: Vec<String>,
}

/// The plan's meetings, newest first, with who attended (one statement).
pub async fn meetings(db: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Meeting>> {
    sqlx::query_as!(
        Meeting,
        r#"SELECT f.id, f.held_on, f.attendance, f.quorum_met, f.minutes, f.decisions,
                  COALESCE(array_agg(n.institution_name ORDER BY n.position)
                             FILTER (WHERE n.id IS NOT NULL), '{}') AS "attendees!"
             FROM forum_meetings f
             LEFT JOIN forum_meeting_attendees a ON a.meeting_id = f.id
             LEFT JOIN nucleo_members n ON n.id = a.member_id
            WHERE f.plan_id = $1
            GROUP BY f.id
            ORDER BY f.held_on DESC, f.id"#,
        plan_id
    )
    .fetch_all(db)
    .await
}

pub struct NewMeeting {
    pub held_on: NaiveDate,
    pub quorum_met: bool,
    pub minutes: String,
    pub decisions: String,
    pub attendees: Vec<Uuid>,
}

impl From<MeetingInput> for NewMeeting {
    fn from(m: MeetingInput) -> Self {
        Self {
            held_on: m.held_on,
            quorum_met: m.quorum_met,
            minutes: m.minutes,
            decisions: m.decisions,
            attendees: m.attendees,
        }
    }
}

/// Records a meeting; attendance is the number of this plan's members marked present.
pub async fn add_meeting(
    conn: &mut sqlx::PgConnection,
    plan_id: Uuid,
    created_by: Uuid,
    m: &NewMeeting,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO forum_meetings (id, plan_id, held_on, quorum_met, minutes, decisions, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        id,
        plan_id,
        m.held_on,
        m.quorum_met,
        m.minutes,
        m.decisions,
        created_by
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "WITH present AS (
             INSERT INTO forum_meeting_attendees (meeting_id, member_id)
             SELECT $1, n.id FROM nucleo_members n WHERE n.plan_id = $2 AND n.id = ANY($3)
             RETURNING 1)
         UPDATE forum_meetings SET attendance = (SELECT count(*) FROM present) WHERE id = $1",
        id,
        plan_id,
        &m.attendees
    )
    .execute(&mut *conn)
    .await?;
    Ok(id)
}
