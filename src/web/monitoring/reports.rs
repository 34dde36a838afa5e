//! Monitoring reports: the live report of a plan as of any date and frozen reports
//! (*cortes*), both public in every format; freezing and sign-offs, by the forum.
//!
//! The live report has two addresses: `/plans/{plan}/report` for everyone and
//! `/monitoring/plans/{plan}/report`, the forum's working copy (the same page; the freeze form
//! shows to whoever the policy lets freeze, on either).

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, ETAG};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use tokio::sync::Semaphore;
use uuid::Uuid;

use crate::domain::Action;
use crate::domain::monitoring_report::{PlanLine, period_label};
use crate::domain::phases::{Confirmation, Irreversible, must_confirm};
use crate::i18n::Tr;
use crate::reports::{self, Format, Report, Seal, SealSignoff, json};
use crate::store;
use crate::store::monitoring::reports::{Signoff, Snapshot};
use crate::store::public::plans::Plan;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::forms::unprocessable;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::monitoring::report_view::{
    FrozenView, LiveView, ReportView, SignoffView, SnapshotView, downloads,
};
use crate::web::ui::confirm::{Subject, confirm_page};
use crate::web::ui::views::{moment, render};

/// File exports are CPU-bound; at most this many are made at once, the rest wait their turn.
static EXPORTS: Semaphore = Semaphore::const_new(2);

pub fn router() -> Routes {
    Routes::new()
        .get("/plans/{plan}/report", public_live)
        .get("/monitoring/plans/{plan}/report", forum_live)
        .post("/monitoring/plans/{plan}/snapshots", freeze)
        .post(
            "/monitoring/plans/{plan}/snapshots/{snapshot}/signoffs",
            sign_off,
        )
        .get("/plans/{plan}/reports/{snapshot}", frozen)
}

#[derive(Template)]
#[template(path = "monitoring/report.html")]
pub struct ReportPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub report: ReportView,
    pub live: Option<LiveView>,
    pub frozen: Option<FrozenView>,
}

#[derive(Deserialize)]
struct ReportQuery {
    as_of: Option<String>,
    format: Option<String>,
}

/// A day on or before today; empty means today.
pub fn parse_as_of(input: Option<&str>, today: NaiveDate) -> Result<NaiveDate, AppError> {
    let input = input.map(str::trim).unwrap_or("");
    if input.is_empty() {
        return Ok(today);
    }
    let day = NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .map_err(|_| AppError::BadRequest("mreport-as-of-invalid"))?;
    if day > today {
        return Err(AppError::BadRequest("mreport-as-of-future"));
    }
    Ok(day)
}

fn parse_format(input: Option<&str>, allowed: &[Format]) -> Result<Format, AppError> {
    let format = match input.map(str::trim).unwrap_or("") {
        "" => Format::Html,
        other => other
            .parse()
            .map_err(|_| AppError::BadRequest("mreport-format-invalid"))?,
    };
    if allowed.contains(&format) {
        Ok(format)
    } else {
        Err(AppError::BadRequest("mreport-format-invalid"))
    }
}

