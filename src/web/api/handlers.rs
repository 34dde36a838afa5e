//! The API's handlers, one per path; each path is written once, in its `#[utoipa::path]`.

use axum::extract::{Path, State};

use super::context::{
    ApiContext, ApiResult, country, paging, plan_number, since, slug, uuid, vocab,
};
use super::params::{
    AssessmentParams, CommitmentParams, CounterpartReportParams, MilestoneParams, PlanParams,
    ProposalParams, UpdateParams,
};
use super::schema::{
    ApiErrorBody, Assessment, Commitment, CounterpartReport, Indicator, List, Milestone, Plan,
    Proposal, RoundAssessment, Update,
};
use crate::domain::{CommitmentState, MilestoneStatus, PlanPhase, ProposalState, ReviewState};
use crate::store;
use crate::store::api::Filter;
use crate::web::AppState;

/// Published action plans.
#[utoipa::path(get, path = "/api/v1/plans", tag = "plans", params(PlanParams), responses(
    (status = 200, description = "A page of plans", body = List<Plan>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
pub(super) async fn list_plans(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: PlanParams = cx.params()?;
    let filter = Filter {
        state: vocab(&cx, p.phase, "phase", PlanPhase::as_str)?,
        since: since(&cx, p.updated_since, "updated_since")?,
        government: slug(&cx, p.government, "government")?,
        country: country(&cx, p.country, "country")?,
        ogp_plan_number: plan_number(&cx, p.ogp_plan_number, "ogp_plan_number")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::plans(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page.map(Plan::from), &filter))
}

/// One published plan.
#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "plans",
    params(("id" = Uuid, Path, description = "Plan id")), responses(
    (status = 200, description = "The plan", body = Plan),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Malformed id", body = ApiErrorBody),
    (status = 404, description = "No such published plan", body = ApiErrorBody)))]
pub(super) async fn get_plan(
    State(state): State<AppState>,
    cx: ApiContext,
    Path(id): Path<String>,
) -> ApiResult {
    let filter = cx.by_id(&id)?;
    cx.item(
        store::api::plans(&state.db, &filter)
            .await
            .map_err(|e| cx.failed(e))?
            .map(Plan::from),
    )
}

/// Commitments of published plans, with their actors.
#[utoipa::path(get, path = "/api/v1/commitments", tag = "commitments", params(CommitmentParams),
    responses(
    (status = 200, description = "A page of commitments", body = List<Commitment>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
pub(super) async fn list_commitments(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: CommitmentParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        institution: slug(&cx, p.institution, "institution")?,
        state: vocab(&cx, p.state, "state", CommitmentState::as_str)?,
        since: since(&cx, p.updated_since, "updated_since")?,
        government: slug(&cx, p.government, "government")?,
        country: country(&cx, p.country, "country")?,
        ogp_plan_number: plan_number(&cx, p.ogp_plan_number, "ogp_plan_number")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::commitments(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page.map(Commitment::from), &filter))
}

/// One commitment.
#[utoipa::path(get, path = "/api/v1/commitments/{id}", tag = "commitments",
    params(("id" = Uuid, Path, description = "Commitment id")), responses(
    (status = 200, description = "The commitment", body = Commitment),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Malformed id", body = ApiErrorBody),
    (status = 404, description = "No such published commitment", body = ApiErrorBody)))]
pub(super) async fn get_commitment(
    State(state): State<AppState>,
    cx: ApiContext,
    Path(id): Path<String>,
) -> ApiResult {
    let filter = cx.by_id(&id)?;
    cx.item(
        store::api::commitments(&state.db, &filter)
            .await
            .map_err(|e| cx.failed(e))?
            .map(Commitment::from),
    )
}

