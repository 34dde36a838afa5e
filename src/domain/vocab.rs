//! Closed vocabularies shared by the database, the forms, the API and the UI.
//!
//! Each vocabulary is an enum so that an unknown value can only enter the program at a
//! parse boundary (`FromStr`), never deep inside a rule. Each value has three spellings:
//! the snake_case database / API value (`as_str`, also the serde form), and the
//! translation key the UI looks up in the message catalogues (`label_key`).

use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A string that is not a value of the vocabulary it was parsed as.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown vocabulary value {0:?}")]
pub struct UnknownValue(pub String);

/// Declares a vocabulary: the enum, `ALL`, `as_str`, `label_key` and `FromStr`.
///
/// Database values and translation keys are written out in full rather than derived, so
/// that a search for either finds its declaration.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $db:literal, $key:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &[Self] = &[ $( Self::$variant, )+ ];

            /// The value as stored in the database and sent in the API.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $( Self::$variant => $db, )+
                }
            }

            /// The message-catalogue key of the value's label.
            pub fn label_key(&self) -> &'static str {
                match self {
                    $( Self::$variant => $key, )+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $db => Ok(Self::$variant), )+
                    other => Err(UnknownValue(other.to_owned())),
                }
            }
        }
    };
}

vocabulary! {
    /// Where an action plan is in the OGP cycle.
    PlanPhase {
        Draft = "draft", "plan-phase-draft";
        CoCreation = "co_creation", "plan-phase-co-creation";
        Implementation = "implementation", "plan-phase-implementation";
        Closed = "closed", "plan-phase-closed";
    }
}

vocabulary! {
    /// Where a commitment is in drafting; only approved commitments are implemented.
    CommitmentState {
        Draft = "draft", "commitment-state-draft";
        Consultation = "consultation", "commitment-state-consultation";
        Approved = "approved", "commitment-state-approved";
        /// Dropped from the plan: excluded from plan progress, kept for the record.
        Withdrawn = "withdrawn", "commitment-state-withdrawn";
    }
}

vocabulary! {
    /// The status an official reports with each progress update.
    MilestoneStatus {
        NotStarted = "not_started", "milestone-status-not-started";
        InProgress = "in_progress", "milestone-status-in-progress";
        Completed = "completed", "milestone-status-completed";
        Delayed = "delayed", "milestone-status-delayed";
        /// The milestone no longer counts towards its commitment's progress.
        Cancelled = "cancelled", "milestone-status-cancelled";
    }
}

vocabulary! {
    /// The forum's review of a progress update.
    ReviewState {
        Pending = "pending", "review-state-pending";
        Validated = "validated", "review-state-validated";
        /// Sent back to the official: the update stops counting.
        Returned = "returned", "review-state-returned";
        /// Disputed publicly by the forum: still counts, shown as contested.
        Contested = "contested", "review-state-contested";
    }
}

vocabulary! {
    /// How a milestone or commitment is doing, derived and never typed in.
    Health {
        Completed = "completed", "health-completed";
        OnTrack = "on_track", "health-on-track";
        /// More than 15 points behind the progress expected by elapsed time.
        AtRisk = "at_risk", "health-at-risk";
        /// Past its due date and not complete.
        Overdue = "overdue", "health-overdue";
        NotStarted = "not_started", "health-not-started";
        /// No milestones to measure (a plan's history imported from OGP): its status is the
        /// IRM's assessment, not a percentage.
        Unmeasured = "unmeasured", "health-unmeasured";
        Cancelled = "cancelled", "health-cancelled";
    }
}

impl Health {
    /// The CSS class that colours the health badge; the stylesheet defines one per value.
    pub fn css_class(&self) -> &'static str {
        match self {
            Self::Completed => "health-completed",
            Self::OnTrack => "health-on-track",
            Self::AtRisk => "health-at-risk",
            Self::Overdue => "health-overdue",
            Self::NotStarted => "health-not-started",
            Self::Unmeasured => "health-unmeasured",
            Self::Cancelled => "health-cancelled",
        }
    }
}

vocabulary! {
    /// The OGP values a commitment advances.
    OgpValue {
        AccessToInformation = "access_to_information", "ogp-value-access-to-information";
        CivicParticipation = "civic_participation", "ogp-value-civic-participation";
        PublicAccountability = "public_accountability", "ogp-value-public-accountability";
        /// Counts as relevant only alongside another value (OGP guidance).
        TechnologyInnovation = "technology_innovation", "ogp-value-technology-innovation";
    }
}

