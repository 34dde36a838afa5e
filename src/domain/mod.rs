//! Plain types and rules of the domain: vocabularies, derived figures, the access policy,
//! the password policy, directory input and the audit chain. No I/O here, so every rule can
//! be unit-tested and reused by pages, the API and reports alike.

pub mod assessment;
pub mod audit;
pub mod cells;
pub mod counterpart_report;
pub mod directory;
pub mod drafting;
pub mod evidence;
pub mod figures;
pub mod forum;
pub mod indicators;
pub mod invitation;
pub mod monitoring_report;
pub mod opendata;
pub mod participation;
pub mod password;
pub mod phases;
pub mod plan_list;
pub mod policy;
pub mod progress_report;
pub mod proposal;
pub mod rounds;
pub mod seed;
pub mod series;
pub mod slug;
pub mod versions;
pub mod vocab;
pub mod voices;
pub mod work_session;

pub use figures::{
    AT_RISK_TOLERANCE, Basis, CommitmentFacts, CommitmentFigures, HealthCounts, MilestoneFacts,
    MilestoneFigures, Progress, ProgressOutOfRange, UpdateFact, commitment_figures,
    commitment_figures_on, expected_progress, latest_counting_update, latest_on, milestone_figures,
    milestone_figures_on, plan_is_measured, plan_progress,
};
pub use password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, NewPassword, PasswordProblem};
pub use policy::{Action, Actor, Decision, decide};
pub use vocab::{
    ActorRole, CommitmentState, Completion, EarlyResults, EvidenceType, Fulfilment, GovernmentKind,
    HeadlineFigure, Health, IrmAbsence, MilestoneStatus, OgpValue, PlanPhase, PotentialImpact,
    ProposalState, ReviewState, Role, Sector, UnknownValue, all_label_keys,
};
