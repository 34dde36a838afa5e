//! The query parameters of each list, as the OpenAPI document describes them.

use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanParams {
    /// Government slug, e.g. ecuador.
    pub(super) government: Option<String>,
    /// Country code of the plan's government (ISO 3166-1 alpha-2), e.g. EC.
    pub(super) country: Option<String>,
    /// OGP's number of the plan within its government, 1–100.
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100)]
    pub(super) ogp_plan_number: Option<String>,
    /// Phase: co_creation, implementation or closed.
    pub(super) phase: Option<String>,
    /// Only plans changed at or after this date (YYYY-MM-DD) or time (RFC 3339).
    #[param(value_type = Option<String>)]
    pub(super) updated_since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub(super) limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    pub(super) offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommitmentParams {
    /// Plan slug, e.g. ecuador-2019-2022.
    pub(super) plan: Option<String>,
    /// Government slug, e.g. ecuador.
    pub(super) government: Option<String>,
    /// Country code of the plan's government (ISO 3166-1 alpha-2), e.g. EC.
    pub(super) country: Option<String>,
    /// OGP's number of the plan within its government, 1–100.
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100)]
    pub(super) ogp_plan_number: Option<String>,
    /// Slug of an institution among the commitment's actors.
    pub(super) institution: Option<String>,
    /// State: draft, consultation, approved or withdrawn.
    pub(super) state: Option<String>,
    /// Only commitments changed at or after this date or time.
    pub(super) updated_since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub(super) limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    pub(super) offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MilestoneParams {
    /// Plan slug.
    pub(super) plan: Option<String>,
    /// Commitment id.
    #[param(value_type = Option<Uuid>)]
    pub(super) commitment: Option<String>,
    /// Slug of the responsible institution.
    pub(super) institution: Option<String>,
    /// Status: not_started, in_progress, completed, delayed or cancelled.
    pub(super) status: Option<String>,
    /// Only milestones changed at or after this date or time.
    pub(super) updated_since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub(super) limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    pub(super) offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UpdateParams {
    /// Plan slug.
    pub(super) plan: Option<String>,
    /// Milestone id.
    #[param(value_type = Option<Uuid>)]
    pub(super) milestone: Option<String>,
    /// Slug of the milestone's responsible institution.
    pub(super) institution: Option<String>,
    /// Reported status: not_started, in_progress, completed, delayed or cancelled.
    pub(super) status: Option<String>,
    /// Review state: pending, validated, returned or contested.
    pub(super) review_state: Option<String>,
    /// Only reports made or reviewed at or after this date or time.
    pub(super) since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub(super) limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    pub(super) offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssessmentParams {
    /// Plan slug.
    pub(super) plan: Option<String>,
    /// Commitment id.
    #[param(value_type = Option<Uuid>)]
    pub(super) commitment: Option<String>,
    /// Only assessments recorded at or after this date or time.
    pub(super) since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub(super) limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    pub(super) offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalParams {
    /// Plan slug.
    pub(super) plan: Option<String>,
    /// Slug of the institution the proposal is addressed to.
    pub(super) institution: Option<String>,
    /// State: submitted, under_review, accepted, merged or not_accepted.
    pub(super) state: Option<String>,
    /// Only proposals changed at or after this date or time.
    pub(super) updated_since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub(super) limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    pub(super) offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CounterpartReportParams {
    /// Plan slug.
    pub(super) plan: Option<String>,
    /// Commitment id.
    #[param(value_type = Option<Uuid>)]
    pub(super) commitment: Option<String>,
    /// Milestone id.
    #[param(value_type = Option<Uuid>)]
    pub(super) milestone: Option<String>,
    /// Slug of the counterpart's (civil-society) institution.
    pub(super) institution: Option<String>,
    /// Only reports made at or after this date or time.
    pub(super) since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub(super) limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    pub(super) offset: Option<String>,
}
