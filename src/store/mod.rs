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

use crate::domain::{MilestoneFacts, MilestoneStatus, Progress, ReviewState, UpdateFact};

/// The cached figures of a milestone (its latest counting report) as facts the domain
/// can compute with; the cache is kept in the same transaction as every report.
pub(crate) fn cached_facts(
    weight: i32,
    start: Option<chrono::NaiveDate>,
    due: Option<chrono::NaiveDate>,
    last_update_at: Option<chrono::DateTime<chrono::Utc>>,
    progress: i16,
    status: &str,
) -> MilestoneFacts {
    let updates = last_update_at
        .map(|reported_at| UpdateFact {
            reported_at,
            progress: Progress::try_from(progress).unwrap_or(Progress::ZERO),
            status: status.parse().unwrap_or(MilestoneStatus::NotStarted),
            review: ReviewState::Validated,
        })
        .into_iter()
        .collect();
    MilestoneFacts {
        weight: u32::try_from(weight).unwrap_or(1).max(1),
        start,
        due,
        updates,
    }
}
