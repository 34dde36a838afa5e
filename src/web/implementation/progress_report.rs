//! Implementation tracking: an official's dashboard and the progress report form.

use askama::Template;
use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::Response;
use chrono::Utc;
use uuid::Uuid;

use crate::domain::evidence::{Refused, accept, clean_file_name};
use crate::domain::progress_report::{
    FieldError, LinkInput, MAX_LINKS, ProgressReport, ReplanRequest, Urgency, file_evidence_type,
    urgency,
};
use crate::domain::{
    Action, Basis, EvidenceType, MilestoneStatus, PlanPhase, milestone_figures_on,
};
use crate::i18n::Tr;
use crate::store;
use crate::store::implementation::progress::OwnReport;
use crate::store::implementation::progress::ReportTarget;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::views::{
    Choice, HealthView, ProgressView, TwoFigures, maybe_date, moment, render, vocab,
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

/// `POST /implementation/milestones/{id}/replan`: new current dates, for the forum to approve.
async fn request_replan(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
    Form(form): Form<ReplanForm>,
) -> AppResult<Response> {
    let target = replan_target(&state, &user, id).await?;
    let request = match ReplanRequest::parse(
        &form.start,
        &form.due,
        &form.reason,
        (target.current_start, target.current_due),
    ) {
        Ok(r) => r,
        Err(problems) => {
            let errors = problems
                .into_iter()
                .map(|(f, key)| (f, tr.t(key)))
                .collect();
            let mut response = render(&replan_page(
                tr,
                viewer,
                target,
                (form.start, form.due, form.reason),
                errors,
            ))?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(response);
        }
    };
    let mut tx = state.db.begin().await?;
    let replan_id = store::implementation::replans::request(&mut tx, id, user.id, &request).await?;
    let entry = user.audit_entry("replan.request", "milestone", id, Some(
            serde_json::json!({ "start": target.current_start, "due": target.current_due }),
        ), Some(
            serde_json::json!({ "replan_id": replan_id, "start": request.new_start, "due": request.new_due, "reason": request.reason }),
        ));
    store::audit::commit(tx, entry).await?;
    Ok(Done("flash-replan-sent").redirect("/implementation"))
}

pub struct DashboardItem {
    pub id: Uuid,
    pub title: String,
    pub plan_slug: String,
    pub code: String,
    pub commitment: String,
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
        let next = match r.review_state.as_str() {
            "pending" => "my-reports-next-pending",
            "returned" if r.is_latest => "my-reports-next-returned",
            "contested" if r.is_latest => "my-reports-next-contested",
            _ => "my-reports-next-none",
        };
        let reviewed = match (r.reviewed_at, r.reviewer) {
            (Some(at), Some(who)) => format!("{} · {who}", moment(tr, at)),
            (Some(at), None) => moment(tr, at),
            _ => String::new(),
        };
        Self {
            commitment_href: format!("/plans/{}/commitments/{}", r.plan_slug, r.code),
            report_href: format!("/implementation/milestones/{}/report", r.milestone_id),
            date: moment(tr, r.reported_at),
            state: vocab(tr, "review-state", &r.review_state),
            state_key: r.review_state.replace('_', "-"),
            note: r.review_note.unwrap_or_default(),
            next_step: tr.t(next),
            milestone: format!("{}. {}", r.code, r.milestone_title),
            progress: r.progress,
            reviewed,
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
    let now = Utc::now();
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
        });
    }
    let needs_action = own
        .iter()
        .filter(|r| r.review_state == "returned" && r.is_latest)
        .cloned()
        .map(|r| OwnReportView::new(&tr, r))
        .collect();
    render(&DashboardPage {
        needs_action,
        reports: own
            .into_iter()
            .map(|r| OwnReportView::new(&tr, r))
            .collect(),
        institution: user.institution_name.clone().unwrap_or_default(),
        tr,
        path: "/implementation".into(),
        viewer,
        total,
        groups,
    })
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
    pub errors: Vec<(String, String)>,
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
}

impl Typed {
    fn from_fields(fields: &[(String, String)]) -> (Self, Option<i32>) {
        let get = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let links = (0..MAX_LINKS)
            .map(|i| LinkInput {
                url: get(&format!("link_url_{i}")),
                evidence_type: get(&format!("link_type_{i}")),
                source: get(&format!("link_source_{i}")),
                date: get(&format!("link_date_{i}")),
            })
            .collect();
        let version = get("version").parse().ok();
        (
            Self {
                progress: get("progress"),
                status: get("status"),
                narrative: get("narrative"),
                links,
            },
            version,
        )
    }
}

