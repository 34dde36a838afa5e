//! Commitment drafting by the forum: the OGP template with actors and milestones, the move
//! to public consultation, approval (which freezes the baseline) or withdrawal.

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::drafting::{
    BLANK_MILESTONE_ROWS, CommitmentDraft, FormPairs, MAX_MILESTONES, check_state_change,
    drafting_open, milestones_frozen, parse_revision,
};
use crate::domain::phases::{
    CommitmentReadiness, Confirmation, MilestoneReadiness, milestone_gaps, must_confirm,
    state_needs_confirmation,
};
use crate::domain::versions::change_reason;
use crate::domain::{CommitmentState, OgpValue};
use crate::i18n::Tr;
use crate::store;
use crate::store::admin::directory::InstitutionRow;
use crate::store::cocreation::drafting::{Change, EditCommitment, Milestones};
use crate::store::cocreation::plan_cycle::CyclePlan;
use crate::web::AppState;
use crate::web::cocreation::plan_cycle::{gap_lines, plan_for};
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::forms::{
    ConstraintField, FieldErrors, constraint_field, form_version, unprocessable,
};
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::confirm::{Subject, confirm_page};
use crate::web::ui::views::{Choice, render};

pub fn router() -> Routes {
    Routes::new()
        .get("/co-creation/plans/{plan}/commitments/new", new_form)
        .post("/co-creation/plans/{plan}/commitments", create)
        .get(
            "/co-creation/plans/{plan}/commitments/{code}/edit",
            edit_form,
        )
        .post("/co-creation/plans/{plan}/commitments/{code}", update)
        .post(
            "/co-creation/plans/{plan}/commitments/{code}/state",
            change_state,
        )
}

/// The template's text fields: (name, label key, long text).
const TEXT_FIELDS: [(&str, &str, bool); 13] = [
    ("code", "commitment-code", false),
    ("ogp_id", "commitment-ogp-id", false),
    ("title", "commitment-title-field", false),
    ("title_en", "commitment-title-en", false),
    ("problem", "field-problem", true),
    ("causes", "field-causes", true),
    ("status_quo", "field-status-quo", true),
    ("objective", "field-objective", true),
    ("description", "field-description", true),
    ("advances_transparency", "field-transparency", true),
    ("advances_accountability", "field-accountability", true),
    ("advances_participation", "field-participation", true),
    ("contact", "field-contact", false),
];

pub struct TextField {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub error: String,
    pub long: bool,
}

pub struct MilestoneRow {
    pub n: usize,
    pub title: String,
    pub output: String,
    pub weight: String,
    pub start: String,
    pub due: String,
    pub responsible: Vec<Choice>,
    pub errors: [String; 4],
    /// An approved milestone: its baseline dates are shown read-only.
    pub frozen: bool,
}

/// What the form is about: a new commitment, or an existing one at a version.
pub struct Editing {
    pub code: String,
    pub version: i32,
    pub state: String,
    /// The state changes offered (value, label).
    pub moves: Vec<Choice>,
    pub frozen: bool,
    /// How many milestones are stored (after approval their dates stay).
    pub milestones: usize,
}

#[derive(Template)]
#[template(path = "cocreation/commitment_form.html")]
pub struct CommitmentForm {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan_slug: String,
    pub plan_title: String,
    pub editing: Option<Editing>,
    pub texts: Vec<TextField>,
    pub values: Vec<Choice>,
    pub sdgs: Vec<Choice>,
    pub policy_areas: String,
    pub start_date: String,
    pub end_date: String,
    pub lead: Vec<Choice>,
    pub co_lead: Vec<Choice>,
    pub supporting: Vec<Choice>,
    pub milestones: Vec<MilestoneRow>,
    /// Approved: baseline dates are shown read-only.
    pub frozen: bool,
    /// The plan is past co-creation: the form is shown, disabled, and says why.
    pub drafting_open: bool,
    pub errors: FieldErrors,
    /// Why approval was refused: what the commitment still lacks.
    pub gaps: Vec<String>,
    /// The reason for the change, as typed (required once approved).
    pub reason: String,
    pub reason_required: bool,
}

