//! All SQL lives here, one module per aggregate. Queries are checked at compile time
//! against the migrations (offline data in `.sqlx/`) and return plain types.

pub mod account;
pub mod admin;
pub mod api;
pub mod audit;
pub mod changes;
pub mod cocreation;
pub mod demo;
pub mod implementation;
pub mod jobs;
pub mod monitoring;
pub mod public;
pub mod versions;
pub mod vocab;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{MilestoneFacts, MilestoneStatus, Progress, ReviewState, UpdateFact};

/// A milestone's cached figures as stored beside it: its latest claim (the newest report not
/// returned, with its review) and its latest validated report. The cache is kept in the same
/// transaction as every report and review (`monitoring::reviews::refresh_cache`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MilestoneCache<'a> {
    pub weight: i32,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub last_update_at: Option<DateTime<Utc>>,
    pub progress: i16,
    pub status: &'a str,
    pub claim_review: Option<&'a str>,
    pub validated_update_at: Option<DateTime<Utc>>,
    pub validated_progress: i16,
    pub validated_status: &'a str,
}

impl MilestoneCache<'_> {
    /// The cache as facts the domain computes both figures from: the validated report, and
    /// the claim after it when that is another report.
    pub fn facts(&self) -> MilestoneFacts {
        let fact = |reported_at, progress: i16, status: &str, review| UpdateFact {
            reported_at,
            progress: Progress::try_from(progress).unwrap_or(Progress::ZERO),
            status: status.parse().unwrap_or(MilestoneStatus::NotStarted),
            review,
            reviewed_at: None,
        };
        let validated = self.validated_update_at.map(|at| {
            fact(
                at,
                self.validated_progress,
                self.validated_status,
                ReviewState::Validated,
            )
        });
        let claim_review = self
            .claim_review
            .and_then(|r| r.parse().ok())
            .unwrap_or(ReviewState::Pending);
        let claim = self
            .last_update_at
            .filter(|at| {
                claim_review != ReviewState::Validated
                    || validated.is_none()
                    || Some(*at) != self.validated_update_at
            })
            .map(|at| fact(at, self.progress, self.status, claim_review));
        MilestoneFacts {
            weight: u32::try_from(self.weight).unwrap_or(1).max(1),
            start: self.start,
            due: self.due,
            updates: validated.into_iter().chain(claim).collect(),
        }
    }
}
