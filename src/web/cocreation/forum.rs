//! The forum manages itself: its members per plan and the record of its meetings.

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;

use crate::domain::drafting::FormPairs;
use crate::domain::forum::{FORUM_ROLES, MeetingInput, MemberInput};
use crate::domain::phases::FieldProblem;
use crate::i18n::Tr;
use crate::store;
use crate::store::cocreation::forum::{NewMeeting, NewMember};
use crate::store::cocreation::plan_cycle::CyclePlan;
use crate::web::AppState;
use crate::web::cocreation::plan_cycle::plan_for;
use crate::web::http::error::AppResult;
use crate::web::http::forms::{FieldErrors, unprocessable};
use crate::web::http::routes::Routes;
use crate::web::http::session::{RequireUser, Viewer};
use crate::web::ui::views::{Choice, maybe_date, render, vocab};

pub fn router() -> Routes {
    Routes::new()
        .get("/co-creation/plans/{plan}/forum", page)
        .post("/co-creation/plans/{plan}/forum/members", add_member)
        .post("/co-creation/plans/{plan}/forum/meetings", add_meeting)
}

pub struct MemberLine {
    pub id: String,
    pub institution: String,
    pub representative: String,
    pub sector: String,
    pub role: String,
    pub term: String,
}

#[derive(Template)]
#[template(path = "cocreation/forum.html")]
pub struct ForumAdminPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: CyclePlan,
    pub members: Vec<MemberLine>,
    pub institutions: Vec<Choice>,
    pub roles: Vec<Choice>,
    /// What was typed into the form that failed, by field.
    pub typed: Vec<(String, String)>,
    pub errors: FieldErrors,
}

impl ForumAdminPage {
    pub fn typed(&self, field: &str) -> &str {
        FormPairs(&self.typed).one(field)
    }
}

async fn forum_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    plan: CyclePlan,
    typed: Vec<(String, String)>,
    errors: FieldErrors,
) -> AppResult<Response> {
    let members = store::cocreation::forum::member_rows(&state.db, plan.id)
        .await?
        .into_iter()
        .map(|m| MemberLine {
            id: m.id.to_string(),
            sector: vocab(&tr, "sector", &m.sector),
            role: vocab(&tr, "forum-role", &m.forum_role),
            term: format!(
                "{} – {}",
                maybe_date(&tr, m.term_start),
                maybe_date(&tr, m.term_end)
            ),
            institution: m.institution_name,
            representative: m.representative.unwrap_or_default(),
        })
        .collect();
    let chosen = FormPairs(&typed).one("institution").to_owned();
    let institutions = store::admin::directory::institutions_of(&state.db, plan.government_id)
        .await?
        .into_iter()
        .map(|i| Choice {
            selected: i.id.to_string() == chosen,
            value: i.id.to_string(),
            label: i.name,
        })
        .collect();
    let role = FormPairs(&typed).one("role").to_owned();
    let roles = FORUM_ROLES
        .iter()
        .map(|r| Choice {
            value: (*r).into(),
            label: vocab(&tr, "forum-role", r),
            selected: *r == role || (role.is_empty() && *r == "member"),
        })
        .collect();
    render(&ForumAdminPage {
        trail: Trail::cocreation(&tr, &plan.title, &plan.slug).here(tr.t("forum-manage")),
        path: format!("/co-creation/plans/{}/forum", plan.slug),
        plan,
        members,
        institutions,
        roles,
        typed,
        errors,
        tr,
        viewer,
    })
}

/// `GET /co-creation/plans/{plan}/forum`
async fn page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = plan_for(&state, &user, &slug).await?;
    forum_page(&state, tr, viewer, plan, Vec::new(), FieldErrors::default()).await
}

#[derive(Deserialize)]
struct MemberForm {
    #[serde(default)]
    institution: String,
    #[serde(default)]
    representative: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    term_start: String,
    #[serde(default)]
    term_end: String,
}