fn institution_choices(institutions: &[InstitutionRow], chosen: &[&str]) -> Vec<Choice> {
    institutions
        .iter()
        .map(|i| Choice {
            value: i.id.to_string(),
            label: match &i.acronym {
                Some(a) => format!("{} ({a})", i.name),
                None => i.name.clone(),
            },
            selected: chosen.contains(&i.id.to_string().as_str()),
        })
        .collect()
}

struct FormState<'a> {
    plan: &'a CyclePlan,
    editing: Option<Editing>,
    pairs: Vec<(String, String)>,
    rows: usize,
    errors: FieldErrors,
    gaps: Vec<String>,
}

impl<'a> FormState<'a> {
    /// The form as it was sent, carrying `rows` milestone rows.
    fn typed(plan: &'a CyclePlan, editing: Option<Editing>, pairs: Vec<(String, String)>) -> Self {
        let rows = rows_of(&pairs);
        Self {
            plan,
            editing,
            pairs,
            rows,
            errors: FieldErrors::default(),
            gaps: Vec::new(),
        }
    }

    /// The form of a stored commitment.
    fn stored(tr: &Tr, plan: &'a CyclePlan, c: &EditCommitment) -> Self {
        Self {
            plan,
            editing: Some(editing(tr, plan, c)),
            pairs: c.draft.to_pairs(),
            rows: rows_for(c),
            errors: FieldErrors::default(),
            gaps: Vec::new(),
        }
    }

    fn form(&self) -> FormPairs<'_> {
        FormPairs(&self.pairs)
    }
}

/// The form page, from name/value pairs (what is stored, or what was typed).
fn form_page(
    tr: Tr,
    viewer: Viewer,
    institutions: &[InstitutionRow],
    s: FormState,
) -> CommitmentForm {
    let form = FormPairs(&s.pairs);
    let texts = TEXT_FIELDS
        .iter()
        .map(|(name, key, long)| TextField {
            name,
            label: tr.t(key),
            value: form.one(name).to_owned(),
            error: s.errors.get(name).to_owned(),
            long: *long,
        })
        .collect();
    let values = OgpValue::ALL
        .iter()
        .map(|v| Choice {
            value: v.as_str().into(),
            label: tr.t(v.label_key()),
            selected: form.all("ogp_values").contains(&v.as_str()),
        })
        .collect();
    let sdgs = (1..=17)
        .map(|n: u8| Choice {
            value: n.to_string(),
            label: tr.t1("sdg-number", "number", n),
            selected: form.all("sdgs").contains(&n.to_string().as_str()),
        })
        .collect();
    let stored_rows = s
        .editing
        .as_ref()
        .filter(|e| e.frozen)
        .map_or(0, |e| e.milestones);
    let milestones = (1..=s.rows)
        .map(|n| {
            let get = |f: &str| form.one(&format!("m-{f}-{n}")).to_owned();
            let error = |f: &str| s.errors.get(&format!("m-{f}-{n}")).to_owned();
            MilestoneRow {
                n,
                responsible: institution_choices(institutions, &[get("responsible").as_str()]),
                title: get("title"),
                output: get("output"),
                weight: get("weight"),
                start: get("start"),
                due: get("due"),
                errors: [
                    error("title"),
                    error("weight"),
                    error("start"),
                    error("due"),
                ],
                frozen: n <= stored_rows,
            }
        })
        .collect();
    CommitmentForm {
        trail: form_trail(&tr, s.plan, s.editing.as_ref().map(|e| e.code.as_str())),
        frozen: s.editing.as_ref().is_some_and(|e| e.frozen),
        drafting_open: drafting_open(s.plan.phase()),
        plan_slug: s.plan.slug.clone(),
        plan_title: s.plan.title.clone(),
        path: String::new(),
        reason_required: s.editing.as_ref().is_some_and(|e| e.frozen),
        editing: s.editing,
        texts,
        values,
        sdgs,
        policy_areas: form.one("policy_areas").to_owned(),
        start_date: form.one("start_date").to_owned(),
        end_date: form.one("end_date").to_owned(),
        lead: institution_choices(institutions, &[form.one("lead")]),
        co_lead: institution_choices(institutions, &[form.one("co_lead")]),
        supporting: institution_choices(institutions, &form.all("supporting")),
        milestones,
        reason: form.one("reason").to_owned(),
        errors: s.errors,
        gaps: s.gaps,
        tr,
        viewer,
    }
}