fn report_page(
    tr: Tr,
    viewer: Viewer,
    target: ReportTarget,
    typed: Typed,
    errors: Vec<(String, String)>,
    conflict: bool,
) -> ReportPage {
    let link = |i: usize| typed.links.get(i).cloned().unwrap_or_default();
    let links = (0..MAX_LINKS)
        .map(|i| {
            let l = link(i);
            LinkRow {
                index: i,
                types: EvidenceType::ALL
                    .iter()
                    .map(|t| Choice {
                        value: t.as_str().to_owned(),
                        label: tr.t(t.label_key()),
                        selected: l.evidence_type == t.as_str(),
                    })
                    .collect(),
                error: errors
                    .iter()
                    .find(|(f, _)| *f == format!("link-{i}"))
                    .map(|(_, m)| m.clone())
                    .unwrap_or_default(),
                url: l.url,
                source: l.source,
                date: l.date,
            }
        })
        .collect();
    let files = (0..FILE_SLOTS)
        .map(|i| LinkRow {
            index: i,
            types: EvidenceType::ALL
                .iter()
                .map(|t| Choice {
                    value: t.as_str().to_owned(),
                    label: tr.t(t.label_key()),
                    selected: false,
                })
                .collect(),
            error: errors
                .iter()
                .find(|(f, _)| *f == format!("file-{i}"))
                .map(|(_, m)| m.clone())
                .unwrap_or_default(),
            url: String::new(),
            source: String::new(),
            date: String::new(),
        })
        .collect();
    ReportPage {
        files,
        due: maybe_date(&tr, target.current_due),
        latest_at: target
            .latest_at
            .map(|at| moment(&tr, at))
            .unwrap_or_default(),
        latest_review: target
            .latest_review
            .as_deref()
            .map(|r| vocab(&tr, "review-state", r))
            .unwrap_or_default(),
        latest_returned: target.latest_review.as_deref() == Some("returned"),
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
    let phase: PlanPhase = target
        .plan_phase
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("plan phase: {e}")))?;
    user.authorize(action(target.responsible_institution_id, phase))?;
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
        status: target.current_status.clone(),
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

/// A chosen file whose content is of an accepted type.
struct Accepted<'a> {
    index: usize,
    file_name: String,
    media_type: &'static str,
    evidence_type: EvidenceType,
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
        let chosen = sent
            .fields
            .iter()
            .find(|(k, _)| *k == format!("file_type_{index}"))
            .map_or("", |(_, v)| v.as_str());
        match (verdict, file_evidence_type(chosen)) {
            (Ok(media_type), Ok(evidence_type)) => accepted.push(Accepted {
                index: *index,
                file_name: clean_file_name(name),
                media_type,
                evidence_type,
                bytes,
            }),
            (Err(refused), _) => errors.push((format!("file-{index}"), refused.key())),
            (_, Err(key)) => errors.push((format!("file-{index}"), key)),
        }
    }
    (accepted, errors)
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
    let (typed, version) = Typed::from_fields(&sent.fields);
    let (accepted, file_errors) = check_files(&sent, verdicts);
    let report = ProgressReport::parse(
        &typed.progress,
        &typed.status,
        &typed.narrative,
        &typed.links,
    );
    let report = match (report, file_errors.is_empty()) {
        (Ok(r), true) => r,
        (parsed, _) => {
            let mut problems = parsed.err().unwrap_or_default();
            problems.extend(file_errors);
            let limit_mb = state.config.max_upload / (1024 * 1024);
            let errors = problems
                .into_iter()
                .map(|(f, key)| (f, tr.t1(key, "megabytes", limit_mb)))
                .collect();
            return with_status(
                report_page(tr, viewer, target, typed, errors, false),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let get = |name: String| {
        sent.fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut tx = state.db.begin().await?;
    let submitted = store::implementation::progress::submit_report(
        &mut tx,
        id,
        version.unwrap_or(-1),
        (user.id, &user.display_name),
        &report,
    )
    .await?;
    let Ok(update_id) = submitted else {
        drop(tx);
        let newer = store::implementation::progress::report_target(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        return with_status(
            report_page(tr, viewer, newer, typed, Vec::new(), true),
            StatusCode::CONFLICT,
        );
    };
    // Files are stored only once the report is accepted, so a refused one leaves none.
    let mut files = Vec::new();
    for Accepted {
        index,
        file_name,
        media_type,
        evidence_type,
        bytes,
    } in accepted
    {
        let stored = state.files.put(bytes.to_vec()).await?;
        files.push(store::implementation::evidence::NewFile {
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            file_name,
            media_type,
            sha256: stored.sha256,
            storage_key: stored.key,
            evidence_type: evidence_type.as_str(),
            source: get(format!("file_source_{index}"))
                .chars()
                .take(300)
                .collect(),
            date: chrono::NaiveDate::parse_from_str(&get(format!("file_date_{index}")), "%Y-%m-%d")
                .ok(),
        });
    }
    store::implementation::evidence::attach_files(&mut tx, update_id, &files).await?;
    let after = serde_json::json!({
        "update_id": update_id,
        "progress": report.progress.value(),
        "status": report.status.as_str(),
        "links": report.links.len(),
        "files": files.iter().map(|f| &f.sha256).collect::<Vec<_>>(),
    });
    let entry = user.audit_entry("progress.report", "milestone", id, Some(
            serde_json::json!({ "progress": target.current_progress, "status": target.current_status }),
        ), Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(Done("flash-report-sent").redirect(&format!(
        "/plans/{}/commitments/{}#history-heading",
        target.plan_slug, target.code
    )))
}

fn with_status(page: ReportPage, status: StatusCode) -> AppResult<Response> {
    let mut response = render(&page)?;
    *response.status_mut() = status;
    Ok(response)
}
