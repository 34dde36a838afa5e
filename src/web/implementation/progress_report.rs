//! Implementation tracking: an official's dashboard and the progress report form.

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::Response;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::evidence::{Refused, accept, clean_file_name};
use crate::domain::progress_report::{
    FieldError, FileDetails, LinkInput, MAX_LINKS, ParticipationInput, ProgressReport,
    ReplanRequest, Schedule, Urgency, judge_file, needs_correction, next_step_key, urgency,
};
use crate::domain::{
    Action, Basis, EvidenceType, Fulfilment, MilestoneStatus, PlanPhase, ReviewState, Sector,
    milestone_figures_on,
};
use crate::i18n::Tr;
use crate::store;
use crate::store::audit::NewAuditEntry;
use crate::store::implementation::progress::ReportTarget;
use crate::store::implementation::progress::{DashboardMilestone, OwnReport};
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::unprocessable;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::views::{
    Choice, HealthView, ProgressView, TwoFigures, maybe_date, moment, render,
};

/// File inputs offered on the report form.
const FILE_SLOTS: usize = 3;

pub fn router() -> Routes {
    Routes::new()
        .get("/implementation", dashboard)
        .get("/implementation/milestones/{id}/report", report_form)
        .post("/implementation/milestones/{id}/report", submit_report)
        .get("/implementation/milestones/{id}/replan", replan_form)
        .post("/implementation/milestones/{id}/replan", request_replan)
}

#[derive(Template)]
#[template(path = "implementation/replan.html")]
pub struct ReplanPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub target: ReportTarget,
    pub current: String,
    pub start: String,
    pub due: String,
    pub reason: String,
    pub errors: Vec<(String, String)>,
}

impl ReplanPage {
    pub fn error(&self, field: &str) -> String {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }
}

/// The milestone, if this official may ask to re-plan it.
async fn replan_target(state: &AppState, user: &CurrentUser, id: Uuid) -> AppResult<ReportTarget> {
    milestone_for(state, user, id, |responsible_institution, phase| {
        Action::RequestReplan {
            responsible_institution,
            phase,
        }
    })
    .await
}

fn replan_page(
    tr: Tr,
    viewer: Viewer,
    target: ReportTarget,
    typed: (String, String, String),
    errors: Vec<(String, String)>,
) -> ReplanPage {
    ReplanPage {
        trail: Trail::area(&tr, "implementation-nav", "/implementation").here(tr.t("replan-title")),
        current: format!(
            "{} – {}",
            maybe_date(&tr, target.current_start),
            maybe_date(&tr, target.current_due)
        ),
        start: typed.0,
        due: typed.1,
        reason: typed.2,
        errors,
        target,
        tr,
        path: String::new(),
        viewer,
    }
}

/// `GET /implementation/milestones/{id}/replan`
async fn replan_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let target = replan_target(&state, &user, id).await?;
    let typed = (
        target
            .current_start
            .map(|d| d.to_string())
            .unwrap_or_default(),
        target
            .current_due
            .map(|d| d.to_string())
            .unwrap_or_default(),
        String::new(),
    );
    render(&replan_page(tr, viewer, target, typed, Vec::new()))
}

#[derive(serde::Deserialize)]
struct ReplanForm {
    #[serde(default)]
    start: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    reason: String,
}

/// The re-plan form again with its problems and what was typed (422).
fn refused_replan(
    tr: Tr,
    viewer: Viewer,
    target: ReportTarget,
    form: ReplanForm,
    problems: Vec<FieldError>,
) -> AppResult<Response> {
    let errors = problems
        .into_iter()
        .map(|(f, key)| (f, tr.t(key)))
        .collect();
    let typed = (form.start, form.due, form.reason);
    unprocessable(render(&replan_page(tr, viewer, target, typed, errors)))
}