fn editing(tr: &Tr, plan: &CyclePlan, c: &EditCommitment) -> Editing {
    let from = c.state();
    Editing {
        code: c.draft.code.clone(),
        version: c.version,
        state: tr.t(from.label_key()),
        moves: CommitmentState::ALL
            .iter()
            .filter(|to| check_state_change(from, **to, plan.phase()).is_ok())
            .map(|to| Choice {
                value: to.as_str().into(),
                label: tr.t(&format!("commitment-move-{}", to.as_str())),
                selected: false,
            })
            .collect(),
        frozen: milestones_frozen(from),
        milestones: c.draft.milestones.len(),
    }
}

/// How many milestone rows the form offers: the stored ones, plus blanks (one once
/// approved: the forum may add a milestone, giving its reason).
fn rows_for(c: &EditCommitment) -> usize {
    let blanks = if milestones_frozen(c.state()) {
        1
    } else {
        BLANK_MILESTONE_ROWS
    };
    c.draft.milestones.len() + blanks
}

/// The plan and the commitment of the path, for a forum member.
async fn commitment_for(
    state: &AppState,
    user: &CurrentUser,
    (slug, code): (&str, &str),
) -> AppResult<(CyclePlan, EditCommitment)> {
    let plan = plan_for(state, user, slug).await?;
    let c = store::cocreation::drafting::for_edit(&state.db, plan.id, code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((plan, c))
}

/// `GET /co-creation/plans/{plan}/commitments/new`
async fn new_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = plan_for(&state, &user, &slug).await?;
    if !drafting_open(plan.phase()) {
        return Err(AppError::Conflict("drafting-closed"));
    }
    let institutions = institutions_of(&state, plan.government_id).await?;
    let s = FormState {
        plan: &plan,
        editing: None,
        pairs: Vec::new(),
        rows: BLANK_MILESTONE_ROWS + 1,
        errors: FieldErrors::default(),
        gaps: Vec::new(),
    };
    render(&form_page(tr, viewer, &institutions, s))
}

/// The number of milestone rows the submitted form carried.
fn rows_of(pairs: &[(String, String)]) -> usize {
    FormPairs(pairs)
        .one("rows")
        .parse::<usize>()
        .unwrap_or(0)
        .min(MAX_MILESTONES + BLANK_MILESTONE_ROWS)
}

/// The constraints of a commitment's writes that belong to a field of the form.
const COMMITMENT_FIELDS: &[ConstraintField] = &[
    ("commitments_plan_code_key", "code", "draft-code-taken"),
    ("commitments_plan_slug_key", "code", "draft-code-taken"),
    (
        "commitment_actors_institution_id_fkey",
        "lead",
        "draft-choice-invalid",
    ),
    (
        "commitment_actors_commitment_institution_role_key",
        "supporting",
        "draft-actor-twice",
    ),
    (
        "milestones_responsible_institution_id_fkey",
        "milestones",
        "draft-choice-invalid",
    ),
    // A milestone removed after approval that already has a history stays.
    (
        "progress_updates_milestone_id_fkey",
        "milestones",
        "version-milestone-has-history",
    ),
    (
        "milestone_replans_milestone_id_fkey",
        "milestones",
        "version-milestone-has-history",
    ),
    (
        "comments_milestone_id_fkey",
        "milestones",
        "version-milestone-has-history",
    ),
    (
        "counterpart_reports_milestone_id_fkey",
        "milestones",
        "version-milestone-has-history",
    ),
];

