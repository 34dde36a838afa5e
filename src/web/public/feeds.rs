//! Atom feeds of the three voices (the institutions' progress reports, the counterparts'
//! reports, the forum's round assessments): everything, one plan, one commitment.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::progress_report::public_review_note_of;
use crate::domain::{Progress, ReviewState, commitment_figures};
use crate::i18n::Tr;
use crate::store;
use crate::store::public::feeds::FeedEntry;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::routes::Routes;
use crate::web::ui::views::vocab;

const FEED_LENGTH: i64 = 50;

pub fn router() -> Routes {
    Routes::new()
        .get("/feeds/updates.atom", all_updates)
        .get("/plans/{plan}/feed.atom", plan_updates)
        .get(
            "/plans/{plan}/commitments/{code}/feed.atom",
            commitment_updates,
        )
}

pub struct EntryView {
    pub id: String,
    pub title: String,
    pub link: String,
    pub updated: String,
    pub author: String,
    pub summary: String,
}

#[derive(Template)]
#[template(path = "public/atom.xml")]
pub struct Feed {
    pub id: String,
    pub title: String,
    pub self_link: String,
    pub alternate: String,
    pub updated: String,
    pub entries: Vec<EntryView>,
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Each listed commitment's validated progress now, from its milestones' figures.
async fn validated_now(
    state: &AppState,
    entries: &[FeedEntry],
) -> AppResult<HashMap<Uuid, Progress>> {
    let mut plans: Vec<Uuid> = entries.iter().map(|e| e.plan_id).collect();
    plans.sort_unstable();
    plans.dedup();
    let facts = store::public::plans::commitment_facts(&state.db, &plans).await?;
    let now = Utc::now();
    Ok(facts
        .iter()
        .map(|f| (f.commitment_id, commitment_figures(&f.facts, now).validated))
        .collect())
}

/// "80 % reportado, pendiente de validación": the report's figure and its review, in words.
fn reported_in_words(tr: &Tr, progress: i16, review: &str) -> String {
    let key = match review.parse() {
        Ok(ReviewState::Validated) => "feed-reported-validated",
        Ok(ReviewState::Returned) => "feed-reported-returned",
        Ok(ReviewState::Contested) => "feed-reported-contested",
        Ok(ReviewState::Pending) | Err(_) => "feed-reported-pending",
    };
    tr.t1(key, "value", progress)
}

/// One entry in words, as the voice that speaks said it.
fn entry(tr: &Tr, base: &str, validated: &HashMap<Uuid, Progress>, e: FeedEntry) -> EntryView {
    let (title, summary) = match e.voice.as_str() {
        "counterpart" => counterpart_in_words(tr, &e),
        "forum" => forum_in_words(tr, &e),
        _ => institution_in_words(tr, validated, &e),
    };
    EntryView {
        id: format!("urn:uuid:{}", e.id),
        title,
        link: format!("{base}/plans/{}/commitments/{}", e.plan_slug, e.code),
        updated: rfc3339(e.reviewed_at.unwrap_or(e.at).max(e.at)),
        author: e.author_name,
        summary,
    }
}

fn institution_in_words(
    tr: &Tr,
    validated: &HashMap<Uuid, Progress>,
    e: &FeedEntry,
) -> (String, String) {
    let review_state = e.review_state.as_deref().unwrap_or_default();
    let review = vocab(tr, "review-state", review_state);
    let note = public_review_note_of(review_state, e.review_note.clone())
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    let commitment_validated = validated
        .get(&e.commitment_id)
        .map(|p| tr.t1("feed-commitment-validated", "value", p.value()))
        .unwrap_or_default();
    let title = format!(
        "{} · {}",
        e.milestone_title.as_deref().unwrap_or_default(),
        reported_in_words(tr, e.progress.unwrap_or_default(), review_state)
    );
    let summary = format!(
        "{} {}: {} {}{}. {}",
        sentence(&e.commitment_title),
        vocab(tr, "milestone-status", &e.state),
        sentence(&e.narrative),
        review,
        note,
        commitment_validated
    );
    (title, summary)
}

/// "Hito · Contraparte (Fundación …): Limitado; no respalda el avance reportado".
fn counterpart_in_words(tr: &Tr, e: &FeedEntry) -> (String, String) {
    let endorsement = tr.t(if e.endorses == Some(true) {
        "voices-endorses"
    } else {
        "voices-not-endorses"
    });
    let title = format!(
        "{} · {}",
        e.milestone_title.as_deref().unwrap_or_default(),
        tr.t3(
            "feed-counterpart",
            (
                "institution",
                e.institution_name.as_deref().unwrap_or_default()
            ),
            ("completion", &vocab(tr, "completion", &e.state)),
            ("endorsement", &endorsement.to_lowercase()),
        )
    );
    let summary = format!(
        "{} {}: {} {} {}",
        sentence(&e.commitment_title),
        tr.t("voices-change"),
        sentence(&e.narrative),
        tr.t("voices-counterpart-says"),
        with_note(
            &vocab(tr, "fulfilment", e.fulfilled.as_deref().unwrap_or_default()),
            e.fulfilment_note.as_deref()
        )
    );
    (title, summary)
}

/// "Compromiso · Grupo Núcleo, ronda …: Sustancial".
fn forum_in_words(tr: &Tr, e: &FeedEntry) -> (String, String) {
    let title = format!(
        "{} · {}",
        e.commitment_title,
        tr.t2(
            "feed-forum",
            ("round", e.round_label.as_deref().unwrap_or_default()),
            ("completion", &vocab(tr, "completion", &e.state)),
        )
    );
    let summary = format!(
        "{} {}",
        sentence(&e.narrative),
        tr.t1(
            "feed-forum-communication",
            "value",
            with_note(
                &vocab(
                    tr,
                    "fulfilment",
                    e.communication.as_deref().unwrap_or_default()
                ),
                e.communication_note.as_deref()
            )
        )
    );
    (title, summary)
}

/// The text as a sentence: a full stop added unless it already ends one.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// "En parte (why)", or the answer alone when nothing was said of it.
fn with_note(answer: &str, note: Option<&str>) -> String {
    match note.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("{answer} ({n})"),
        None => answer.to_owned(),
    }
}