/// `POST /implementation/milestones/{id}/replan`: new current dates, for the forum to approve.
async fn request_replan(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
    Form(form): Form<ReplanForm>,
) -> AppResult<Response> {
    let target = replan_target(&state, &user, id).await?;
    let current = (target.current_start, target.current_due);
    let request = match ReplanRequest::parse(&form.start, &form.due, &form.reason, current) {
        Ok(request) => request,
        Err(problems) => return refused_replan(tr, viewer, target, form, problems),
    };
    let mut tx = state.db.begin().await?;
    let replan_id = store::implementation::replans::request(&mut tx, id, user.id, &request).await?;
    let before = serde_json::json!({ "start": current.0, "due": current.1 });
    let after = serde_json::json!({
        "replan_id": replan_id, "start": request.new_start, "due": request.new_due,
        "reason": request.reason,
    });
    let entry = user.audit_entry("replan.request", "milestone", id, Some(before), Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(Done("flash-replan-sent").redirect("/implementation"))
}

pub struct DashboardItem {
    pub id: Uuid,
    pub title: String,
    pub plan_slug: String,
    pub code: String,
    pub commitment: String,
    /// The commitment's indicators page, when the institution leads it.
    pub indicators_href: Option<String>,
    pub due: String,
    pub last_report: String,
    pub progress: ProgressView,
    pub health: HealthView,
}

pub struct UrgencyGroup {
    pub label: String,
    pub anchor: &'static str,
    pub items: Vec<DashboardItem>,
}

#[derive(Template)]
#[template(path = "implementation/dashboard.html")]
pub struct DashboardPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub institution: String,
    pub total: usize,
    pub groups: Vec<UrgencyGroup>,
    /// Returned reports not yet followed by a new one: what the institution must correct.
    pub needs_action: Vec<OwnReportView>,
    /// "Mis reportes": the institution's latest reports and what the forum decided.
    pub reports: Vec<OwnReportView>,
}

/// One of the institution's reports as its dashboard lists it.
pub struct OwnReportView {
    pub milestone: String,
    pub commitment_href: String,
    pub report_href: String,
    pub date: String,
    pub progress: i16,
    pub state: String,
    pub state_key: String,
    pub reviewed: String,
    pub note: String,
    pub next_step: String,
}

impl OwnReportView {
    fn new(tr: &Tr, r: OwnReport) -> Self {
        let next = next_step_key(r.review_state, r.is_latest);
        let reviewed = match (r.reviewed_at, r.reviewer) {
            (Some(at), Some(who)) => format!("{} · {who}", moment(tr, at)),
            (Some(at), None) => moment(tr, at),
            _ => String::new(),
        };
        Self {
            commitment_href: format!("/plans/{}/commitments/{}", r.plan_slug, r.code),
            report_href: format!("/implementation/milestones/{}/report", r.milestone_id),
            date: moment(tr, r.reported_at),
            state: tr.t(r.review_state.label_key()),
            state_key: r.review_state.as_str().replace('_', "-"),
            note: r.review_note.unwrap_or_default(),
            next_step: tr.t(next),
            milestone: format!("{}. {}", r.code, r.milestone_title),
            progress: r.progress,
            reviewed,
        }
    }
}

impl DashboardPage {
    /// The institution's milestones grouped by urgency as of `now`, and its own reports.
    fn build(
        tr: Tr,
        viewer: Viewer,
        institution: String,
        milestones: Vec<DashboardMilestone>,
        own: Vec<OwnReport>,
        now: DateTime<Utc>,
    ) -> Self {
        let mut groups: Vec<UrgencyGroup> = Urgency::ALL
            .iter()
            .map(|u| UrgencyGroup {
                label: tr.t(u.label_key()),
                anchor: u.label_key(),
                items: Vec::new(),
            })
            .collect();
        let total = milestones.len();
        for m in milestones {
            // The official's own view: what the institution reported, pending included.
            let figures = milestone_figures_on(&m.facts(), now, Basis::Reported);
            let group = urgency(&figures, m.current_due, m.last_update_at, now) as usize;
            groups[group].items.push(DashboardItem {
                id: m.id,
                due: maybe_date(&tr, m.current_due),
                last_report: m
                    .last_update_at
                    .map(|at| moment(&tr, at))
                    .unwrap_or_else(|| tr.t("never")),
                progress: ProgressView::both(&tr, TwoFigures::of_milestone(&figures)),
                health: HealthView::new(&tr, figures.health),
                title: m.title,
                plan_slug: m.plan_slug,
                code: m.code,
                commitment: m.commitment_title,
                indicators_href: m
                    .leads_commitment
                    .then(|| format!("/implementation/commitments/{}/indicators", m.commitment_id)),
            });
        }
        let needs_action = own
            .iter()
            .filter(|r| needs_correction(r.review_state, r.is_latest))
            .cloned()
            .map(|r| OwnReportView::new(&tr, r))
            .collect();
        Self {
            trail: Trail::home(&tr).here(tr.t("implementation-nav")),
            needs_action,
            reports: own
                .into_iter()
                .map(|r| OwnReportView::new(&tr, r))
                .collect(),
            institution,
            tr,
            path: "/implementation".into(),
            viewer,
            total,
            groups,
        }
    }
}