/// The form again, with what was wrong (422).
async fn refused(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    mut s: FormState<'_>,
    problems: impl IntoIterator<Item = (impl Into<String>, &'static str)>,
) -> AppResult<Response> {
    s.errors = FieldErrors::of(&tr, problems);
    let institutions = institutions_of(state, s.plan.government_id).await?;
    unprocessable(render(&form_page(tr, viewer, &institutions, s)))
}

/// Where the form of a saved commitment is.
fn to_edit_form(slug: &str, code: &str) -> Response {
    Redirect::to(&format!(
        "/co-creation/plans/{slug}/commitments/{code}/edit"
    ))
    .into_response()
}

/// `POST /co-creation/plans/{plan}/commitments`: a new draft.
async fn create(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let plan = plan_for(&state, &user, &slug).await?;
    if !drafting_open(plan.phase()) {
        return Err(AppError::Conflict("drafting-closed"));
    }
    let typed = FormState::typed(&plan, None, pairs);
    let draft = match CommitmentDraft::parse(&typed.form(), typed.rows) {
        Ok(d) => d,
        Err(problems) => return refused(&state, tr, viewer, typed, problems).await,
    };
    let mut tx = state.db.begin().await?;
    let id = match save_new(&mut tx, (&plan, &user), &draft).await? {
        Ok(id) => id,
        Err(problem) => {
            drop(tx);
            return refused(&state, tr, viewer, typed, [problem]).await;
        }
    };
    let after = serde_json::to_value(&draft).ok();
    let entry = user.audit_entry("commitment.create", "commitment", id, None, after);
    store::audit::commit(tx, entry).await?;
    Ok(to_edit_form(&slug, &draft.code))
}

/// `GET /co-creation/plans/{plan}/commitments/{code}/edit`
async fn edit_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((slug, code)): Path<(String, String)>,
) -> AppResult<Response> {
    let (plan, c) = commitment_for(&state, &user, (&slug, &code)).await?;
    let institutions = institutions_of(&state, plan.government_id).await?;
    let s = FormState::stored(&tr, &plan, &c);
    render(&form_page(tr, viewer, &institutions, s))
}

