//! Pieces shared by every page: rendering, progress bars, dates, the error page.

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::domain::{
    Basis, CommitmentFigures, CommitmentState, HeadlineFigure, Health, MilestoneFigures, Progress,
    ReviewState, plan_is_measured, plan_progress,
};
use crate::i18n::Tr;
use crate::web::http::error::{AppError, ErrorPage};

/// Renders a page template into an HTML response.
pub fn render<T: Template>(page: &T) -> Result<Response, AppError> {
    let html = page
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
    Ok((
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
        ],
        html,
    )
        .into_response())
}

/// A progress bar with its text equivalent for screen readers: the validated figure solid,
/// the part the institution reported beyond it (pending or contested) hatched behind it, the
/// expected figure as a tick. The text says every figure the bar shows.
#[derive(Debug, Clone)]
pub struct ProgressView {
    pub value: u8,
    /// What the institution reported, when it is more than the validated figure.
    pub claim: Option<u8>,
    /// The claim waits for the forum (`false`: the forum contested it).
    pub claim_pending: bool,
    pub expected: Option<u8>,
    pub label: String,
    pub expected_label: String,
    /// The claim in words, shown beside the figure: "80 % reportado, pendiente de validación".
    pub claim_label: String,
    /// False when there are no milestones to measure: the page says so instead of "0 %".
    pub measured: bool,
}

/// The two figures of a milestone, commitment or plan, and the state of what is claimed.
#[derive(Debug, Clone, Copy)]
pub struct TwoFigures {
    pub validated: Progress,
    pub reported: Progress,
    /// Pending or contested, when the reported figure is not (yet) validated.
    pub claim: Option<ReviewState>,
    pub expected: Option<Progress>,
    /// False when there are no milestones to measure (imported history).
    pub measured: bool,
}

impl TwoFigures {
    /// No milestones: nothing reported, nothing expected, nothing to measure.
    pub fn none() -> Self {
        Self {
            validated: Progress::ZERO,
            reported: Progress::ZERO,
            claim: None,
            expected: None,
            measured: false,
        }
    }

    /// A plan: the plain average of its commitments that are not withdrawn, both ways.
    pub fn of_plan(commitments: &[(CommitmentState, CommitmentFigures)]) -> Self {
        let shares = |of: fn(&CommitmentFigures) -> Progress| {
            commitments
                .iter()
                .map(|(s, f)| (*s, f.measured(of)))
                .collect::<Vec<_>>()
        };
        let average = |of| plan_progress(&shares(of));
        let counted = || {
            commitments
                .iter()
                .filter(|(s, _)| *s != CommitmentState::Withdrawn)
                .map(|(_, f)| Self::of_commitment(f).claim)
        };
        let claim = if counted().any(|c| c == Some(ReviewState::Contested)) {
            Some(ReviewState::Contested)
        } else if counted().any(|c| c == Some(ReviewState::Pending)) {
            Some(ReviewState::Pending)
        } else {
            None
        };
        Self {
            validated: average(|f| f.validated),
            reported: average(|f| f.reported),
            claim,
            expected: None,
            measured: plan_is_measured(&shares(|f| f.validated)),
        }
    }

    pub fn of_milestone(f: &MilestoneFigures) -> Self {
        Self {
            validated: f.validated,
            reported: f.reported,
            claim: f.open_claim(),
            expected: f.expected,
            measured: true,
        }
    }

    pub fn of_commitment(f: &CommitmentFigures) -> Self {
        Self {
            validated: f.validated,
            reported: f.reported,
            claim: if f.contested_claims > 0 {
                Some(ReviewState::Contested)
            } else if f.pending_claims > 0 {
                Some(ReviewState::Pending)
            } else {
                None
            },
            expected: f.expected,
            measured: f.health != Health::Unmeasured,
        }
    }
}

impl ProgressView {
    /// One figure only (a plan's average, a chart's share).
    pub fn new(tr: &Tr, progress: Progress, expected: Option<Progress>) -> Self {
        Self::both(
            tr,
            TwoFigures {
                validated: progress,
                reported: progress,
                claim: None,
                expected,
                measured: true,
            },
        )
    }

    /// A plan's average of its commitments (`None`: a commitment without milestones).
    pub fn of_plan(tr: &Tr, commitments: &[(CommitmentState, Option<Progress>)]) -> Self {
        let mut view = Self::new(tr, plan_progress(commitments), None);
        if !plan_is_measured(commitments) {
            view.unmeasured(tr);
        }
        view
    }

    /// Nothing to measure: the figure gives way to the words.
    fn unmeasured(&mut self, tr: &Tr) {
        self.measured = false;
        self.label = tr.t("progress-unmeasured");
        self.expected = None;
        self.claim = None;
    }

