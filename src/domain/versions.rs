//! Versions of a commitment: what each one holds (a snapshot of its public fields, actors and
//! milestones, stored as one jsonb per version), the readable difference between two of
//! them, and the rules of a change once the commitment is approved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::CommitmentState;

/// A commitment as one version recorded it (the shape of `commitment_snapshot()`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    pub code: String,
    pub ogp_id: Option<String>,
    pub title: String,
    pub title_en: Option<String>,
    pub problem: String,
    pub causes: String,
    pub status_quo: String,
    pub objective: String,
    pub description: String,
    pub advances_transparency: String,
    pub advances_accountability: String,
    pub advances_participation: String,
    pub ogp_values: Vec<String>,
    pub policy_areas: Vec<String>,
    pub sdgs: Vec<i16>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub state: String,
    pub contact: String,
    pub actors: Vec<ActorSnapshot>,
    pub milestones: Vec<MilestoneSnapshot>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorSnapshot {
    pub institution_id: Uuid,
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MilestoneSnapshot {
    pub id: Uuid,
    pub position: i32,
    pub title: String,
    pub expected_output: String,
    pub weight: i32,
    pub responsible_institution_id: Option<Uuid>,
    pub responsible: Option<String>,
    pub baseline_start: Option<NaiveDate>,
    pub baseline_due: Option<NaiveDate>,
    pub current_start: Option<NaiveDate>,
    pub current_due: Option<NaiveDate>,
    pub is_illustrative: bool,
}

impl Snapshot {
    /// The snapshot a version stored; an unreadable one reads as empty.
    pub fn from_json(value: serde_json::Value) -> Self {
        serde_json::from_value(value).unwrap_or_default()
    }

    /// The commitment's lead institution, as this version named it.
    pub fn lead(&self) -> Option<&str> {
        self.actors
            .iter()
            .find(|a| a.role == "lead")
            .map(|a| a.name.as_str())
    }
}

/// What changed: a field of the commitment, of one of its milestones, or its actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Code,
    OgpId,
    Title,
    TitleEn,
    Problem,
    Causes,
    StatusQuo,
    Objective,
    Description,
    Transparency,
    Accountability,
    Participation,
    OgpValues,
    PolicyAreas,
    Sdgs,
    StartDate,
    EndDate,
    State,
    Contact,
    ActorAdded,
    ActorRemoved,
    MilestoneAdded,
    MilestoneRemoved,
    MilestonePosition,
    MilestoneTitle,
    MilestoneOutput,
    MilestoneWeight,
    MilestoneResponsible,
    MilestoneBaselineStart,
    MilestoneBaselineDue,
    MilestoneCurrentStart,
    MilestoneCurrentDue,
}

impl Field {
    /// The message key naming the field on the public page.
    pub fn label_key(self) -> &'static str {
        use Field::*;
        match self {
            Code => "version-field-code",
            OgpId => "version-field-ogp-id",
            Title => "version-field-title",
            TitleEn => "version-field-title-en",
            Problem => "field-problem",
            Causes => "field-causes",
            StatusQuo => "field-status-quo",
            Objective => "field-objective",
            Description => "field-description",
            Transparency => "field-transparency",
            Accountability => "field-accountability",
            Participation => "field-participation",
            OgpValues => "ogp-values",
            PolicyAreas => "policy-areas",
            Sdgs => "version-field-sdgs",
            StartDate => "version-field-start",
            EndDate => "version-field-end",
            State => "version-field-state",
            Contact => "field-contact",
            ActorAdded => "version-actor-added",
            ActorRemoved => "version-actor-removed",
            MilestoneAdded => "version-milestone-added",
            MilestoneRemoved => "version-milestone-removed",
            MilestonePosition => "version-field-position",
            MilestoneTitle => "version-field-milestone-title",
            MilestoneOutput => "version-field-output",
            MilestoneWeight => "version-field-weight",
            MilestoneResponsible => "version-field-responsible",
            MilestoneBaselineStart => "version-field-baseline-start",
            MilestoneBaselineDue => "version-field-baseline-due",
            MilestoneCurrentStart => "version-field-current-start",
            MilestoneCurrentDue => "version-field-current-due",
        }
    }
}

/// One line of a diff: the field, and its value before and after (empty: none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The milestone's position (in the later version, or the earlier one if removed).
    pub milestone: Option<i32>,
    pub field: Field,
    pub before: String,
    pub after: String,
}