/// `POST /co-creation/plans/{plan}/commitments/{code}`: saves the form over the version it
/// was read at, as the commitment's next version. After approval a change says why, and the
/// milestones keep their baseline dates; adding or removing one is the forum's decision
/// (only the forum edits here), recorded with its reason.
async fn update(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((slug, code)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (plan, current) = commitment_for(&state, &user, (&slug, &code)).await?;
    check_editable(
        &plan,
        &current,
        form_version(FormPairs(&pairs).one("version"))?,
    )?;
    let reason = change_reason(current.state(), FormPairs(&pairs).one("reason"));
    let frozen = current.frozen_baseline();
    let typed = FormState::typed(&plan, Some(editing(&tr, &plan, &current)), pairs);
    let forum_change = reason.as_ref().is_ok_and(|r| !r.is_empty());
    let parsed = parse_revision(&typed.form(), typed.rows, frozen.as_deref(), forum_change);
    let (draft, reason) = match (parsed, reason) {
        (Ok(d), Ok(r)) => (d, r),
        (parsed, reason) => {
            let mut problems = parsed.err().unwrap_or_default();
            if let Err(key) = reason {
                problems.insert(0, ("reason".into(), key));
            }
            return refused(&state, tr, viewer, typed, problems).await;
        }
    };
    let mut tx = state.db.begin().await?;
    let change = Change {
        author: author(&user),
        reason: &reason,
    };
    if let Err(problem) = save_revision(&mut tx, (&plan, &current), &draft, change).await? {
        drop(tx);
        return refused(&state, tr, viewer, typed, [problem]).await;
    }
    let before = serde_json::to_value(&current.draft).ok();
    let after = serde_json::to_value(&draft).ok();
    let entry = user.audit_entry("commitment.update", "commitment", current.id, before, after);
    store::audit::commit(tx, entry).await?;
    Ok(to_edit_form(&slug, &draft.code))
}

/// A stored commitment is edited from the version its form showed, while drafting is open.
fn check_editable(plan: &CyclePlan, current: &EditCommitment, version: i32) -> AppResult<()> {
    if version != current.version {
        return Err(AppError::Conflict("commitment-version-stale"));
    }
    if !drafting_open(plan.phase()) {
        return Err(AppError::Conflict("drafting-closed"));
    }
    Ok(())
}

/// Saves the draft over the version it was read at (approved: the milestones stay); a
/// write refused by a constraint of the form comes back as that field's problem.
async fn save_revision(
    tx: &mut sqlx::PgConnection,
    (plan, current): (&CyclePlan, &EditCommitment),
    draft: &CommitmentDraft,
    change: Change<'_>,
) -> AppResult<Result<(), (&'static str, &'static str)>> {
    if let Err(problem) = own_institutions(tx, plan, draft).await? {
        return Ok(Err(problem));
    }
    let milestones = match (milestones_frozen(current.state()), change.reason.is_empty()) {
        (false, _) => Milestones::Free,
        (true, true) => Milestones::Frozen,
        (true, false) => Milestones::ForumChange,
    };
    let at = (current.id, current.version);
    match store::cocreation::drafting::update(tx, at, draft, milestones, change).await {
        Ok(true) => Ok(Ok(())),
        Ok(false) => Err(AppError::Conflict("commitment-version-stale")),
        Err(e) => Ok(Err(constraint_field(e, COMMITMENT_FIELDS)?)),
    }
}

/// Saves a new commitment in the plan; a write refused by a constraint of the form comes
/// back as that field's problem.
async fn save_new(
    tx: &mut sqlx::PgConnection,
    (plan, user): (&CyclePlan, &CurrentUser),
    draft: &CommitmentDraft,
) -> AppResult<Result<Uuid, (&'static str, &'static str)>> {
    if let Err(problem) = own_institutions(tx, plan, draft).await? {
        return Ok(Err(problem));
    }
    match store::cocreation::drafting::create(tx, plan.id, draft, author(user)).await {
        Ok(id) => Ok(Ok(id)),
        Err(e) => Ok(Err(constraint_field(e, COMMITMENT_FIELDS)?)),
    }
}

/// A commitment names only institutions of its plan's government (the pickers offer no
/// other; a form that names one anyway is refused like an unknown choice).
async fn own_institutions(
    tx: &mut sqlx::PgConnection,
    plan: &CyclePlan,
    draft: &CommitmentDraft,
) -> AppResult<Result<(), (&'static str, &'static str)>> {
    let actors: Vec<Uuid> = draft
        .lead
        .into_iter()
        .chain(draft.co_lead)
        .chain(draft.supporting.iter().copied())
        .collect();
    let responsible: Vec<Uuid> = draft
        .milestones
        .iter()
        .filter_map(|m| m.responsible)
        .collect();
    let all: Vec<Uuid> = actors.iter().chain(&responsible).copied().collect();
    let outside =
        store::admin::directory::institutions_outside(tx, plan.government_id, &all).await?;
    Ok(match outside.first() {
        None => Ok(()),
        Some(id) if actors.contains(id) => Err(("lead", "draft-choice-invalid")),
        Some(_) => Err(("milestones", "draft-choice-invalid")),
    })
}

#[derive(Deserialize)]
struct StateForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    state: String,
    /// `yes` once the confirmation page was shown (approving).
    #[serde(default)]
    confirm: String,
}

