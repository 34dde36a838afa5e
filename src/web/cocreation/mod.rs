//! Co-creation, run by the forum: plans and their phases, drafting commitments, proposals and their responses, working sessions, the forum's members and meetings, the plan spreadsheet.

pub mod drafting;
pub mod forum;
pub mod plan_cycle;
pub mod plan_spreadsheet;
pub mod proposal_triage;
pub mod proposals;
pub mod work_sessions;

use crate::web::http::routes::Routes;

/// Every route of this area.
pub fn router() -> Routes {
    Routes::new()
        .merge(plan_cycle::router())
        .merge(drafting::router())
        .merge(proposals::router())
        .merge(proposal_triage::router())
        .merge(work_sessions::router())
        .merge(forum::router())
        .merge(plan_spreadsheet::router())
}