vocabulary! {
    /// The sector of an institution or forum member.
    Sector {
        Government = "government", "sector-government";
        CivilSociety = "civil_society", "sector-civil-society";
        Academia = "academia", "sector-academia";
        PrivateSector = "private_sector", "sector-private-sector";
        Multilateral = "multilateral", "sector-multilateral";
    }
}

vocabulary! {
    /// Whether an OGP member is a country or a subnational (local) government.
    GovernmentKind {
        National = "national", "government-kind-national";
        Local = "local", "government-kind-local";
    }
}

vocabulary! {
    /// An institution's part in a commitment: government and civil society share it.
    ActorRole {
        Lead = "lead", "actor-role-lead";
        CivilSocietyCoLead = "civil_society_co_lead", "actor-role-civil-society-co-lead";
        Supporting = "supporting", "actor-role-supporting";
    }
}

vocabulary! {
    /// A user account's role; what each may do lives in the policy module.
    Role {
        Participant = "participant", "role-participant";
        Official = "official", "role-official";
        /// A person of a commitment's civil-society co-lead institution: reports its own view.
        Counterpart = "counterpart", "role-counterpart";
        Nucleo = "nucleo", "role-nucleo";
        Admin = "admin", "role-admin";
    }
}

impl Role {
    /// Officials and counterparts report for one institution, so their accounts name it.
    pub fn needs_institution(self) -> bool {
        matches!(self, Role::Official | Role::Counterpart)
    }
}

vocabulary! {
    /// Whether the other party of a commitment fulfilled its responsibilities (asked of the
    /// institution about its counterpart and of the counterpart about the institution), and
    /// whether the forum's communication strategy was carried out.
    Fulfilment {
        Yes = "yes", "fulfilment-yes";
        Partly = "partly", "fulfilment-partly";
        No = "no", "fulfilment-no";
    }
}

vocabulary! {
    /// The kind of a piece of evidence (*medio de verificación*).
    EvidenceType {
        Document = "document", "evidence-type-document";
        Dataset = "dataset", "evidence-type-dataset";
        LegalAct = "legal_act", "evidence-type-legal-act";
        Photo = "photo", "evidence-type-photo";
        Minutes = "minutes", "evidence-type-minutes";
        WebPage = "web_page", "evidence-type-web-page";
    }
}

vocabulary! {
    /// Where a co-creation proposal stands; leaving `submitted`/`under_review` needs a
    /// reasoned response.
    ProposalState {
        Submitted = "submitted", "proposal-state-submitted";
        UnderReview = "under_review", "proposal-state-under-review";
        Accepted = "accepted", "proposal-state-accepted";
        Merged = "merged", "proposal-state-merged";
        NotAccepted = "not_accepted", "proposal-state-not-accepted";
    }
}

vocabulary! {
    /// IRM potential impact (none…transformative) or, from 2020, potential for results
    /// (unclear, modest, substantial).
    PotentialImpact {
        #[serde(rename = "none")]
        NoImpact = "none", "impact-none";
        Minor = "minor", "impact-minor";
        Moderate = "moderate", "impact-moderate";
        Transformative = "transformative", "impact-transformative";
        Unclear = "unclear", "impact-unclear";
        Modest = "modest", "impact-modest";
        Substantial = "substantial", "impact-substantial";
    }
}

vocabulary! {
    /// IRM completion of a commitment.
    Completion {
        NoEvidence = "no_evidence", "completion-no-evidence";
        NotStarted = "not_started", "completion-not-started";
        Limited = "limited", "completion-limited";
        Substantial = "substantial", "completion-substantial";
        Complete = "complete", "completion-complete";
        Withdrawn = "withdrawn", "completion-withdrawn";
    }
}

vocabulary! {
    /// IRM early results: did it open government?
    EarlyResults {
        Worsened = "worsened", "early-results-worsened";
        DidNotChange = "did_not_change", "early-results-did-not-change";
        Marginal = "marginal", "early-results-marginal";
        Major = "major", "early-results-major";
        Outstanding = "outstanding", "early-results-outstanding";
        /// The IRM's "No early results to report yet": not the same as "did not change",
        /// though OGP's export gives both the code 1.
        NoEarlyResults = "no_early_results", "early-results-no-early-results";
    }
}