    /// The validated figure and, when it differs, what the institution reported.
    pub fn both(tr: &Tr, f: TwoFigures) -> Self {
        let claim = (f.reported != f.validated).then_some(f.reported.value());
        let contested = f.claim == Some(ReviewState::Contested);
        let claim_label = match claim {
            Some(points) if contested => tr.t1("progress-claim-contested", "value", points),
            Some(points) => tr.t1("progress-claim-pending", "value", points),
            None => String::new(),
        };
        let actual = if claim.is_some() {
            tr.t1("progress-validated", "value", f.validated.value())
        } else {
            tr.t1("progress-actual", "value", f.validated.value())
        };
        let expected_label = f
            .expected
            .map(|e| tr.t1("progress-expected", "value", e.value()))
            .unwrap_or_default();
        let label = [actual, claim_label.clone(), expected_label.clone()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let mut view = Self {
            value: f.validated.value(),
            claim: claim.filter(|points| *points > f.validated.value()),
            claim_pending: !contested,
            expected: f.expected.map(Progress::value),
            expected_label,
            claim_label,
            label,
            measured: true,
        };
        if !f.measured {
            view.unmeasured(tr);
        }
        view
    }
}

/// One figure of a plan's headline, labelled: "Validado por el Grupo Núcleo: 40 %".
#[derive(Debug, Clone)]
pub struct FigureView {
    pub label: String,
    pub value: u8,
    /// What the reported figure includes that the forum has not validated, if anything.
    pub note: String,
    /// The forum chose this figure to lead the headline.
    pub leads: bool,
}

/// A plan's headline: both figures, always labelled, in the order the forum chose (the
/// leading one first, or both side by side), over the bar that shows them together.
#[derive(Debug, Clone)]
pub struct HeadlineView {
    pub figures: Vec<FigureView>,
    pub side_by_side: bool,
    pub bar: ProgressView,
    /// Which figure the health shown beside the headline is computed from.
    pub health_note: String,
}

impl HeadlineView {
    pub fn new(tr: &Tr, f: TwoFigures, setting: HeadlineFigure) -> Self {
        let figure = |basis: Basis| {
            let (label, value, note) = match basis {
                Basis::Validated => ("headline-validated", f.validated, None),
                Basis::Reported => ("headline-reported", f.reported, f.claim),
            };
            FigureView {
                label: tr.t(label),
                value: value.value(),
                note: match note {
                    Some(ReviewState::Contested) => tr.t("headline-reported-contested"),
                    Some(ReviewState::Pending) => tr.t("headline-reported-pending"),
                    _ => String::new(),
                },
                leads: setting.leading() == Some(basis),
            }
        };
        Self {
            figures: setting.order().into_iter().map(figure).collect(),
            side_by_side: setting.leading().is_none(),
            bar: ProgressView::both(tr, f),
            health_note: tr.t(match setting.health_basis() {
                Basis::Validated => "headline-health-validated",
                Basis::Reported => "headline-health-reported",
            }),
        }
    }
}

/// One option of a drop-down: its value, its label, whether it is chosen.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A health badge: translated label and its colour class.
#[derive(Debug, Clone)]
pub struct HealthView {
    pub label: String,
    pub class: &'static str,
}

impl HealthView {
    pub fn new(tr: &Tr, health: Health) -> Self {
        Self {
            label: tr.t(health.label_key()),
            class: health.css_class(),
        }
    }
}

pub use crate::i18n::format::{
    file_size, long_date, long_moment, machine_moment, maybe_date, moment, short_date, short_month,
    vocab,
};

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorView {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: crate::web::http::session::Viewer,
    pub heading: String,
    pub message: String,
    /// For a refusal: the roles that may do it, translated.
    pub needed: String,
    pub login: bool,
    pub request_id: String,
}

impl ErrorView {
    pub fn new(tr: Tr, page: ErrorPage, request_id: String) -> Self {
        let heading = match page.status {
            StatusCode::NOT_FOUND => tr.t("error-not-found-title"),
            StatusCode::UNAUTHORIZED => tr.t("error-unauthorized-title"),
            StatusCode::FORBIDDEN => tr.t("error-forbidden-title"),
            s if s.is_server_error() => tr.t("error-server-title"),
            _ => tr.t("error-request-title"),
        };
        let needed = page
            .needed
            .iter()
            .map(|r| tr.t(r.label_key()))
            .collect::<Vec<_>>()
            .join(", ");
        Self {
            trail: Trail::home(&tr).here(heading.clone()),
            tr,
            path: "/".into(),
            viewer: Default::default(),
            heading,
            message: tr.t(page.message_key),
            needed,
            login: page.status == StatusCode::UNAUTHORIZED,
            request_id,
        }
    }
}

impl IntoResponse for ErrorView {
    fn into_response(self) -> Response {
        match render(&self) {
            Ok(r) => r,
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response(),
        }
    }
}