/// A file download: never kept by a browser or a shared cache (a live report changes with
/// every review, a frozen one with every sign-off); the page cache keeps only the JSON of an
/// anonymous request, keyed by its whole query and dropped on every change.
fn download(bytes: Vec<u8>, format: Format, file_name: &str) -> Response {
    (
        [
            (CONTENT_TYPE, format.content_type().to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// Renders a file format on the blocking pool, a few at a time.
pub async fn export(
    report: Report,
    format: Format,
    tr: Tr,
    seal: Option<Seal>,
) -> AppResult<Vec<u8>> {
    let _permit = EXPORTS
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tokio::task::spawn_blocking(move || reports::render_file(&report, format, &tr, seal.as_ref()))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)
}

/// `GET /plans/{plan}/report?as_of=YYYY-MM-DD&format=html|pdf|xlsx|csv|json`: the live
/// report, for everyone.
async fn public_live(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    let plan = store::public::plans::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    live(state, tr, viewer, plan, q, "/plans", Typed::default()).await
}

/// `GET /monitoring/plans/{plan}/report?…`: the same report, the forum's working copy.
async fn forum_live(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    let plan = monitored(&state, &user, &slug).await?;
    let typed = Typed::default();
    live(state, tr, viewer, plan, q, "/monitoring/plans", typed).await
}

/// The plan of the path, for a forum member of its government.
pub(super) async fn monitored(state: &AppState, user: &CurrentUser, slug: &str) -> AppResult<Plan> {
    user.authorize(Action::Monitor)?;
    let plan = store::public::plans::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    user.authorize_within(Action::Monitor, plan.government_id)?;
    Ok(plan)
}

/// The plan's report as of the end of a day, built from the append-only history.
async fn report_as_of(state: &AppState, plan: &Plan, as_of: NaiveDate) -> AppResult<Report> {
    let until = reports::model::end_of_day(as_of);
    let facts = store::monitoring::reports::facts(&state.db, plan, until).await?;
    Ok(reports::build(&facts, as_of))
}

/// The freeze form as it was sent back: the name typed and what is wrong with it.
#[derive(Default)]
struct Typed {
    label: String,
    error: String,
}

/// The live report as of a day, built from the append-only history; `base` is where the
/// page links its downloads (`{base}/{plan}/report`), `typed` the freeze form sent back.
async fn live(
    state: AppState,
    tr: Tr,
    viewer: Viewer,
    plan: Plan,
    q: ReportQuery,
    base: &str,
    typed: Typed,
) -> AppResult<Response> {
    let format = parse_format(q.format.as_deref(), Format::ALL)?;
    let as_of = parse_as_of(q.as_of.as_deref(), Utc::now().date_naive())?;
    let report = report_as_of(&state, &plan, as_of).await?;
    let slug = &plan.slug;
    if format != Format::Html {
        let name = reports::file_name(&report, format);
        return Ok(download(
            export(report, format, tr, None).await?,
            format,
            &name,
        ));
    }
    let snapshots = store::monitoring::reports::snapshots(&state.db, plan.id)
        .await?
        .into_iter()
        .map(|s| SnapshotView::new(&tr, slug, s))
        .collect();
    let page = format!("{base}/{slug}/report");
    let path = match q.as_of.as_deref().map(str::trim) {
        Some(day) if !day.is_empty() => format!("{page}?as_of={as_of}"),
        _ => page.clone(),
    };
    render(&ReportPage {
        trail: report_trail(&tr, base, &report.plan),
        path,
        live: Some(LiveView::new(&report, &page, snapshots).typed(typed.label, typed.error)),
        report: ReportView::new(&tr, &report),
        frozen: None,
        tr,
        viewer,
    })
}

#[derive(Deserialize)]
struct FreezeForm {
    #[serde(default)]
    period_label: String,
    #[serde(default)]
    as_of: String,
    /// `yes` once the confirmation page was shown.
    #[serde(default)]
    confirm: String,
}

/// A report as frozen: the canonical JSON bytes as a value, and their SHA-256.
fn frozen_json(report: &Report) -> AppResult<(serde_json::Value, String)> {
    let bytes = json::to_bytes(report);
    let sha256 = json::sha256_hex(&bytes);
    let value = serde_json::from_slice(&bytes).map_err(|e| AppError::Internal(e.into()))?;
    Ok((value, sha256))
}

/// `POST /monitoring/plans/{plan}/snapshots`: freezes the report as of a date, once the
/// confirmation page was shown.
async fn freeze(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Form(form): Form<FreezeForm>,
) -> AppResult<Response> {
    let plan = monitored(&state, &user, &slug).await?;
    let as_of = parse_as_of(Some(&form.as_of), Utc::now().date_naive())?;
    let label = match period_label(&form.period_label) {
        Ok(label) => label,
        Err(key) => return unnamed(state, tr, viewer, plan, &form, key).await,
    };
    let report = report_as_of(&state, &plan, as_of).await?;
    let freezing = Some(Irreversible::FreezeReport);
    if let Some(step) = must_confirm(freezing, Confirmation::parse(&form.confirm)) {
        return confirm_freeze(tr, viewer, step, (label, as_of), &report);
    }
    let id = save_snapshot(&state, &user, plan.id, (label, as_of), &report).await?;
    Ok(Redirect::to(&format!("/plans/{slug}/reports/{id}")).into_response())
}

/// Freezes the report, sealed by its digest, in one transaction with its audit entry.
async fn save_snapshot(
    state: &AppState,
    user: &CurrentUser,
    plan_id: Uuid,
    (label, as_of): (&str, NaiveDate),
    report: &Report,
) -> AppResult<Uuid> {
    let (value, sha256) = frozen_json(report)?;
    let mut tx = state.db.begin().await?;
    let id = store::monitoring::reports::freeze(
        &mut tx,
        plan_id,
        label,
        as_of,
        &value,
        &sha256,
        Some(user.id),
    )
    .await?;
    let after = serde_json::json!({
        "plan": report.plan.slug, "period_label": label, "as_of": as_of, "sha256": sha256,
    });
    let entry = user.audit_entry("report.freeze", "report_snapshot", id, None, Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(id)
}

/// The page that asks again before the report is frozen; it repeats the freeze form.
fn confirm_freeze(
    tr: Tr,
    viewer: Viewer,
    step: Irreversible,
    (label, as_of): (&str, NaiveDate),
    report: &Report,
) -> AppResult<Response> {
    let slug = &report.plan.slug;
    let date = crate::i18n::format::long_date(&tr, as_of);
    let subject = Subject {
        name: label,
        date: &date,
        from: report_trail(&tr, "/monitoring/plans", &report.plan),
    };
    let action = format!("/monitoring/plans/{slug}/snapshots");
    let back = format!("/monitoring/plans/{slug}/report?as_of={as_of}");
    let hidden = vec![
        ("period_label", label.to_owned()),
        ("as_of", as_of.to_string()),
    ];
    confirm_page(tr, viewer, step, subject, (&action, &back), hidden)
}

/// `POST /monitoring/plans/{plan}/snapshots/{snapshot}/signoffs`: the user's forum seat
/// signs the frozen report. The seat is the plan's `nucleo_members` row of the user's
/// institution.
async fn sign_off(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path((slug, id)): Path<(String, Uuid)>,
) -> AppResult<Response> {
    // Only forum accounts go further; whether this one holds a seat is checked below.
    user.authorize(Action::SignOffReport { holds_seat: true })?;
    let snapshot = store::monitoring::reports::snapshot(&state.db, &slug, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let seat = match user.institution_id {
        Some(institution) => {
            store::monitoring::reports::member_seat(&state.db, snapshot.plan_id, institution)
                .await?
        }
        None => None,
    };
    user.authorize(Action::SignOffReport {
        holds_seat: seat.is_some(),
    })?;
    let seat = seat.ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    if !store::monitoring::reports::sign(&mut tx, id, seat).await? {
        return Err(AppError::Conflict("mreport-already-signed"));
    }
    let entry = user.audit_entry(
        "report.signoff",
        "report_snapshot",
        id,
        None,
        Some(serde_json::json!({ "member_id": seat })),
    );
    store::audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{slug}/reports/{id}")).into_response())
}

/// The frozen report's bytes, checked against the hash it was frozen with.
fn verified_bytes(snapshot: &Snapshot) -> AppResult<Vec<u8>> {
    let bytes = json::canonical(&snapshot.report);
    if json::sha256_hex(&bytes) != snapshot.sha256 {
        return Err(AppError::Internal(anyhow::anyhow!(
            "frozen report {} no longer matches its SHA-256",
            snapshot.id
        )));
    }
    Ok(bytes)
}

/// The frozen JSON as a download, its hash as its ETag.
fn json_download(bytes: Vec<u8>, name: &str, sha256: &str) -> Response {
    let mut response = download(bytes, Format::Json, name);
    if let Ok(etag) = format!("\"{sha256}\"").parse() {
        response.headers_mut().insert(ETAG, etag);
    }
    response
}

/// What a file rendering of a frozen report carries: its name, hash and sign-offs.
fn seal(snapshot: Snapshot, signoffs: Vec<Signoff>) -> Seal {
    Seal {
        label: snapshot.period_label,
        sha256: snapshot.sha256,
        frozen_at: snapshot.created_at,
        signoffs: signoffs
            .into_iter()
            .map(|s| SealSignoff {
                member: s.institution_name,
                representative: s.representative,
                signed_at: s.signed_at,
            })
            .collect(),
    }
}

impl ReportPage {
    /// The page of a frozen report: the report, its seal and its sign-offs.
    fn frozen(
        tr: Tr,
        viewer: Viewer,
        slug: &str,
        snapshot: Snapshot,
        signoffs: Vec<Signoff>,
        report: &Report,
    ) -> Self {
        let id = snapshot.id;
        let signoffs = signoffs
            .into_iter()
            .map(|s| SignoffView {
                member: s.institution_name,
                representative: s.representative.unwrap_or_default(),
                signed: moment(&tr, s.signed_at),
            })
            .collect();
        let path = format!("/plans/{slug}/reports/{id}");
        Self {
            trail: report_trail(&tr, "/plans", &report.plan).below(
                format!("/plans/{slug}/report"),
                snapshot.period_label.clone(),
            ),
            frozen: Some(FrozenView {
                label: snapshot.period_label,
                sha256: snapshot.sha256,
                frozen_on: moment(&tr, snapshot.created_at),
                downloads: downloads(&path, None),
                sign_href: format!("/monitoring/plans/{slug}/snapshots/{id}/signoffs"),
                signoffs,
            }),
            path,
            report: ReportView::new(&tr, report),
            live: None,
            tr,
            viewer,
        }
    }
}

/// `GET /plans/{plan}/reports/{snapshot}?format=html|pdf|xlsx|csv|json`: a frozen report,
/// as frozen. The JSON is the very bytes that were hashed; the other formats are rendered
/// from them, with the report's name, hash and sign-offs.
async fn frozen(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    Path((slug, id)): Path<(String, Uuid)>,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    let format = parse_format(q.format.as_deref(), Format::ALL)?;
    let snapshot = store::monitoring::reports::snapshot(&state.db, &slug, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = verified_bytes(&snapshot)?;
    let day = snapshot.as_of.format("%Y-%m-%d");
    let name = format!("corte-{slug}-{day}.{}", format.extension());
    if format == Format::Json {
        return Ok(json_download(bytes, &name, &snapshot.sha256));
    }
    let report: Report = serde_json::from_value(snapshot.report.clone())
        .map_err(|e| AppError::Internal(e.into()))?;
    let signoffs = store::monitoring::reports::signoffs(&state.db, id).await?;
    if format != Format::Html {
        let bytes = export(report, format, tr, Some(seal(snapshot, signoffs))).await?;
        return Ok(download(bytes, format, &name));
    }
    render(&ReportPage::frozen(
        tr, viewer, &slug, snapshot, signoffs, &report,
    ))
}

/// The levels above a report page: the public plan's, or the forum's monitoring (`base`).
fn report_trail(tr: &Tr, base: &str, plan: &PlanLine) -> Trail {
    let above = if base == "/plans" {
        Trail::plan(tr, &plan.title, &plan.slug)
    } else {
        Trail::area(tr, "monitoring-nav", "/monitoring")
    };
    above.here(tr.t("mreport-title"))
}

/// The report page again, its freeze form marked: the name was empty or too long.
async fn unnamed(
    state: AppState,
    tr: Tr,
    viewer: Viewer,
    plan: Plan,
    form: &FreezeForm,
    key: &str,
) -> AppResult<Response> {
    let q = ReportQuery {
        as_of: Some(form.as_of.clone()),
        format: None,
    };
    let typed = Typed {
        label: form.period_label.clone(),
        error: tr.t(key),
    };
    unprocessable(live(state, tr, viewer, plan, q, "/monitoring/plans", typed).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn as_of_defaults_to_today_and_refuses_the_future_and_nonsense() {
        let today = day(2026, 11, 27);
        assert_eq!(parse_as_of(None, today).ok(), Some(today));
        assert_eq!(parse_as_of(Some(" "), today).ok(), Some(today));
        assert_eq!(
            parse_as_of(Some("2024-02-29"), today).ok(),
            Some(day(2024, 2, 29))
        );
        for bad in ["2023-02-29", "27/11/2026", "yesterday", "2026-11-28"] {
            assert!(parse_as_of(Some(bad), today).is_err(), "{bad}");
        }
    }
}