async fn feed(
    state: &AppState,
    tr: Tr,
    title: String,
    path: &str,
    alternate: &str,
    entries: Vec<FeedEntry>,
) -> AppResult<Response> {
    let validated = validated_now(state, &entries).await?;
    let base = &state.config.public_url;
    let updated = entries
        .iter()
        .map(|e| e.reviewed_at.unwrap_or(e.at).max(e.at))
        .max()
        .unwrap_or_else(Utc::now);
    let entries = entries
        .into_iter()
        .map(|e| entry(&tr, base, &validated, e))
        .collect();
    let xml = Feed {
        id: format!("{base}{path}"),
        title,
        self_link: format!("{base}{path}"),
        alternate: format!("{base}{alternate}"),
        updated: rfc3339(updated),
        entries,
    }
    .render()
    .map_err(|e| AppError::Internal(anyhow::anyhow!("feed template: {e}")))?;
    Ok((
        [
            (CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=300"),
        ],
        xml,
    )
        .into_response())
}

/// `GET /feeds/updates.atom`
async fn all_updates(State(state): State<AppState>, tr: Tr) -> AppResult<Response> {
    let entries = store::public::feeds::recent(&state.db, None, None, FEED_LENGTH).await?;
    feed(
        &state,
        tr,
        tr.t("feed-all"),
        "/feeds/updates.atom",
        "/plans",
        entries,
    )
    .await
}

/// `GET /plans/{plan}/feed.atom`
async fn plan_updates(
    State(state): State<AppState>,
    tr: Tr,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = store::public::plans::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let entries = store::public::feeds::recent(&state.db, Some(&slug), None, FEED_LENGTH).await?;
    feed(
        &state,
        tr,
        plan.title,
        &format!("/plans/{slug}/feed.atom"),
        &format!("/plans/{slug}"),
        entries,
    )
    .await
}

/// `GET /plans/{plan}/commitments/{code}/feed.atom`
async fn commitment_updates(
    State(state): State<AppState>,
    tr: Tr,
    Path((slug, code)): Path<(String, String)>,
) -> AppResult<Response> {
    let plan = store::public::plans::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let commitment = store::public::commitments::by_code(&state.db, plan.id, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let entries =
        store::public::feeds::recent(&state.db, Some(&slug), Some(&code), FEED_LENGTH).await?;
    let path = format!("/plans/{slug}/commitments/{code}");
    feed(
        &state,
        tr,
        commitment.title,
        &format!("{path}/feed.atom"),
        &path,
        entries,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn a_text_that_ends_its_sentence_gets_no_second_full_stop() {
        assert_eq!(
            sentence("Se abrieron las sesiones."),
            "Se abrieron las sesiones."
        );
        assert_eq!(sentence("¿Se abrieron?  "), "¿Se abrieron?");
        assert_eq!(
            sentence("Se abrieron las sesiones"),
            "Se abrieron las sesiones."
        );
    }
}
