//! The three voices on a milestone as every page shows them: the responsible institution's
//! latest report, the civil-society counterpart's, and where they disagree.

use crate::domain::voices::Disagreement;
use crate::domain::{Completion, Fulfilment, MilestoneStatus, ReviewState};
use crate::i18n::Tr;
use crate::i18n::format::moment;
use crate::store::implementation::counterpart::CounterpartReport;
use crate::store::monitoring::round_assessments::RoundAssessment;
use crate::store::monitoring::voices::MilestoneVoices;

/// The institution's latest report (not returned), in words.
pub struct InstitutionVoice {
    pub date: String,
    pub status: String,
    pub progress: i16,
    pub review: String,
    /// Its answer on the counterpart's part, with the reason; empty when not asked.
    pub says: String,
    pub says_note: String,
}

/// The counterpart's latest report, in words.
pub struct CounterpartVoice {
    pub date: String,
    pub institution: String,
    pub author: String,
    pub completion: String,
    pub says: String,
    pub says_note: String,
    pub change: String,
    pub endorses: bool,
}

/// One milestone's voices.
pub struct VoicesView {
    pub milestone: String,
    pub commitment: String,
    pub href: String,
    pub institution: Option<InstitutionVoice>,
    pub counterpart: Option<CounterpartVoice>,
    /// "El estado no coincide", "El cumplimiento no coincide": empty when they agree.
    pub disagreement: Vec<String>,
    /// The forum's latest round assessment of the commitment, when the page shows it.
    pub forum: Option<RoundAssessmentView>,
}

fn label<T: std::str::FromStr>(
    tr: &Tr,
    value: Option<&str>,
    key: fn(&T) -> &'static str,
) -> String {
    value
        .and_then(|v| v.parse::<T>().ok())
        .map(|v| tr.t(key(&v)))
        .unwrap_or_default()
}

/// What disagrees between the two latest reports of a milestone.
pub fn disagreement(v: &MilestoneVoices) -> Disagreement {
    let institution = v
        .institution_status
        .as_deref()
        .and_then(|s| s.parse::<MilestoneStatus>().ok())
        .map(|s| {
            let says = v.institution_says.as_deref().and_then(|f| f.parse().ok());
            (s, says)
        });
    let counterpart = match (
        v.counterpart_completion
            .as_deref()
            .map(str::parse::<Completion>),
        v.counterpart_says.as_deref().map(str::parse::<Fulfilment>),
    ) {
        (Some(Ok(level)), Some(Ok(says))) => Some((level, says)),
        _ => None,
    };
    Disagreement::between(institution, counterpart)
}

impl VoicesView {
    pub fn new(tr: &Tr, v: &MilestoneVoices) -> Self {
        let found = disagreement(v);
        let mut marks = Vec::new();
        if found.state {
            marks.push(tr.t("voices-disagree-state"));
        }
        if found.fulfilment {
            marks.push(tr.t("voices-disagree-fulfilment"));
        }
        let institution = v.institution_at.map(|at| InstitutionVoice {
            date: moment(tr, at),
            status: label(
                tr,
                v.institution_status.as_deref(),
                MilestoneStatus::label_key,
            ),
            progress: v.institution_progress.unwrap_or(0),
            review: label(tr, v.institution_review.as_deref(), ReviewState::label_key),
            says: label(tr, v.institution_says.as_deref(), Fulfilment::label_key),
            says_note: v.institution_says_note.clone().unwrap_or_default(),
        });
        let counterpart = v.counterpart_at.map(|at| CounterpartVoice {
            date: moment(tr, at),
            institution: v.counterpart_name.clone().unwrap_or_default(),
            author: v.counterpart_author.clone().unwrap_or_default(),
            completion: label(
                tr,
                v.counterpart_completion.as_deref(),
                Completion::label_key,
            ),
            says: label(tr, v.counterpart_says.as_deref(), Fulfilment::label_key),
            says_note: v.counterpart_says_note.clone().unwrap_or_default(),
            change: v.counterpart_change.clone().unwrap_or_default(),
            endorses: v.counterpart_endorses.unwrap_or(false),
        });
        Self {
            milestone: format!(
                "{} {}: {}",
                tr.t("milestone"),
                v.position,
                v.milestone_title
            ),
            commitment: format!("{}. {}", v.commitment_code, v.commitment_title),
            href: format!(
                "/plans/{}/commitments/{}#milestone-{}",
                v.plan_slug, v.commitment_code, v.position
            ),
            institution,
            counterpart,
            disagreement: marks,
            forum: None,
        }
    }

    pub fn disagrees(&self) -> bool {
        !self.disagreement.is_empty()
    }
}

/// The forum's assessment of a commitment in a round, in words.
#[derive(Clone)]
pub struct RoundAssessmentView {
    pub round: String,
    pub date: String,
    pub author: String,
    pub completion: String,
    pub communication: String,
    pub communication_note: String,
    pub narrative: String,
}

impl RoundAssessmentView {
    pub fn new(tr: &Tr, a: &RoundAssessment) -> Self {
        Self {
            round: a.round_label.clone(),
            date: moment(tr, a.assessed_at),
            author: a.author_name.clone(),
            completion: label(tr, Some(&a.completion), Completion::label_key),
            communication: label(tr, Some(&a.communication), Fulfilment::label_key),
            communication_note: a.communication_note.clone(),
            narrative: a.narrative.clone(),
        }
    }
}

/// One of a counterpart's reports in a milestone's history.
pub struct CounterpartReportView {
    pub date: String,
    pub institution: String,
    pub author: String,
    pub completion: String,
    pub says: String,
    pub says_note: String,
    pub change: String,
    pub endorses: bool,
    /// (url, label) of each link offered as evidence.
    pub links: Vec<(String, String)>,
}

impl CounterpartReportView {
    pub fn new(tr: &Tr, r: &CounterpartReport) -> Self {
        Self {
            date: moment(tr, r.reported_at),
            institution: r.institution.clone(),
            author: r.author_name.clone(),
            completion: tr.t(r.completion.label_key()),
            says: tr.t(r.institution_fulfilled.label_key()),
            says_note: r.fulfilment_note.clone(),
            change: r.perceived_change.clone(),
            endorses: r.endorses,
            links: r
                .links
                .iter()
                .map(|l| {
                    let label = if l.source.is_empty() {
                        l.url.clone()
                    } else {
                        l.source.clone()
                    };
                    (l.url.clone(), label)
                })
                .collect(),
        }
    }
}