/// `GET /implementation`: the institution's milestones, most urgent first.
async fn dashboard(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    user.authorize(Action::ViewImplementationDashboard)?;
    let institution_id = user.institution_id.ok_or(AppError::NotFound)?;
    let milestones = store::implementation::progress::dashboard(&state.db, institution_id).await?;
    let own = store::implementation::progress::own_reports(&state.db, institution_id).await?;
    let institution = user.institution_name.clone().unwrap_or_default();
    render(&DashboardPage::build(
        tr,
        viewer,
        institution,
        milestones,
        own,
        Utc::now(),
    ))
}

pub struct LinkRow {
    pub index: usize,
    pub url: String,
    pub source: String,
    pub date: String,
    pub types: Vec<Choice>,
    pub error: String,
}

#[derive(Template)]
#[template(path = "implementation/report.html")]
pub struct ReportPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub target: ReportTarget,
    pub due: String,
    pub latest_at: String,
    /// The forum's decision on the latest report, in words.
    pub latest_review: String,
    pub latest_returned: bool,
    pub version: i32,
    pub progress: String,
    pub statuses: Vec<Choice>,
    pub narrative: String,
    pub links: Vec<LinkRow>,
    pub files: Vec<LinkRow>,
    /// The PAGA fields as typed; the choices of the counterpart's fulfilment and the sectors.
    pub paga: ParticipationInput,
    pub fulfilments: Vec<Choice>,
    pub sectors: Vec<Choice>,
    /// The PAGA fields show open: something was typed in them or is wrong there.
    pub participation_open: bool,
    /// The least progress that needs no challenges today, when the milestone's dates ask one.
    pub least_on_track: Option<u8>,
    pub errors: Vec<(String, String)>,
    /// The error summary: each problem as a link to its field (`#progress`) and its message.
    pub summary: Vec<(String, String)>,
    /// The extra file and link rows show open: something was typed in them or is wrong there.
    pub more_open: bool,
    /// Another report landed since the form was opened.
    pub conflict: bool,
}

impl ReportPage {
    pub fn error(&self, field: &str) -> String {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }
}

/// The form as typed (or as first shown).
#[derive(Default)]
struct Typed {
    progress: String,
    status: String,
    narrative: String,
    links: Vec<LinkInput>,
    /// What was said of each file (its type, source and date; the `url` is unused): a
    /// refused form cannot keep the files themselves, but keeps this.
    files: Vec<LinkInput>,
    participation: ParticipationInput,
}

impl Typed {
    /// The typed fields, and the version of the milestone the form was read at (-1 when
    /// none was sent: never current, so the form comes back as a conflict).
    fn from_sent(sent: &Sent) -> (Self, i32) {
        let get = |name: &str| sent.field(name).to_owned();
        let links = (0..MAX_LINKS)
            .map(|i| LinkInput {
                url: get(&format!("link_url_{i}")),
                evidence_type: get(&format!("link_type_{i}")),
                source: get(&format!("link_source_{i}")),
                date: get(&format!("link_date_{i}")),
            })
            .collect();
        let files = (0..FILE_SLOTS)
            .map(|i| LinkInput {
                url: String::new(),
                evidence_type: get(&format!("file_type_{i}")),
                source: get(&format!("file_source_{i}")),
                date: get(&format!("file_date_{i}")),
            })
            .collect();
        let version = sent.field("version").parse().unwrap_or(-1);
        let participation = ParticipationInput {
            counterpart_fulfilled: get("counterpart_fulfilled"),
            fulfilment_note: get("fulfilment_note"),
            activities_with_others: get("activities_with_others"),
            participants: get("participants"),
            sectors: sent.all("sectors"),
            challenges: get("challenges"),
            next_steps: get("next_steps"),
            actual_start: get("actual_start"),
            actual_completion: get("actual_completion"),
        };
        (
            Self {
                progress: get("progress"),
                status: get("status"),
                narrative: get("narrative"),
                links,
                files,
                participation,
            },
            version,
        )
    }
}