fn text<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn list<T: ToString>(v: &[T]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn actor_label(a: &ActorSnapshot) -> String {
    format!("{} ({})", a.name, a.role)
}

/// What changed from `old` to `new`, commitment fields first, then actors, then milestones
/// in order (matched by their identity, so a renamed milestone is the same milestone).
pub fn diff(old: &Snapshot, new: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    let mut field = |milestone: Option<i32>, field: Field, before: String, after: String| {
        if before != after {
            out.push(Change {
                milestone,
                field,
                before,
                after,
            });
        }
    };
    let texts = [
        (Field::Code, &old.code, &new.code),
        (Field::Title, &old.title, &new.title),
        (Field::Problem, &old.problem, &new.problem),
        (Field::Causes, &old.causes, &new.causes),
        (Field::StatusQuo, &old.status_quo, &new.status_quo),
        (Field::Objective, &old.objective, &new.objective),
        (Field::Description, &old.description, &new.description),
        (
            Field::Transparency,
            &old.advances_transparency,
            &new.advances_transparency,
        ),
        (
            Field::Accountability,
            &old.advances_accountability,
            &new.advances_accountability,
        ),
        (
            Field::Participation,
            &old.advances_participation,
            &new.advances_participation,
        ),
        (Field::State, &old.state, &new.state),
        (Field::Contact, &old.contact, &new.contact),
    ];
    for (f, before, after) in texts {
        field(None, f, before.clone(), after.clone());
    }
    field(None, Field::OgpId, text(&old.ogp_id), text(&new.ogp_id));
    field(
        None,
        Field::TitleEn,
        text(&old.title_en),
        text(&new.title_en),
    );
    field(
        None,
        Field::OgpValues,
        list(&old.ogp_values),
        list(&new.ogp_values),
    );
    field(
        None,
        Field::PolicyAreas,
        list(&old.policy_areas),
        list(&new.policy_areas),
    );
    field(None, Field::Sdgs, list(&old.sdgs), list(&new.sdgs));
    field(
        None,
        Field::StartDate,
        text(&old.start_date),
        text(&new.start_date),
    );
    field(
        None,
        Field::EndDate,
        text(&old.end_date),
        text(&new.end_date),
    );

    let same_actor = |a: &ActorSnapshot, b: &ActorSnapshot| {
        a.institution_id == b.institution_id && a.role == b.role
    };
    for a in old
        .actors
        .iter()
        .filter(|a| !new.actors.iter().any(|b| same_actor(a, b)))
    {
        field(None, Field::ActorRemoved, actor_label(a), String::new());
    }
    for a in new
        .actors
        .iter()
        .filter(|a| !old.actors.iter().any(|b| same_actor(a, b)))
    {
        field(None, Field::ActorAdded, String::new(), actor_label(a));
    }

    for m in old
        .milestones
        .iter()
        .filter(|m| !new.milestones.iter().any(|n| n.id == m.id))
    {
        field(
            Some(m.position),
            Field::MilestoneRemoved,
            m.title.clone(),
            String::new(),
        );
    }
    for m in &new.milestones {
        let Some(o) = old.milestones.iter().find(|o| o.id == m.id) else {
            field(
                Some(m.position),
                Field::MilestoneAdded,
                String::new(),
                m.title.clone(),
            );
            continue;
        };
        let at = Some(m.position);
        field(
            at,
            Field::MilestonePosition,
            o.position.to_string(),
            m.position.to_string(),
        );
        field(at, Field::MilestoneTitle, o.title.clone(), m.title.clone());
        field(
            at,
            Field::MilestoneOutput,
            o.expected_output.clone(),
            m.expected_output.clone(),
        );
        field(
            at,
            Field::MilestoneWeight,
            o.weight.to_string(),
            m.weight.to_string(),
        );
        field(
            at,
            Field::MilestoneResponsible,
            text(&o.responsible),
            text(&m.responsible),
        );
        let dates = [
            (
                Field::MilestoneBaselineStart,
                o.baseline_start,
                m.baseline_start,
            ),
            (Field::MilestoneBaselineDue, o.baseline_due, m.baseline_due),
            (
                Field::MilestoneCurrentStart,
                o.current_start,
                m.current_start,
            ),
            (Field::MilestoneCurrentDue, o.current_due, m.current_due),
        ];
        for (f, before, after) in dates {
            field(at, f, text(&before), text(&after));
        }
    }
    out
}

/// Whether the milestones of `new` are not those of `old`: one added or removed.
pub fn milestones_added_or_removed(old: &[i32], new: usize) -> bool {
    old.len() != new
}

/// Longest reason kept with a version.
pub const MAX_REASON_CHARS: usize = 2000;

/// The reason given for a change, checked against the commitment's state: once approved, a
/// change says why. The error is the message key of the refusal.
pub fn change_reason(state: CommitmentState, reason: &str) -> Result<String, &'static str> {
    let reason = reason.trim();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err("version-reason-too-long");
    }
    if reason.is_empty() && state == CommitmentState::Approved {
        return Err("version-reason-required");
    }
    Ok(reason.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn milestone(id: u128, position: i32, title: &str, weight: i32) -> MilestoneSnapshot {
        MilestoneSnapshot {
            id: Uuid::from_u128(id),
            position,
            title: title.into(),
            weight,
            ..Default::default()
        }
    }

    fn commitment() -> Snapshot {
        Snapshot {
            code: "3".into(),
            title: "Datos abiertos".into(),
            state: "approved".into(),
            actors: vec![ActorSnapshot {
                institution_id: Uuid::from_u128(9),
                name: "Ministerio".into(),
                role: "lead".into(),
            }],
            milestones: vec![milestone(1, 1, "Portal", 2), milestone(2, 2, "Ley", 1)],
            ..Default::default()
        }
    }

    #[test]
    fn the_same_snapshot_has_no_changes() {
        assert!(diff(&commitment(), &commitment()).is_empty());
    }

    #[test]
    fn a_commitment_field_shows_before_and_after() {
        let mut new = commitment();
        new.title = "Datos abiertos para todos".into();
        assert_eq!(
            diff(&commitment(), &new),
            vec![Change {
                milestone: None,
                field: Field::Title,
                before: "Datos abiertos".into(),
                after: "Datos abiertos para todos".into(),
            }]
        );
    }

    #[test]
    fn a_milestones_weight_and_title_change_on_that_milestone() {
        let mut new = commitment();
        new.milestones[0].title = "Portal nacional".into();
        new.milestones[0].weight = 5;
        let changes = diff(&commitment(), &new);
        let fields: Vec<_> = changes.iter().map(|c| (c.milestone, c.field)).collect();
        assert_eq!(
            fields,
            vec![
                (Some(1), Field::MilestoneTitle),
                (Some(1), Field::MilestoneWeight)
            ]
        );
        assert_eq!(
            (changes[1].before.as_str(), changes[1].after.as_str()),
            ("2", "5")
        );
    }

    #[test]
    fn milestones_added_and_removed_are_matched_by_identity() {
        let mut new = commitment();
        new.milestones.remove(1);
        new.milestones.push(milestone(3, 2, "Reglamento", 1));
        let changes = diff(&commitment(), &new);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].field, Field::MilestoneRemoved);
        assert_eq!(changes[0].before, "Ley");
        assert_eq!(changes[1].field, Field::MilestoneAdded);
        assert_eq!(changes[1].after, "Reglamento");
    }

    #[test]
    fn dates_and_responsible_of_a_milestone_are_compared() {
        let mut new = commitment();
        let d = NaiveDate::from_ymd_opt(2025, 6, 30);
        new.milestones[1].current_due = d;
        new.milestones[1].responsible = Some("Secretaría".into());
        let changes = diff(&commitment(), &new);
        assert_eq!(changes[0].field, Field::MilestoneResponsible);
        assert_eq!(changes[0].after, "Secretaría");
        assert_eq!(changes[1].field, Field::MilestoneCurrentDue);
        assert_eq!(
            (changes[1].before.as_str(), changes[1].after.as_str()),
            ("", "2025-06-30")
        );
    }

    #[test]
    fn actors_added_and_removed() {
        let mut new = commitment();
        new.actors[0].role = "supporting".into();
        let changes = diff(&commitment(), &new);
        assert_eq!(changes[0].field, Field::ActorRemoved);
        assert_eq!(changes[0].before, "Ministerio (lead)");
        assert_eq!(changes[1].field, Field::ActorAdded);
        assert_eq!(changes[1].after, "Ministerio (supporting)");
    }

    #[test]
    fn an_approved_commitment_needs_a_reason_to_change() {
        assert_eq!(
            change_reason(CommitmentState::Approved, "  "),
            Err("version-reason-required")
        );
        assert_eq!(
            change_reason(CommitmentState::Approved, " Pedido del ministerio "),
            Ok("Pedido del ministerio".into())
        );
        assert_eq!(change_reason(CommitmentState::Draft, ""), Ok(String::new()));
    }

    #[test]
    fn a_snapshot_reads_back_from_its_json() {
        let json = serde_json::to_value(commitment()).unwrap();
        assert_eq!(Snapshot::from_json(json), commitment());
        assert_eq!(
            Snapshot::from_json(serde_json::json!(null)),
            Snapshot::default()
        );
    }
}