/// What the commitment still lacks before approval (its milestones' gaps).
fn approval_gaps(plan: &CyclePlan, c: &EditCommitment) -> Vec<crate::domain::phases::Gap> {
    let readiness = CommitmentReadiness {
        code: c.draft.code.clone(),
        state: c.state(),
        milestones: c
            .draft
            .milestones
            .iter()
            .map(|m| MilestoneReadiness {
                position: m.position,
                has_responsible: m.responsible.is_some(),
                start: m.baseline_start,
                due: m.baseline_due,
            })
            .collect(),
    };
    milestone_gaps(&readiness, (plan.period_start, plan.period_end))
}

/// `POST /co-creation/plans/{plan}/commitments/{code}/state`: to consultation, back to
/// drafting, approved (milestones complete; the baseline freezes) or withdrawn.
async fn change_state(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((slug, code)): Path<(String, String)>,
    Form(form): Form<StateForm>,
) -> AppResult<Response> {
    let (plan, c) = commitment_for(&state, &user, (&slug, &code)).await?;
    let version = form_version(&form.version)?;
    let to: CommitmentState = form
        .state
        .parse()
        .map_err(|_| AppError::BadRequest("commitment-state-unknown"))?;
    if version != c.version {
        return Err(AppError::Conflict("commitment-version-stale"));
    }
    check_state_change(c.state(), to, plan.phase()).map_err(AppError::Conflict)?;
    if to == CommitmentState::Approved {
        let gaps = approval_gaps(&plan, &c);
        if !gaps.is_empty() {
            let mut s = FormState::stored(&tr, &plan, &c);
            s.gaps = gap_lines(&tr, &gaps);
            return refused(&state, tr, viewer, s, [("state", "approval-refused-gaps")]).await;
        }
    }
    let step = state_needs_confirmation(c.state(), to);
    if let Some(step) = must_confirm(step, Confirmation::parse(&form.confirm)) {
        let subject = Subject {
            name: &c.draft.code,
            date: "",
            from: form_trail(&tr, &plan, Some(&c.draft.code)),
        };
        let back = format!("/co-creation/plans/{slug}/commitments/{code}/edit");
        let action = format!("/co-creation/plans/{slug}/commitments/{code}/state");
        let hidden = vec![("version", form.version), ("state", form.state)];
        return confirm_page(tr, viewer, step, subject, (&action, &back), hidden);
    }
    let mut tx = state.db.begin().await?;
    let change = Change {
        author: author(&user),
        reason: "",
    };
    if !store::cocreation::drafting::set_state(&mut tx, (c.id, version), to, change).await? {
        return Err(AppError::Conflict("commitment-version-stale"));
    }
    let before = serde_json::json!({ "state": c.state, "version": c.version });
    let after = serde_json::json!({ "state": to.as_str(), "version": c.version + 1 });
    let entry = user.audit_entry(
        "commitment.state",
        "commitment",
        c.id,
        Some(before),
        Some(after),
    );
    store::audit::commit(tx, entry).await?;
    Ok(to_edit_form(&slug, &code))
}

/// The forum member a version is recorded under.
fn author(user: &CurrentUser) -> store::versions::Author<'_> {
    store::versions::Author {
        id: Some(user.id),
        name: &user.display_name,
    }
}

/// Home › Co-creación › the plan › the commitment's form (new, or the edit of one).
fn form_trail(tr: &Tr, plan: &CyclePlan, editing: Option<&str>) -> Trail {
    Trail::cocreation(tr, &plan.title, &plan.slug).here(match editing {
        Some(code) => format!("{} {code}", tr.t("commitment-edit")),
        None => tr.t("commitment-new"),
    })
}

/// The institutions a plan's commitment may name: its government's.
async fn institutions_of(
    state: &AppState,
    government: uuid::Uuid,
) -> AppResult<Vec<InstitutionRow>> {
    Ok(store::admin::directory::institutions_of(&state.db, government).await?)
}