/// An error as the error summary lists it: a link to its field (`#progress`) and its
/// message, which names the row for a link's or a file's (their messages are alike).
fn summary_entry(tr: &Tr, field: &str, message: &str) -> (String, String) {
    let row = |i: &str, key: &str| {
        let n = i.parse::<usize>().map_or(0, |i| i + 1);
        format!("{} {n}: {message}", tr.t(key))
    };
    if let Some(i) = field.strip_prefix("link-") {
        (format!("#link_url_{i}"), row(i, "report-link-url"))
    } else if let Some(i) = field.strip_prefix("file-") {
        (format!("#file_{i}"), row(i, "report-file"))
    } else {
        (format!("#{field}"), message.to_owned())
    }
}

/// One evidence row (a link, or a file's details) with what was typed and its problem.
fn evidence_row(tr: &Tr, index: usize, typed: LinkInput, error: String) -> LinkRow {
    LinkRow {
        index,
        types: EvidenceType::ALL
            .iter()
            .map(|t| Choice {
                value: t.as_str().to_owned(),
                label: tr.t(t.label_key()),
                selected: typed.evidence_type == t.as_str(),
            })
            .collect(),
        error,
        url: typed.url,
        source: typed.source,
        date: typed.date,
    }
}

/// Rows for `slots` evidence items, the typed ones first filled in; `kind` names their errors.
pub(super) fn evidence_rows(
    tr: &Tr,
    slots: usize,
    typed: &[LinkInput],
    kind: &str,
    errors: &[(String, String)],
) -> Vec<LinkRow> {
    (0..slots)
        .map(|i| {
            let error = errors
                .iter()
                .find(|(f, _)| *f == format!("{kind}-{i}"))
                .map(|(_, m)| m.clone())
                .unwrap_or_default();
            evidence_row(tr, i, typed.get(i).cloned().unwrap_or_default(), error)
        })
        .collect()
}

/// Whether a row past the first holds anything typed or an error.
fn any_beyond_first(rows: &[LinkRow]) -> bool {
    rows.iter().skip(1).any(|r| {
        !(r.url.trim().is_empty()
            && r.source.trim().is_empty()
            && r.date.trim().is_empty()
            && r.error.is_empty())
    })
}

