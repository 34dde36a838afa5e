//! Monitoring reports: the live report of a plan as of any date (nucleo), frozen reports
//! (*cortes*) served unchanged to everyone, and forum members' sign-offs.

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
use crate::i18n::Tr;
use crate::reports::{self, Format, Report, json};
use crate::store;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::routes::Routes;
use crate::web::http::session::{RequireUser, Viewer};
use crate::web::monitoring::report_view::{
    FrozenView, LiveView, ReportView, SignoffView, SnapshotView,
};
use crate::web::ui::views::{long_date, moment, render};

/// File exports are CPU-bound; at most this many are made at once, the rest wait their turn.
static EXPORTS: Semaphore = Semaphore::const_new(2);

pub fn router() -> Routes {
    Routes::new()
        .get("/monitoring/plans/{plan}/report", live)
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
pub async fn export(report: Report, format: Format, tr: Tr) -> AppResult<Vec<u8>> {
    let _permit = EXPORTS
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tokio::task::spawn_blocking(move || reports::render_file(&report, format, &tr, None))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)
}

/// `GET /monitoring/plans/{plan}/report?as_of=YYYY-MM-DD&format=html|pdf|xlsx|csv|json`
async fn live(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    user.authorize(Action::Monitor)?;
    let format = parse_format(q.format.as_deref(), Format::ALL)?;
    let as_of = parse_as_of(q.as_of.as_deref(), Utc::now().date_naive())?;
    let plan = store::public::plans::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let facts =
        store::monitoring::reports::facts(&state.db, &plan, reports::model::end_of_day(as_of))
            .await?;
    let report = reports::build(&facts, as_of);
    if format != Format::Html {
        let name = reports::file_name(&report, format);
        return Ok(download(export(report, format, tr).await?, format, &name));
    }
    let snapshots = store::monitoring::reports::snapshots(&state.db, plan.id)
        .await?
        .into_iter()
        .map(|s| SnapshotView {
            href: format!("/plans/{slug}/reports/{}", s.id),
            label: s.period_label,
            as_of: long_date(&tr, s.as_of),
            signoffs: s.signoffs,
        })
        .collect();
    render(&ReportPage {
        path: format!("/monitoring/plans/{slug}/report"),
        live: Some(LiveView::new(&report, snapshots)),
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
}

/// `POST /monitoring/plans/{plan}/snapshots`: freezes the report as of a date.
async fn freeze(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path(slug): Path<String>,
    Form(form): Form<FreezeForm>,
) -> AppResult<Response> {
    user.authorize(Action::Monitor)?;
    let label = form.period_label.trim();
    if label.is_empty() || label.chars().count() > 200 {
        return Err(AppError::BadRequest("mreport-period-label-invalid"));
    }
    let as_of = parse_as_of(Some(&form.as_of), Utc::now().date_naive())?;
    let plan = store::public::plans::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let facts =
        store::monitoring::reports::facts(&state.db, &plan, reports::model::end_of_day(as_of))
            .await?;
    let bytes = json::to_bytes(&reports::build(&facts, as_of));
    let sha256 = json::sha256_hex(&bytes);
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| AppError::Internal(e.into()))?;
    let mut tx = state.db.begin().await?;
    let id = store::monitoring::reports::freeze(
        &mut tx, plan.id, label, as_of, &value, &sha256, user.id,
    )
    .await?;
    let entry = user.audit_entry(
        "report.freeze",
        "report_snapshot",
        id,
        None,
        Some(serde_json::json!({
            "plan": slug, "period_label": label, "as_of": as_of, "sha256": sha256,
        })),
    );
    store::audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{slug}/reports/{id}")).into_response())
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

/// `GET /plans/{plan}/reports/{snapshot}?format=html|json`: a frozen report, as frozen.
async fn frozen(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    Path((slug, id)): Path<(String, Uuid)>,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    let format = parse_format(q.format.as_deref(), &[Format::Html, Format::Json])?;
    let snapshot = store::monitoring::reports::snapshot(&state.db, &slug, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = json::canonical(&snapshot.report);
    if json::sha256_hex(&bytes) != snapshot.sha256 {
        return Err(AppError::Internal(anyhow::anyhow!(
            "frozen report {id} no longer matches its SHA-256"
        )));
    }
    if format == Format::Json {
        let name = format!("corte-{slug}-{}.json", snapshot.as_of.format("%Y-%m-%d"));
        let mut response = download(bytes, Format::Json, &name);
        if let Ok(etag) = format!("\"{}\"", snapshot.sha256).parse() {
            response.headers_mut().insert(ETAG, etag);
        }
        return Ok(response);
    }
    let report: Report = serde_json::from_value(snapshot.report.clone())
        .map_err(|e| AppError::Internal(e.into()))?;
    let signoffs = store::monitoring::reports::signoffs(&state.db, id)
        .await?
        .into_iter()
        .map(|s| SignoffView {
            member: s.institution_name,
            representative: s.representative.unwrap_or_default(),
            signed: moment(&tr, s.signed_at),
        })
        .collect();
    render(&ReportPage {
        path: format!("/plans/{slug}/reports/{id}"),
        frozen: Some(FrozenView {
            label: snapshot.period_label,
            sha256: snapshot.sha256,
            frozen_on: moment(&tr, snapshot.created_at),
            json_href: format!("/plans/{slug}/reports/{id}?format=json"),
            sign_href: format!("/monitoring/plans/{slug}/snapshots/{id}/signoffs"),
            signoffs,
        }),
        report: ReportView::new(&tr, &report),
        live: None,
        tr,
        viewer,
    })
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