vocabulary! {
    /// Why an IRM rating is empty, when the IRM's data says: the commitment was not
    /// reviewed on it (NR), or the report had no data (ND).
    IrmAbsence {
        NotReviewed = "not_reviewed", "irm-absence-not-reviewed";
        NoData = "no_data", "irm-absence-no-data";
    }
}

vocabulary! {
    /// Which figure leads a plan's headline, as the forum chose: both side by side, the
    /// validated one or the reported one (`domain::figures` says which decides health).
    HeadlineFigure {
        Both = "both", "headline-figure-both";
        Validated = "validated", "headline-figure-validated";
        Reported = "reported", "headline-figure-reported";
    }
}

/// Until the forum chooses, a plan shows both figures side by side.
impl Default for HeadlineFigure {
    fn default() -> Self {
        Self::Both
    }
}

/// Every translation key of every vocabulary, so the i18n test can check the catalogues.
pub fn all_label_keys() -> Vec<&'static str> {
    fn keys<T>(all: &[T], key: fn(&T) -> &'static str) -> impl Iterator<Item = &'static str> + '_ {
        all.iter().map(key)
    }
    keys(PlanPhase::ALL, PlanPhase::label_key)
        .chain(keys(CommitmentState::ALL, CommitmentState::label_key))
        .chain(keys(MilestoneStatus::ALL, MilestoneStatus::label_key))
        .chain(keys(ReviewState::ALL, ReviewState::label_key))
        .chain(keys(Health::ALL, Health::label_key))
        .chain(keys(OgpValue::ALL, OgpValue::label_key))
        .chain(keys(Sector::ALL, Sector::label_key))
        .chain(keys(GovernmentKind::ALL, GovernmentKind::label_key))
        .chain(keys(ActorRole::ALL, ActorRole::label_key))
        .chain(keys(Role::ALL, Role::label_key))
        .chain(keys(Fulfilment::ALL, Fulfilment::label_key))
        .chain(keys(EvidenceType::ALL, EvidenceType::label_key))
        .chain(keys(ProposalState::ALL, ProposalState::label_key))
        .chain(keys(PotentialImpact::ALL, PotentialImpact::label_key))
        .chain(keys(Completion::ALL, Completion::label_key))
        .chain(keys(EarlyResults::ALL, EarlyResults::label_key))
        .chain(keys(IrmAbsence::ALL, IrmAbsence::label_key))
        .chain(keys(HeadlineFigure::ALL, HeadlineFigure::label_key))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::fmt::Debug;

    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::*;

    /// The contract every vocabulary keeps, checked for each variant in `ALL`.
    trait Vocabulary:
        Copy + Debug + Eq + FromStr<Err = UnknownValue> + Serialize + DeserializeOwned + 'static
    {
        const ALL: &'static [Self];
        const KEY_PREFIX: &'static str;
        fn db(&self) -> &'static str;
        fn key(&self) -> &'static str;
    }

    macro_rules! vocabulary_contract {
        ($($name:ident => $prefix:literal),+ $(,)?) => {
            $(impl Vocabulary for $name {
                const ALL: &'static [Self] = $name::ALL;
                const KEY_PREFIX: &'static str = $prefix;
                fn db(&self) -> &'static str { self.as_str() }
                fn key(&self) -> &'static str { self.label_key() }
            })+
        };
    }

    vocabulary_contract! {
        PlanPhase => "plan-phase-",
        CommitmentState => "commitment-state-",
        MilestoneStatus => "milestone-status-",
        ReviewState => "review-state-",
        Health => "health-",
        OgpValue => "ogp-value-",
        Sector => "sector-",
        GovernmentKind => "government-kind-",
        ActorRole => "actor-role-",
        Role => "role-",
        Fulfilment => "fulfilment-",
        EvidenceType => "evidence-type-",
        ProposalState => "proposal-state-",
        PotentialImpact => "impact-",
        Completion => "completion-",
        EarlyResults => "early-results-",
        IrmAbsence => "irm-absence-",
        HeadlineFigure => "headline-figure-",
    }

    fn assert_round_trips<T: Vocabulary>() {
        for value in T::ALL {
            assert_eq!(value.db().parse::<T>(), Ok(*value), "{value:?}");
        }
    }

    fn assert_serde_matches_database_value<T: Vocabulary>() {
        for value in T::ALL {
            let json = serde_json::to_string(value).expect("serialises");
            assert_eq!(json, format!("\"{}\"", value.db()), "{value:?}");
            assert_eq!(
                serde_json::from_str::<T>(&json).expect("deserialises"),
                *value
            );
        }
    }

    /// The key is the kebab-case vocabulary name, then the database value in kebab case.
    fn assert_label_keys_follow_convention<T: Vocabulary>() {
        for value in T::ALL {
            let expected = format!("{}{}", T::KEY_PREFIX, value.db().replace('_', "-"));
            assert_eq!(value.key(), expected, "{value:?}");
        }
    }

    fn assert_values_are_distinct<T: Vocabulary>() {
        let values: HashSet<_> = T::ALL.iter().map(Vocabulary::db).collect();
        assert_eq!(values.len(), T::ALL.len());
    }

    macro_rules! for_every_vocabulary {
        ($check:ident) => {
            $check::<PlanPhase>();
            $check::<CommitmentState>();
            $check::<MilestoneStatus>();
            $check::<ReviewState>();
            $check::<Health>();
            $check::<OgpValue>();
            $check::<Sector>();
            $check::<GovernmentKind>();
            $check::<ActorRole>();
            $check::<Role>();
            $check::<Fulfilment>();
            $check::<EvidenceType>();
            $check::<ProposalState>();
            $check::<PotentialImpact>();
            $check::<Completion>();
            $check::<EarlyResults>();
            $check::<IrmAbsence>();
            $check::<HeadlineFigure>();
        };
    }

    #[test]
    fn every_value_round_trips_through_its_database_string() {
        for_every_vocabulary!(assert_round_trips);
    }

    #[test]
    fn serde_uses_the_database_string() {
        for_every_vocabulary!(assert_serde_matches_database_value);
    }

    #[test]
    fn label_keys_are_vocabulary_name_then_value_in_kebab_case() {
        for_every_vocabulary!(assert_label_keys_follow_convention);
    }

    #[test]
    fn database_values_are_distinct_within_a_vocabulary() {
        for_every_vocabulary!(assert_values_are_distinct);
    }

    #[test]
    fn unknown_string_is_rejected_with_the_string() {
        assert_eq!(
            "co-creation".parse::<PlanPhase>(),
            Err(UnknownValue("co-creation".to_owned()))
        );
        assert!("".parse::<Role>().is_err());
        assert!("Admin".parse::<Role>().is_err());
    }

    #[test]
    fn examples_from_the_design_have_the_expected_keys() {
        assert_eq!(PlanPhase::CoCreation.as_str(), "co_creation");
        assert_eq!(PlanPhase::CoCreation.label_key(), "plan-phase-co-creation");
        assert_eq!(
            OgpValue::AccessToInformation.as_str(),
            "access_to_information"
        );
        assert_eq!(
            ActorRole::CivilSocietyCoLead.label_key(),
            "actor-role-civil-society-co-lead"
        );
        assert_eq!(
            ProposalState::NotAccepted.label_key(),
            "proposal-state-not-accepted"
        );
    }

    #[test]
    fn health_css_class_matches_its_label_key() {
        for health in Health::ALL {
            assert_eq!(health.css_class(), health.label_key());
        }
        assert_eq!(Health::AtRisk.css_class(), "health-at-risk");
    }

    #[test]
    fn all_label_keys_lists_every_value_of_every_vocabulary_once() {
        let keys = all_label_keys();
        let distinct: HashSet<_> = keys.iter().collect();
        let expected = PlanPhase::ALL.len()
            + CommitmentState::ALL.len()
            + MilestoneStatus::ALL.len()
            + ReviewState::ALL.len()
            + Health::ALL.len()
            + OgpValue::ALL.len()
            + Sector::ALL.len()
            + GovernmentKind::ALL.len()
            + ActorRole::ALL.len()
            + Role::ALL.len()
            + Fulfilment::ALL.len()
            + EvidenceType::ALL.len()
            + ProposalState::ALL.len()
            + PotentialImpact::ALL.len()
            + Completion::ALL.len()
            + EarlyResults::ALL.len()
            + IrmAbsence::ALL.len()
            + HeadlineFigure::ALL.len();
        assert_eq!(keys.len(), expected);
        assert_eq!(distinct.len(), expected);
        assert!(keys.contains(&"role-nucleo"));
        assert!(keys.contains(&"evidence-type-legal-act"));
    }
}