fn report_page(
    tr: Tr,
    viewer: Viewer,
    target: ReportTarget,
    typed: Typed,
    errors: Vec<(String, String)>,
    conflict: bool,
) -> ReportPage {
    let links = evidence_rows(&tr, MAX_LINKS, &typed.links, "link", &errors);
    let files = evidence_rows(&tr, FILE_SLOTS, &typed.files, "file", &errors);
    let summary = errors
        .iter()
        .map(|(field, message)| summary_entry(&tr, field, message))
        .collect();
    ReportPage {
        trail: Trail::area(&tr, "implementation-nav", "/implementation")
            .here(tr.t("report-progress")),
        more_open: any_beyond_first(&links) || any_beyond_first(&files),
        summary,
        files,
        due: maybe_date(&tr, target.current_due),
        latest_at: target
            .latest_at
            .map(|at| moment(&tr, at))
            .unwrap_or_default(),
        latest_review: target
            .latest_review
            .map(|r| tr.t(r.label_key()))
            .unwrap_or_default(),
        latest_returned: target.latest_review == Some(ReviewState::Returned),
        version: target.version,
        progress: typed.progress,
        statuses: MilestoneStatus::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: tr.t(s.label_key()),
                selected: typed.status == s.as_str(),
            })
            .collect(),
        narrative: typed.narrative,
        links,
        fulfilments: std::iter::once(Choice {
            value: String::new(),
            label: tr.t("report-fulfilment-unanswered"),
            selected: typed.participation.counterpart_fulfilled.is_empty(),
        })
        .chain(Fulfilment::ALL.iter().map(|f| Choice {
            value: f.as_str().to_owned(),
            label: tr.t(f.label_key()),
            selected: typed.participation.counterpart_fulfilled == f.as_str(),
        }))
        .collect(),
        sectors: Sector::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: tr.t(s.label_key()),
                selected: typed.participation.sectors.iter().any(|t| t == s.as_str()),
            })
            .collect(),
        participation_open: {
            let p = &typed.participation;
            let paga_fields = [
                "counterpart_fulfilled",
                "fulfilment_note",
                "activities_with_others",
                "participants",
                "sectors",
                "next_steps",
                "actual_start",
                "actual_completion",
            ];
            errors
                .iter()
                .any(|(f, _)| paga_fields.contains(&f.as_str()))
                || ![
                    &p.counterpart_fulfilled,
                    &p.fulfilment_note,
                    &p.activities_with_others,
                    &p.participants,
                    &p.next_steps,
                    &p.actual_start,
                    &p.actual_completion,
                ]
                .iter()
                .all(|v| v.trim().is_empty())
                || !p.sectors.is_empty()
        },
        paga: typed.participation,
        least_on_track: Schedule {
            start: target.current_start,
            due: target.current_due,
            today: Utc::now().date_naive(),
        }
        .least_on_track(),
        errors,
        conflict,
        target,
        tr,
        path: String::new(),
        viewer,
    }
}

/// The milestone, if this official may report on it.
async fn authorized_target(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
) -> AppResult<ReportTarget> {
    milestone_for(state, user, id, |responsible_institution, phase| {
        Action::ReportProgress {
            responsible_institution,
            phase,
        }
    })
    .await
}

/// The milestone, if `action` on it (given its institution and its plan's phase) is allowed.
async fn milestone_for(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
    action: impl FnOnce(Option<Uuid>, PlanPhase) -> Action,
) -> AppResult<ReportTarget> {
    let target = store::implementation::progress::report_target(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    user.authorize(action(target.responsible_institution_id, target.plan_phase))?;
    Ok(target)
}

/// `GET /implementation/milestones/{id}/report`
async fn report_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let target = authorized_target(&state, &user, id).await?;
    let typed = Typed {
        progress: target.current_progress.to_string(),
        status: target.current_status.as_str().to_owned(),
        ..Typed::default()
    };
    render(&report_page(tr, viewer, target, typed, Vec::new(), false))
}

/// What the report form sent: its text fields, and the files chosen (index, name, bytes).
struct Sent {
    fields: Vec<(String, String)>,
    files: Vec<(usize, String, Vec<u8>)>,
    /// More file fields than the form has (or one sent twice).
    too_many: bool,
    /// Files over the size limit, by index (their bytes were not kept).
    too_large: Vec<usize>,
}

impl Sent {
    /// A text field as sent, empty when it was not.
    fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value sent under `name` (checkboxes), in order.
    fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// Reads the form as multipart (with files) or urlencoded (without).
async fn read_form(state: &AppState, request: Request) -> AppResult<Sent> {
    let is_multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !is_multipart {
        let Form(fields) = Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map_err(|_| AppError::BadRequest("error-bad-request"))?;
        return Ok(Sent {
            fields,
            files: Vec::new(),
            too_large: Vec::new(),
            too_many: false,
        });
    }
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| AppError::BadRequest("error-bad-request"))?;
    let mut sent = Sent {
        fields: Vec::new(),
        files: Vec::new(),
        too_large: Vec::new(),
        too_many: false,
    };
    let limit = state.config.max_upload;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("error-bad-request"))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(index) = name
            .strip_prefix("file_")
            .and_then(|i| i.parse::<usize>().ok())
        {
            // Only the form's file fields, once each: anything more is refused unread.
            if index >= FILE_SLOTS || sent.files.iter().any(|(i, _, _)| *i == index) {
                sent.too_many = true;
                continue;
            }
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let mut bytes = Vec::new();
            let mut over = false;
            while let Some(chunk) = field
                .chunk()
                .await
                .map_err(|_| AppError::BadRequest("error-too-large"))?
            {
                if bytes.len() + chunk.len() > limit {
                    over = true;
                    bytes = Vec::new();
                } else if !over {
                    bytes.extend_from_slice(&chunk);
                }
            }
            if over {
                sent.too_large.push(index);
            } else if !file_name.is_empty() && !bytes.is_empty() {
                sent.files.push((index, file_name, bytes));
            }
        } else {
            let value = field
                .text()
                .await
                .map_err(|_| AppError::BadRequest("error-bad-request"))?;
            sent.fields.push((name, value));
        }
    }
    Ok(sent)
}