/// Milestones with baseline and current dates and current figures.
#[utoipa::path(get, path = "/api/v1/milestones", tag = "milestones", params(MilestoneParams),
    responses(
    (status = 200, description = "A page of milestones", body = List<Milestone>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
pub(super) async fn list_milestones(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: MilestoneParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        commitment: uuid(&cx, p.commitment, "commitment")?,
        institution: slug(&cx, p.institution, "institution")?,
        state: vocab(&cx, p.status, "status", MilestoneStatus::as_str)?,
        since: since(&cx, p.updated_since, "updated_since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::milestones(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page.map(Milestone::from), &filter))
}

/// One milestone.
#[utoipa::path(get, path = "/api/v1/milestones/{id}", tag = "milestones",
    params(("id" = Uuid, Path, description = "Milestone id")), responses(
    (status = 200, description = "The milestone", body = Milestone),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Malformed id", body = ApiErrorBody),
    (status = 404, description = "No such published milestone", body = ApiErrorBody)))]
pub(super) async fn get_milestone(
    State(state): State<AppState>,
    cx: ApiContext,
    Path(id): Path<String>,
) -> ApiResult {
    let filter = cx.by_id(&id)?;
    cx.item(
        store::api::milestones(&state.db, &filter)
            .await
            .map_err(|e| cx.failed(e))?
            .map(Milestone::from),
    )
}

/// Progress reports, newest first, with their review state and evidence.
#[utoipa::path(get, path = "/api/v1/updates", tag = "updates", params(UpdateParams), responses(
    (status = 200, description = "A page of progress reports", body = List<Update>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
pub(super) async fn list_updates(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: UpdateParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        milestone: uuid(&cx, p.milestone, "milestone")?,
        institution: slug(&cx, p.institution, "institution")?,
        state: vocab(&cx, p.status, "status", MilestoneStatus::as_str)?,
        review_state: vocab(&cx, p.review_state, "review_state", ReviewState::as_str)?,
        since: since(&cx, p.since, "since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::updates(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page.map(Update::from), &filter))
}

/// One progress report.
#[utoipa::path(get, path = "/api/v1/updates/{id}", tag = "updates",
    params(("id" = Uuid, Path, description = "Progress report id")), responses(
    (status = 200, description = "The progress report", body = Update),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Malformed id", body = ApiErrorBody),
    (status = 404, description = "No such published report", body = ApiErrorBody)))]
pub(super) async fn get_update(
    State(state): State<AppState>,
    cx: ApiContext,
    Path(id): Path<String>,
) -> ApiResult {
    let filter = cx.by_id(&id)?;
    cx.item(
        store::api::updates(&state.db, &filter)
            .await
            .map_err(|e| cx.failed(e))?
            .map(Update::from),
    )
}

/// Monitoring assessments (forum and IRM).
#[utoipa::path(get, path = "/api/v1/assessments", tag = "assessments", params(AssessmentParams),
    responses(
    (status = 200, description = "A page of assessments", body = List<Assessment>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
pub(super) async fn list_assessments(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: AssessmentParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        commitment: uuid(&cx, p.commitment, "commitment")?,
        since: since(&cx, p.since, "since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::assessments(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page.map(Assessment::from), &filter))
}

/// The civil-society counterparts' reports on milestones, newest first, with their evidence.
#[utoipa::path(get, path = "/api/v1/counterpart-reports", tag = "counterpart reports",
    params(CounterpartReportParams), responses(
    (status = 200, description = "A page of counterpart reports", body = List<CounterpartReport>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
pub(super) async fn list_counterpart_reports(
    State(state): State<AppState>,
    cx: ApiContext,
) -> ApiResult {
    let p: CounterpartReportParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        commitment: uuid(&cx, p.commitment, "commitment")?,
        milestone: uuid(&cx, p.milestone, "milestone")?,
        institution: slug(&cx, p.institution, "institution")?,
        since: since(&cx, p.since, "since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::counterpart_reports(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page.map(CounterpartReport::from), &filter))
}

/// The forum's round assessments of commitments, newest round first.
#[utoipa::path(get, path = "/api/v1/round-assessments", tag = "round assessments",
    params(AssessmentParams), responses(
    (status = 200, description = "A page of round assessments", body = List<RoundAssessment>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
pub(super) async fn list_round_assessments(
    State(state): State<AppState>,
    cx: ApiContext,
) -> ApiResult {
    let p: AssessmentParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        commitment: uuid(&cx, p.commitment, "commitment")?,
        since: since(&cx, p.since, "since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::round_assessments(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page.map(RoundAssessment::from), &filter))
}

/// Co-creation proposals with the forum's reasoned responses, newest first.
#[utoipa::path(get, path = "/api/v1/proposals", tag = "proposals", params(ProposalParams),
    responses(
    (status = 200, description = "A page of proposals", body = List<Proposal>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
pub(super) async fn list_proposals(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: ProposalParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        institution: slug(&cx, p.institution, "institution")?,
        state: vocab(&cx, p.state, "state", ProposalState::as_str)?,
        since: since(&cx, p.updated_since, "updated_since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::proposals(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page.map(Proposal::from), &filter))
}

/// One proposal.
#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "proposals",
    params(("id" = Uuid, Path, description = "Proposal id")), responses(
    (status = 200, description = "The proposal", body = Proposal),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Malformed id", body = ApiErrorBody),
    (status = 404, description = "No such published proposal", body = ApiErrorBody)))]
pub(super) async fn get_proposal(
    State(state): State<AppState>,
    cx: ApiContext,
    Path(id): Path<String>,
) -> ApiResult {
    let filter = cx.by_id(&id)?;
    cx.item(
        store::api::proposals(&state.db, &filter)
            .await
            .map_err(|e| cx.failed(e))?
            .map(Proposal::from),
    )
}

/// Outcome indicators with baseline, target and every measurement (IATI-like).
#[utoipa::path(get, path = "/api/v1/indicators", tag = "indicators",
    params(AssessmentParams), responses(
    (status = 200, description = "A page of indicators", body = List<Indicator>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
pub(super) async fn list_indicators(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: AssessmentParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        commitment: uuid(&cx, p.commitment, "commitment")?,
        since: since(&cx, p.since, "since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::indicators(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page.map(Indicator::from), &filter))
}