impl MemberForm {
    fn typed(&self) -> Vec<(String, String)> {
        [
            ("institution", &self.institution),
            ("representative", &self.representative),
            ("role", &self.role),
            ("term_start", &self.term_start),
            ("term_end", &self.term_end),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
    }

    fn parse(&self) -> Result<MemberInput, Vec<FieldProblem>> {
        MemberInput::parse(
            &self.institution,
            &self.representative,
            &self.role,
            &self.term_start,
            &self.term_end,
        )
    }
}

/// The forum page again with the form as typed and what was wrong (422).
async fn refused(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    plan: CyclePlan,
    typed: Vec<(String, String)>,
    problems: Vec<FieldProblem>,
) -> AppResult<Response> {
    let errors = FieldErrors::of(&tr, problems);
    unprocessable(forum_page(state, tr, viewer, plan, typed, errors).await)
}

/// Back to the forum page after a change.
fn to_forum(slug: &str) -> Response {
    Redirect::to(&format!("/co-creation/plans/{slug}/forum")).into_response()
}

/// `POST /co-creation/plans/{plan}/forum/members`
async fn add_member(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Form(form): Form<MemberForm>,
) -> AppResult<Response> {
    let plan = plan_for(&state, &user, &slug).await?;
    let new = match form.parse() {
        Ok(input) => NewMember::from(input),
        Err(problems) => return refused(&state, tr, viewer, plan, form.typed(), problems).await,
    };
    let mut tx = state.db.begin().await?;
    let Some(id) = store::cocreation::forum::add_member(&mut tx, plan.id, &new).await? else {
        drop(tx);
        let problems = vec![("institution", "draft-choice-invalid")];
        return refused(&state, tr, viewer, plan, form.typed(), problems).await;
    };
    let after = serde_json::json!({
        "plan_id": plan.id, "institution_id": new.institution_id, "representative": new.representative,
        "forum_role": new.forum_role, "term_start": new.term_start, "term_end": new.term_end,
    });
    let entry = user.audit_entry("forum.member.add", "nucleo_member", id, None, Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(to_forum(&slug))
}

/// The meeting as the form typed it (attendees repeat), held on a past day or today.
fn meeting_of(pairs: &[(String, String)]) -> Result<MeetingInput, Vec<FieldProblem>> {
    let form = FormPairs(pairs);
    MeetingInput::parse(
        form.one("held_on"),
        form.one("quorum_met") == "true",
        form.one("minutes"),
        form.one("decisions"),
        &form.all("attendees"),
        Utc::now().date_naive(),
    )
}

/// `POST /co-creation/plans/{plan}/forum/meetings`: date, who attended, quorum, minutes and
/// decisions.
async fn add_meeting(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let plan = plan_for(&state, &user, &slug).await?;
    let new = match meeting_of(&pairs) {
        Ok(input) => NewMeeting::from(input),
        Err(problems) => return refused(&state, tr, viewer, plan, pairs, problems).await,
    };
    let mut tx = state.db.begin().await?;
    let id = store::cocreation::forum::add_meeting(&mut tx, plan.id, user.id, &new).await?;
    let after = serde_json::json!({
        "plan_id": plan.id, "held_on": new.held_on, "quorum_met": new.quorum_met,
        "minutes": new.minutes, "decisions": new.decisions, "attendees": new.attendees,
    });
    let entry = user.audit_entry("forum.meeting.add", "forum_meeting", id, None, Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(to_forum(&slug))
}

/// A meeting on the public forum page.
pub struct MeetingView {
    pub date: String,
    pub attendance: i32,
    pub attendees: String,
    pub quorum: String,
    pub minutes: String,
    pub decisions: String,
}

/// One sector's share of the forum.
pub struct SectorShare {
    pub sector: String,
    pub count: usize,
    pub percent: usize,
}

/// The public forum page's record: sector balance, meetings, and the six-month rule.
pub struct MeetingsView {
    pub balance: Vec<SectorShare>,
    pub items: Vec<MeetingView>,
    /// Meetings are recorded and some gap was longer than six months: a breach, shown as one.
    /// With none recorded yet the page says what will appear, without alarm.
    pub breached: bool,
    /// The verdict in words, with the longest gap.
    pub regularity: String,
    pub breaches: Vec<String>,
}

impl MeetingsView {
    pub fn build(
        tr: &Tr,
        plan: &crate::store::public::plans::Plan,
        members: &[crate::store::cocreation::forum::Member],
        meetings: Vec<crate::store::cocreation::forum::Meeting>,
        today: chrono::NaiveDate,
    ) -> Self {
        use crate::domain::forum::{judged_until, regularity, sector_balance};
        let total = members.len().max(1);
        let balance = sector_balance(members.iter().map(|m| m.sector.as_str()))
            .into_iter()
            .map(|(sector, count)| SectorShare {
                sector: tr.t(sector.label_key()),
                count,
                percent: (count * 100 + total / 2) / total,
            })
            .collect();
        let dates: Vec<_> = meetings.iter().map(|m| m.held_on).collect();
        let until = judged_until(today, plan.period_end);
        let r = regularity(&dates, until);
        let span = |g: crate::domain::forum::MeetingGap| {
            format!(
                "{} – {} ({})",
                crate::web::ui::views::long_date(tr, g.from),
                crate::web::ui::views::long_date(tr, g.to),
                tr.tn("days-count", "count", g.days())
            )
        };
        let regularity = match (dates.is_empty(), r.met_every_six_months, r.longest_gap()) {
            (true, _, _) => tr.t("forum-no-meetings"),
            (false, true, Some(g)) => format!(
                "{} {}: {}",
                tr.t("forum-regular-yes"),
                tr.t("forum-longest-gap"),
                span(g)
            ),
            _ => tr.t("forum-regular-no"),
        };
        Self {
            balance,
            breached: !dates.is_empty() && !r.met_every_six_months,
            regularity,
            breaches: r.breaches().into_iter().map(span).collect(),
            items: meetings
                .into_iter()
                .map(|m| MeetingView {
                    date: crate::web::ui::views::long_date(tr, m.held_on),
                    attendance: m.attendance,
                    attendees: m.attendees.join(", "),
                    quorum: tr.t(if m.quorum_met { "yes" } else { "no" }),
                    minutes: m.minutes,
                    decisions: m.decisions,
                })
                .collect(),
        }
    }
}