/// A chosen file whose content is of an accepted type, with what the official said of it.
struct Accepted<'a> {
    file_name: String,
    media_type: &'static str,
    details: FileDetails,
    bytes: &'a [u8],
}

/// Judges each chosen file by its content, off the async runtime and bounded like every
/// parse (an office document's archive is inflated to be measured).
async fn judge_files(
    state: &AppState,
    sent: &mut Sent,
) -> AppResult<Vec<Result<&'static str, Refused>>> {
    let files = std::mem::take(&mut sent.files);
    let (files, verdicts) = state
        .parsing
        .run(move || {
            let verdicts = files
                .iter()
                .map(|(_, name, bytes)| accept(bytes, name))
                .collect();
            (files, verdicts)
        })
        .await?;
    sent.files = files;
    Ok(verdicts)
}

/// The accepted files, or the problems, given each file's verdict.
fn check_files<'a>(
    sent: &'a Sent,
    verdicts: Vec<Result<&'static str, Refused>>,
) -> (Vec<Accepted<'a>>, Vec<FieldError>) {
    let mut accepted = Vec::new();
    let mut errors: Vec<FieldError> = sent
        .too_large
        .iter()
        .map(|i| (format!("file-{i}"), "report-file-too-large"))
        .collect();
    if sent.too_many {
        errors.push(("file-0".into(), "report-too-many-files"));
    }
    for ((index, name, bytes), verdict) in sent.files.iter().zip(verdicts) {
        let details = FileDetails::parse(
            sent.field(&format!("file_type_{index}")),
            sent.field(&format!("file_source_{index}")),
            sent.field(&format!("file_date_{index}")),
        );
        match judge_file(verdict, details) {
            Ok((media_type, details)) => accepted.push(Accepted {
                file_name: clean_file_name(name),
                media_type,
                details,
                bytes,
            }),
            Err(key) => errors.push((format!("file-{index}"), key)),
        }
    }
    (accepted, errors)
}

/// The report and its accepted files, or every problem of both.
fn parse_report<'a>(
    sent: &'a Sent,
    typed: &Typed,
    target: &ReportTarget,
    verdicts: Vec<Result<&'static str, Refused>>,
) -> Result<(ProgressReport, Vec<Accepted<'a>>), Vec<FieldError>> {
    let (accepted, file_errors) = check_files(sent, verdicts);
    let schedule = Schedule {
        start: target.current_start,
        due: target.current_due,
        today: Utc::now().date_naive(),
    };
    let report = ProgressReport::parse(
        &typed.progress,
        &typed.status,
        &typed.narrative,
        &typed.links,
        &typed.participation,
        schedule,
    );
    match (report, file_errors.is_empty()) {
        (Ok(report), true) => Ok((report, accepted)),
        (parsed, _) => {
            let mut problems = parsed.err().unwrap_or_default();
            problems.extend(file_errors);
            Err(problems)
        }
    }
}

/// The form again with every problem (422); a file's size limit is named in megabytes.
fn refused_report(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    target: ReportTarget,
    typed: Typed,
    problems: Vec<FieldError>,
) -> AppResult<Response> {
    let limit_mb = state.config.max_upload / (1024 * 1024);
    let errors = problems
        .into_iter()
        .map(|(f, key)| (f, tr.t1(key, "megabytes", limit_mb)))
        .collect();
    unprocessable(render(&report_page(
        tr, viewer, target, typed, errors, false,
    )))
}

/// Stores the accepted files' bytes; only called once the report is accepted, so a refused
/// report leaves none.
async fn store_files(
    state: &AppState,
    accepted: Vec<Accepted<'_>>,
) -> AppResult<Vec<store::implementation::evidence::NewFile>> {
    let mut files = Vec::new();
    for file in accepted {
        let stored = state.files.put(file.bytes.to_vec()).await?;
        files.push(store::implementation::evidence::NewFile {
            size: i64::try_from(file.bytes.len()).unwrap_or(i64::MAX),
            file_name: file.file_name,
            media_type: file.media_type,
            sha256: stored.sha256,
            storage_key: stored.key,
            evidence_type: file.details.evidence_type.as_str(),
            source: file.details.source,
            date: file.details.date,
        });
    }
    Ok(files)
}

/// The form again over the report that landed meanwhile, the text kept (409).
async fn conflict(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    id: Uuid,
    typed: Typed,
) -> AppResult<Response> {
    let newer = store::implementation::progress::report_target(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut response = render(&report_page(tr, viewer, newer, typed, Vec::new(), true))?;
    *response.status_mut() = StatusCode::CONFLICT;
    Ok(response)
}

/// The audit entry of a report: the milestone's figures before, the report after.
fn report_entry(
    user: &CurrentUser,
    target: &ReportTarget,
    update_id: Uuid,
    report: &ProgressReport,
    files: &[store::implementation::evidence::NewFile],
) -> NewAuditEntry {
    let before = serde_json::json!({
        "progress": target.current_progress, "status": target.current_status,
    });
    let p = &report.participation;
    let after = serde_json::json!({
        "update_id": update_id,
        "progress": report.progress.value(),
        "status": report.status.as_str(),
        "links": report.links.len(),
        "files": files.iter().map(|f| &f.sha256).collect::<Vec<_>>(),
        "counterpart_fulfilled": p.counterpart_fulfilled,
        "counterpart_fulfilment_note": p.fulfilment_note,
        "activities_with_others": p.activities_with_others,
        "participants": p.participants,
        "participant_sectors": p.sectors,
        "challenges": p.challenges,
        "next_steps": p.next_steps,
        "actual_start": p.actual_start,
        "actual_completion": p.actual_completion,
    });
    user.audit_entry(
        "progress.report",
        "milestone",
        target.id,
        Some(before),
        Some(after),
    )
}

/// Where a new report shows: the commitment's history.
fn history_href(target: &ReportTarget) -> String {
    format!(
        "/plans/{}/commitments/{}#history-heading",
        target.plan_slug, target.code
    )
}

/// `POST /implementation/milestones/{id}/report`: a new report, never an edit. When another
/// report landed since the form was opened, the form comes back with it shown and the text
/// kept. Files are accepted by their content, up to the configured size each.
async fn submit_report(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
    request: Request,
) -> AppResult<Response> {
    let target = authorized_target(&state, &user, id).await?;
    let mut sent = read_form(&state, request).await?;
    let verdicts = judge_files(&state, &mut sent).await?;
    let (typed, version) = Typed::from_sent(&sent);
    let (report, accepted) = match parse_report(&sent, &typed, &target, verdicts) {
        Ok(parsed) => parsed,
        Err(problems) => return refused_report(&state, tr, viewer, target, typed, problems),
    };
    let mut tx = state.db.begin().await?;
    let by = (user.id, user.display_name.as_str());
    let submitted =
        store::implementation::progress::submit_report(&mut tx, id, version, by, &report);
    let Ok(update_id) = submitted.await? else {
        drop(tx);
        return conflict(&state, tr, viewer, id, typed).await;
    };
    let files = store_files(&state, accepted).await?;
    store::implementation::evidence::attach_files(&mut tx, update_id, &files).await?;
    let entry = report_entry(&user, &target, update_id, &report, &files);
    store::audit::commit(tx, entry).await?;
    Ok(Done("flash-report-sent").redirect(&history_href(&target)))
}
