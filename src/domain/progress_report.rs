//! What an official reports on a milestone, parsed from the form, and how urgent each
//! milestone is on the implementation dashboard.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::evidence::Refused;
use super::figures::{AT_RISK_TOLERANCE, MilestoneFigures, Progress, expected_progress};
use super::vocab::{EvidenceType, Fulfilment, Health, MilestoneStatus, ReviewState, Sector};

pub const MAX_NARRATIVE_CHARS: usize = 5_000;
pub const MAX_LINKS: usize = 5;
/// The justification of a counterpart that fulfilled its part only partly, or not at all.
pub const MAX_FULFILMENT_NOTE_CHARS: usize = 2_000;
/// Challenges and next steps.
pub const MAX_PLAN_TEXT_CHARS: usize = 5_000;
pub const MAX_ACTIVITIES: i32 = 100_000;
pub const MAX_PARTICIPANTS: i32 = 10_000_000;
/// A milestone without a report for this long is stale.
pub const STALE_AFTER_DAYS: i64 = 60;
/// A milestone due within this many days is due soon.
pub const DUE_SOON_DAYS: i64 = 30;

/// A link offered as evidence ("medio de verificación").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceLink {
    pub url: String,
    pub evidence_type: EvidenceType,
    pub source: String,
    pub date: Option<NaiveDate>,
}

/// A progress report that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgressReport {
    pub progress: Progress,
    pub status: MilestoneStatus,
    pub narrative: String,
    pub links: Vec<EvidenceLink>,
    pub participation: Participation,
}

/// What the PAGA form asks beside the progress: the counterpart's part, who took part, the
/// challenges and next steps, and when the work actually started and ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Participation {
    /// `None`: not answered (a commitment without a civil-society co-lead has no counterpart).
    pub counterpart_fulfilled: Option<Fulfilment>,
    pub fulfilment_note: String,
    /// Activities involving other actors since the previous report.
    pub activities_with_others: Option<i32>,
    /// People who took part since the previous report.
    pub participants: Option<i32>,
    pub sectors: Vec<Sector>,
    pub challenges: String,
    pub next_steps: String,
    pub actual_start: Option<NaiveDate>,
    pub actual_completion: Option<NaiveDate>,
}

/// The PAGA fields as typed in the form.
#[derive(Clone, Debug, Default)]
pub struct ParticipationInput {
    pub counterpart_fulfilled: String,
    pub fulfilment_note: String,
    pub activities_with_others: String,
    pub participants: String,
    /// Every sector ticked, as sent.
    pub sectors: Vec<String>,
    pub challenges: String,
    pub next_steps: String,
    pub actual_start: String,
    pub actual_completion: String,
}

/// The milestone's current planned dates and the day of the report: what tells whether the
/// milestone would be at risk after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub today: NaiveDate,
}

impl Schedule {
    /// More than [`AT_RISK_TOLERANCE`] points behind the progress expected today; a
    /// milestone without planned dates is never behind.
    pub fn is_behind(&self, progress: Progress) -> bool {
        match (self.start, self.due) {
            (Some(start), Some(due)) => {
                let expected = expected_progress(start, due, self.today);
                expected.value().saturating_sub(progress.value()) > AT_RISK_TOLERANCE
            }
            _ => false,
        }
    }

    /// The least progress that keeps the milestone on track today (below it, the report
    /// needs its challenges); `None` when any progress does (no dates, or early days).
    pub fn least_on_track(&self) -> Option<u8> {
        let (start, due) = (self.start?, self.due?);
        let expected = expected_progress(start, due, self.today).value();
        (expected > AT_RISK_TOLERANCE).then(|| expected - AT_RISK_TOLERANCE)
    }
}

/// One row of evidence as typed in the form (all optional until checked).
#[derive(Clone, Debug, Default)]
pub struct LinkInput {
    pub url: String,
    pub evidence_type: String,
    pub source: String,
    pub date: String,
}

/// A problem with one field: the field name and the message key.
pub type FieldError = (String, &'static str);

impl ProgressReport {
    /// Checks the form input; returns every problem at once so the form can show them all.
    pub fn parse(
        progress: &str,
        status: &str,
        narrative: &str,
        links: &[LinkInput],
        participation: &ParticipationInput,
        schedule: Schedule,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = Vec::new();
        let progress = match progress
            .trim()
            .parse::<i32>()
            .ok()
            .and_then(|p| Progress::try_from(p).ok())
        {
            Some(p) => Some(p),
            None => {
                errors.push(("progress".into(), "report-progress-invalid"));
                None
            }
        };
        let status = match status.parse::<MilestoneStatus>() {
            Ok(s) => Some(s),
            Err(_) => {
                errors.push(("status".into(), "report-status-invalid"));
                None
            }
        };
        let narrative = narrative.trim().to_owned();
        if narrative.is_empty() {
            errors.push(("narrative".into(), "report-narrative-required"));
        } else if narrative.chars().count() > MAX_NARRATIVE_CHARS {
            errors.push(("narrative".into(), "report-narrative-too-long"));
        }
        if let (Some(p), Some(s)) = (progress, status) {
            if s == MilestoneStatus::Completed && !p.is_full() {
                errors.push(("progress".into(), "report-completed-needs-100"));
            }
            if p.is_full() && s != MilestoneStatus::Completed {
                errors.push(("status".into(), "report-100-needs-completed"));
            }
        }
        let mut parsed_links = Vec::new();
        for (i, link) in links.iter().enumerate().take(MAX_LINKS) {
            if link.url.trim().is_empty() {
                continue;
            }
            match parse_link(link) {
                Ok(l) => parsed_links.push(l),
                Err(key) => errors.push((format!("link-{i}"), key)),
            }
        }
        let typed = participation;
        let participation = Participation::parse(typed, schedule.today, &mut errors);
        let late_or_not_started = status
            .is_some_and(|s| matches!(s, MilestoneStatus::Delayed | MilestoneStatus::NotStarted));
        let at_risk = matches!((progress, status), (Some(p), Some(s))
            if !matches!(s, MilestoneStatus::Completed | MilestoneStatus::Cancelled)
                && schedule.is_behind(p));
        if (late_or_not_started || at_risk) && typed.challenges.trim().is_empty() {
            errors.push(("challenges".into(), "report-challenges-required"));
        }
        match (progress, status, participation, errors.is_empty()) {
            (Some(progress), Some(status), Some(participation), true) => Ok(Self {
                progress,
                status,
                narrative,
                links: parsed_links,
                participation,
            }),
            _ => Err(errors),
        }
    }
}

impl Participation {
    /// The fields as stored; a value the table's checks let through but no vocabulary knows
    /// is left out.
    pub fn from_stored(
        fulfilled: Option<&str>,
        fulfilment_note: String,
        (activities_with_others, participants): (Option<i32>, Option<i32>),
        sectors: &[String],
        (challenges, next_steps): (String, String),
        (actual_start, actual_completion): (Option<NaiveDate>, Option<NaiveDate>),
    ) -> Self {
        Self {
            counterpart_fulfilled: fulfilled.and_then(|f| f.parse().ok()),
            fulfilment_note,
            activities_with_others,
            participants,
            sectors: sectors.iter().filter_map(|s| s.parse().ok()).collect(),
            challenges,
            next_steps,
            actual_start,
            actual_completion,
        }
    }

    /// The fields that parse, or `None` with their problems added to `errors`. The rule
    /// that needs the status (challenges when late, at risk or not started) is the report's.
    fn parse(
        input: &ParticipationInput,
        today: NaiveDate,
        errors: &mut Vec<FieldError>,
    ) -> Option<Self> {
        let before = errors.len();
        let mut problem = |field: &str, key: &'static str| errors.push((field.into(), key));
        let counterpart_fulfilled = match input.counterpart_fulfilled.trim() {
            "" => None,
            value => match value.parse::<Fulfilment>() {
                Ok(f) => Some(f),
                Err(_) => {
                    problem("counterpart_fulfilled", "report-fulfilment-invalid");
                    None
                }
            },
        };
        let fulfilment_note = input.fulfilment_note.trim().to_owned();
        if fulfilment_note.chars().count() > MAX_FULFILMENT_NOTE_CHARS {
            problem("fulfilment_note", "report-fulfilment-note-too-long");
        } else if fulfilment_note.is_empty()
            && matches!(
                counterpart_fulfilled,
                Some(Fulfilment::Partly | Fulfilment::No)
            )
        {
            problem("fulfilment_note", "report-fulfilment-note-required");
        }
        let mut count = |field: &str, value: &str, max: i32, key: &'static str| match value.trim() {
            "" => None,
            typed => match typed.parse::<i32>() {
                Ok(n) if (0..=max).contains(&n) => Some(n),
                _ => {
                    problem(field, key);
                    None
                }
            },
        };
        let activities_with_others = count(
            "activities_with_others",
            &input.activities_with_others,
            MAX_ACTIVITIES,
            "report-activities-invalid",
        );
        let participants = count(
            "participants",
            &input.participants,
            MAX_PARTICIPANTS,
            "report-participants-invalid",
        );
        let mut sectors = Vec::new();
        for value in &input.sectors {
            match value.trim().parse::<Sector>() {
                Ok(s) if !sectors.contains(&s) => sectors.push(s),
                Ok(_) => {}
                Err(_) => {
                    problem("sectors", "report-sector-invalid");
                    break;
                }
            }
        }
        sectors.sort_by_key(|s| Sector::ALL.iter().position(|a| a == s));
        let challenges = input.challenges.trim().to_owned();
        if challenges.chars().count() > MAX_PLAN_TEXT_CHARS {
            problem("challenges", "report-challenges-too-long");
        }
        let next_steps = input.next_steps.trim().to_owned();
        if next_steps.chars().count() > MAX_PLAN_TEXT_CHARS {
            problem("next_steps", "report-next-steps-too-long");
        }
        let mut date = |field: &str, value: &str| match value.trim() {
            "" => None,
            typed => match NaiveDate::parse_from_str(typed, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    problem(field, "report-actual-date-invalid");
                    None
                }
            },
        };
        let actual_start = date("actual_start", &input.actual_start);
        let actual_completion = date("actual_completion", &input.actual_completion);
        if let Some(done) = actual_completion {
            if done > today {
                problem("actual_completion", "report-actual-completion-future");
            } else if actual_start.is_some_and(|start| start > done) {
                problem("actual_completion", "report-actual-completion-before-start");
            }
        }
        (errors.len() == before).then_some(Self {
            counterpart_fulfilled,
            fulfilment_note,
            activities_with_others,
            participants,
            sectors,
            challenges,
            next_steps,
            actual_start,
            actual_completion,
        })
    }
}

/// The type of an evidence item, link or file alike, from the form's value; anything else is
/// refused with the same message, never turned into another type.
pub fn evidence_type(value: &str) -> Result<EvidenceType, &'static str> {
    value
        .trim()
        .parse::<EvidenceType>()
        .map_err(|_| "report-link-type-invalid")
}

/// A file's type as the form sent it: a client that sends none gets `Document`, as the form's
/// first choice; a value that is no type is refused like a link's.
pub fn file_evidence_type(value: &str) -> Result<EvidenceType, &'static str> {
    match value.trim() {
        "" => Ok(EvidenceType::Document),
        chosen => evidence_type(chosen),
    }
}

/// What the official said about an evidence file, beside its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDetails {
    pub evidence_type: EvidenceType,
    pub source: String,
    /// A date that is no date is dropped: the file itself is what the report rests on.
    pub date: Option<NaiveDate>,
}

impl FileDetails {
    /// The file's type (see [`file_evidence_type`]), its source (trimmed, at most 300
    /// characters) and its date.
    pub fn parse(evidence_type: &str, source: &str, date: &str) -> Result<Self, &'static str> {
        Ok(Self {
            evidence_type: file_evidence_type(evidence_type)?,
            source: source.trim().chars().take(300).collect(),
            date: NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok(),
        })
    }
}

/// A chosen file is evidence when its content is of an accepted type and its details parse;
/// a refused content is the problem named first. Gives the file's media type and details.
pub fn judge_file(
    content: Result<&'static str, Refused>,
    details: Result<FileDetails, &'static str>,
) -> Result<(&'static str, FileDetails), &'static str> {
    let media_type = content.map_err(|refused| refused.key())?;
    Ok((media_type, details?))
}

/// One evidence link as typed: an http(s) address with a host, its type, source and date.
/// Shared by every report form that takes links (the counterpart's too).
pub(crate) fn parse_link(input: &LinkInput) -> Result<EvidenceLink, &'static str> {
    let url = input.url.trim();
    let lower = url.to_ascii_lowercase();
    let has_host = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .is_some_and(|rest| {
            rest.split('/')
                .next()
                .is_some_and(|host| host.contains('.') || host.starts_with("localhost"))
        });
    if !has_host || url.len() > 2_000 || url.chars().any(char::is_whitespace) {
        return Err("report-link-invalid");
    }
    let evidence_type = evidence_type(&input.evidence_type)?;
    let date = match input.date.trim() {
        "" => None,
        d => {
            Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| "report-link-date-invalid")?)
        }
    };
    Ok(EvidenceLink {
        url: url.to_owned(),
        evidence_type,
        source: input.source.trim().chars().take(300).collect(),
        date,
    })
}

/// A returned report not yet followed by a new one: what the institution must correct.
pub fn needs_correction(review: ReviewState, is_latest: bool) -> bool {
    review == ReviewState::Returned && is_latest
}

/// What the institution's dashboard says comes next for one of its reports (a message key):
/// a pending report waits for the forum; the latest report, returned or contested, asks
/// for a new one; anything else asks nothing.
pub fn next_step_key(review: ReviewState, is_latest: bool) -> &'static str {
    match review {
        ReviewState::Pending => "my-reports-next-pending",
        ReviewState::Returned if is_latest => "my-reports-next-returned",
        ReviewState::Contested if is_latest => "my-reports-next-contested",
        _ => "my-reports-next-none",
    }
}

/// How urgent a milestone is for its institution, most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Urgency {
    Overdue,
    DueSoon,
    AtRisk,
    Stale,
    Rest,
}

impl Urgency {
    pub const ALL: [Urgency; 5] = [
        Urgency::Overdue,
        Urgency::DueSoon,
        Urgency::AtRisk,
        Urgency::Stale,
        Urgency::Rest,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Urgency::Overdue => "urgency-overdue",
            Urgency::DueSoon => "urgency-due-soon",
            Urgency::AtRisk => "urgency-at-risk",
            Urgency::Stale => "urgency-stale",
            Urgency::Rest => "urgency-rest",
        }
    }
}

/// What anyone may read of the forum's note on a report: the reason of a contest and the
/// remark on a validation are public; the note on a returned report is for its institution
/// only. Every public output (pages, feeds, API, open data, monitoring reports) asks this.
pub fn public_review_note(review: ReviewState, note: Option<String>) -> Option<String> {
    match review {
        ReviewState::Returned | ReviewState::Pending => None,
        ReviewState::Validated | ReviewState::Contested => note,
    }
}

/// The same, for a review state as stored; an unknown state shows no note.
pub fn public_review_note_of(review: &str, note: Option<String>) -> Option<String> {
    review
        .parse()
        .ok()
        .and_then(|review| public_review_note(review, note))
}

/// Classifies a milestone from its figures, its due date and when it was last reported on.
pub fn urgency(
    figures: &MilestoneFigures,
    due: Option<NaiveDate>,
    last_report: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Urgency {
    let today = now.date_naive();
    let finished = matches!(figures.health, Health::Completed | Health::Cancelled);
    if finished {
        return Urgency::Rest;
    }
    if figures.health == Health::Overdue {
        return Urgency::Overdue;
    }
    if due.is_some_and(|d| d >= today && d - today <= Duration::days(DUE_SOON_DAYS)) {
        return Urgency::DueSoon;
    }
    if figures.health == Health::AtRisk {
        return Urgency::AtRisk;
    }
    if is_stale(figures, due, last_report, now) {
        return Urgency::Stale;
    }
    Urgency::Rest
}

/// A milestone that should have started, is not finished, and has had no report for
/// [`STALE_AFTER_DAYS`].
pub fn is_stale(
    figures: &MilestoneFigures,
    due: Option<NaiveDate>,
    last_report: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let finished = matches!(figures.health, Health::Completed | Health::Cancelled);
    let silent = last_report.is_none_or(|at| now - at > Duration::days(STALE_AFTER_DAYS));
    let started = due.is_none_or(|_| figures.expected.is_some_and(|e| e.value() > 0));
    !finished && silent && started
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_returned_report_needs_correcting() {
        assert!(needs_correction(ReviewState::Returned, true));
        assert!(!needs_correction(ReviewState::Returned, false));
        for other in [
            ReviewState::Pending,
            ReviewState::Validated,
            ReviewState::Contested,
        ] {
            assert!(!needs_correction(other, true), "{other:?}");
        }
    }

    #[test]
    fn the_next_step_of_a_report_depends_on_its_review_and_on_whether_it_is_the_latest() {
        use ReviewState::*;
        assert_eq!(next_step_key(Pending, false), "my-reports-next-pending");
        assert_eq!(next_step_key(Returned, true), "my-reports-next-returned");
        assert_eq!(next_step_key(Contested, true), "my-reports-next-contested");
        assert_eq!(next_step_key(Returned, false), "my-reports-next-none");
        assert_eq!(next_step_key(Contested, false), "my-reports-next-none");
        assert_eq!(next_step_key(Validated, true), "my-reports-next-none");
    }

    #[test]
    fn a_files_details_keep_a_short_source_and_drop_a_date_that_is_no_date() {
        let long = "x".repeat(400);
        let details = FileDetails::parse(" photo ", &format!("  {long} "), " 2024-05-01 ")
            .expect("details parse");
        assert_eq!(details.evidence_type, EvidenceType::Photo);
        assert_eq!(details.source.chars().count(), 300);
        assert_eq!(details.date, NaiveDate::from_ymd_opt(2024, 5, 1));
        let undated = FileDetails::parse("", "Ministerio", "1 de mayo").expect("details parse");
        assert_eq!(undated.evidence_type, EvidenceType::Document);
        assert_eq!(undated.source, "Ministerio");
        assert_eq!(undated.date, None);
        assert_eq!(
            FileDetails::parse("foto", "", ""),
            Err("report-link-type-invalid")
        );
    }

    #[test]
    fn a_file_is_evidence_only_when_its_content_and_its_details_are_accepted() {
        let details = || FileDetails::parse("document", "", "");
        let (media_type, judged) =
            judge_file(Ok("application/pdf"), details()).expect("accepted file");
        assert_eq!(media_type, "application/pdf");
        assert_eq!(judged.evidence_type, EvidenceType::Document);
        assert_eq!(
            judge_file(Ok("application/pdf"), FileDetails::parse("foto", "", "")),
            Err("report-link-type-invalid")
        );
        assert_eq!(
            judge_file(Err(Refused::Type), FileDetails::parse("foto", "", "")),
            Err("report-file-type-refused"),
            "the content is named before the type"
        );
    }

    #[test]
    fn a_file_and_a_link_refuse_the_same_unknown_type() {
        assert_eq!(evidence_type("photo"), Ok(EvidenceType::Photo));
        assert_eq!(file_evidence_type(" photo "), Ok(EvidenceType::Photo));
        assert_eq!(file_evidence_type(""), Ok(EvidenceType::Document));
        for bad in ["foto", "Photo", "document;drop", "<script>"] {
            assert_eq!(evidence_type(bad), Err("report-link-type-invalid"), "{bad}");
            assert_eq!(
                file_evidence_type(bad),
                Err("report-link-type-invalid"),
                "{bad}"
            );
        }
        assert_eq!(evidence_type(""), Err("report-link-type-invalid"));
    }

    #[test]
    fn a_returned_reports_note_is_never_public_a_contest_reason_is() {
        let note = || Some("Falta el acta.".to_owned());
        assert_eq!(public_review_note(ReviewState::Returned, note()), None);
        assert_eq!(public_review_note(ReviewState::Pending, note()), None);
        assert_eq!(public_review_note(ReviewState::Contested, note()), note());
        assert_eq!(public_review_note(ReviewState::Validated, note()), note());
        assert_eq!(public_review_note_of("returned", note()), None);
        assert_eq!(public_review_note_of("tampered", note()), None);
        assert_eq!(public_review_note_of("contested", note()), note());
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    /// A milestone planned over 2024, reported on 1 July 2024 (expected about 50 %).
    fn mid_2024() -> Schedule {
        Schedule {
            start: Some(day("2024-01-01")),
            due: Some(day("2024-12-31")),
            today: day("2024-07-01"),
        }
    }

    fn parse(
        progress: &str,
        status: &str,
        narrative: &str,
        links: &[LinkInput],
    ) -> Result<ProgressReport, Vec<FieldError>> {
        ProgressReport::parse(
            progress,
            status,
            narrative,
            links,
            &ParticipationInput::default(),
            Schedule {
                start: None,
                due: None,
                today: day("2024-07-01"),
            },
        )
    }

    /// A report on the 2024 milestone with these PAGA fields.
    fn with(
        progress: &str,
        status: &str,
        participation: ParticipationInput,
    ) -> Result<ProgressReport, Vec<FieldError>> {
        ProgressReport::parse(progress, status, "Avance", &[], &participation, mid_2024())
    }

    fn keys(result: Result<ProgressReport, Vec<FieldError>>) -> Vec<(String, &'static str)> {
        result.expect_err("refused")
    }

    #[test]
    fn a_delayed_report_without_challenges_is_refused() {
        assert_eq!(
            keys(with("50", "delayed", ParticipationInput::default())),
            [("challenges".to_owned(), "report-challenges-required")]
        );
        let told = ParticipationInput {
            challenges: "La contratación se retrasó.".into(),
            ..Default::default()
        };
        assert!(with("50", "delayed", told).is_ok());
    }

    #[test]
    fn a_milestone_not_started_needs_its_challenges() {
        assert_eq!(
            keys(with("0", "not_started", ParticipationInput::default())),
            [("challenges".to_owned(), "report-challenges-required")]
        );
    }

    #[test]
    fn in_progress_and_behind_schedule_without_challenges_is_refused() {
        // About 50 % expected on 1 July: 30 % is more than 15 points behind.
        assert_eq!(
            keys(with("30", "in_progress", ParticipationInput::default())),
            [("challenges".to_owned(), "report-challenges-required")]
        );
    }

    #[test]
    fn the_least_progress_on_track_is_what_needs_no_challenges() {
        let schedule = mid_2024();
        let least = schedule
            .least_on_track()
            .expect("a milestone well under way");
        let at = |p: u8| Progress::try_from(p).expect("a progress");
        assert!(!schedule.is_behind(at(least)));
        assert!(schedule.is_behind(at(least - 1)));
        let overdue = Schedule {
            today: schedule.due.expect("a due date") + chrono::Days::new(1),
            ..schedule
        };
        assert_eq!(overdue.least_on_track(), Some(85));
        let undated = Schedule {
            start: None,
            ..schedule
        };
        assert_eq!(undated.least_on_track(), None);
    }

    #[test]
    fn on_schedule_without_challenges_is_fine() {
        let r = with("45", "in_progress", ParticipationInput::default()).expect("on schedule");
        assert_eq!(r.participation, Participation::default());
        assert!(with("100", "completed", ParticipationInput::default()).is_ok());
        assert!(
            parse("5", "in_progress", "x", &[]).is_ok(),
            "a milestone without planned dates is never behind"
        );
    }

    #[test]
    fn a_counterpart_that_fulfilled_partly_or_not_needs_a_justification() {
        for answer in ["partly", "no"] {
            let input = ParticipationInput {
                counterpart_fulfilled: answer.into(),
                fulfilment_note: "  ".into(),
                ..Default::default()
            };
            assert_eq!(
                keys(with("50", "in_progress", input)),
                [(
                    "fulfilment_note".to_owned(),
                    "report-fulfilment-note-required"
                )],
                "{answer}"
            );
        }
        let yes = ParticipationInput {
            counterpart_fulfilled: "yes".into(),
            ..Default::default()
        };
        let r = with("50", "in_progress", yes).expect("no reason needed");
        assert_eq!(r.participation.counterpart_fulfilled, Some(Fulfilment::Yes));
        let unknown = ParticipationInput {
            counterpart_fulfilled: "maybe".into(),
            ..Default::default()
        };
        assert_eq!(
            keys(with("50", "in_progress", unknown)),
            [(
                "counterpart_fulfilled".to_owned(),
                "report-fulfilment-invalid"
            )]
        );
        let long = ParticipationInput {
            counterpart_fulfilled: "no".into(),
            fulfilment_note: "x".repeat(MAX_FULFILMENT_NOTE_CHARS + 1),
            ..Default::default()
        };
        assert_eq!(
            keys(with("50", "in_progress", long)),
            [(
                "fulfilment_note".to_owned(),
                "report-fulfilment-note-too-long"
            )]
        );
    }

    #[test]
    fn activities_and_people_are_whole_numbers_in_range() {
        let input = |activities: &str, people: &str| ParticipationInput {
            activities_with_others: activities.into(),
            participants: people.into(),
            ..Default::default()
        };
        let r = with("50", "in_progress", input(" 3 ", "120")).expect("valid");
        assert_eq!(r.participation.activities_with_others, Some(3));
        assert_eq!(r.participation.participants, Some(120));
        let blank = with("50", "in_progress", input("", "")).expect("optional");
        assert_eq!(blank.participation.participants, None);
        assert!(with("50", "in_progress", input("100000", "10000000")).is_ok());
        assert_eq!(
            keys(with("50", "in_progress", input("100001", "-1"))),
            [
                (
                    "activities_with_others".to_owned(),
                    "report-activities-invalid"
                ),
                ("participants".to_owned(), "report-participants-invalid"),
            ]
        );
        assert_eq!(
            keys(with("50", "in_progress", input("2,5", "10000001"))).len(),
            2
        );
    }

    #[test]
    fn sectors_are_from_the_vocabulary_and_an_unknown_one_is_refused_not_dropped() {
        let input = |sectors: &[&str]| ParticipationInput {
            sectors: sectors.iter().map(|s| (*s).to_owned()).collect(),
            ..Default::default()
        };
        let r = with(
            "50",
            "in_progress",
            input(&["academia", "government", "academia"]),
        )
        .expect("valid");
        assert_eq!(
            r.participation.sectors,
            [Sector::Government, Sector::Academia]
        );
        assert_eq!(
            keys(with("50", "in_progress", input(&["academia", "media"]))),
            [("sectors".to_owned(), "report-sector-invalid")]
        );
    }

    #[test]
    fn challenges_and_next_steps_up_to_five_thousand_characters() {
        let input = |n: usize| ParticipationInput {
            challenges: "á".repeat(n),
            next_steps: "é".repeat(n),
            ..Default::default()
        };
        assert!(with("50", "delayed", input(MAX_PLAN_TEXT_CHARS)).is_ok());
        assert_eq!(
            keys(with("50", "delayed", input(MAX_PLAN_TEXT_CHARS + 1))),
            [
                ("challenges".to_owned(), "report-challenges-too-long"),
                ("next_steps".to_owned(), "report-next-steps-too-long"),
            ]
        );
    }

    #[test]
    fn actual_dates_are_ordered_and_completion_is_not_in_the_future() {
        let input = |start: &str, done: &str| ParticipationInput {
            actual_start: start.into(),
            actual_completion: done.into(),
            ..Default::default()
        };
        let r = with("100", "completed", input("2024-01-15", "2024-06-30")).expect("valid");
        assert_eq!(r.participation.actual_start, Some(day("2024-01-15")));
        assert_eq!(r.participation.actual_completion, Some(day("2024-06-30")));
        assert!(
            with("100", "completed", input("", "")).is_ok(),
            "completed without an actual completion date is allowed"
        );
        assert_eq!(
            keys(with("100", "completed", input("2024-03-01", "2024-02-01"))),
            [(
                "actual_completion".to_owned(),
                "report-actual-completion-before-start"
            )]
        );
        assert_eq!(
            keys(with("100", "completed", input("", "2024-07-02"))),
            [(
                "actual_completion".to_owned(),
                "report-actual-completion-future"
            )]
        );
        assert_eq!(
            keys(with("50", "in_progress", input("15/01/2024", ""))),
            [("actual_start".to_owned(), "report-actual-date-invalid")]
        );
    }

    #[test]
    fn every_paga_problem_comes_with_the_others() {
        let input = ParticipationInput {
            counterpart_fulfilled: "no".into(),
            participants: "muchos".into(),
            actual_completion: "2030-01-01".into(),
            ..Default::default()
        };
        let fields: Vec<_> = keys(ProgressReport::parse(
            "30",
            "delayed",
            " ",
            &[],
            &input,
            mid_2024(),
        ))
        .into_iter()
        .map(|(f, _)| f)
        .collect();
        assert_eq!(
            fields,
            [
                "narrative",
                "fulfilment_note",
                "participants",
                "actual_completion",
                "challenges"
            ]
        );
    }

    fn link(url: &str) -> LinkInput {
        LinkInput {
            url: url.into(),
            evidence_type: "document".into(),
            source: "Asamblea Nacional".into(),
            date: "2024-03-01".into(),
        }
    }

    #[test]
    fn a_complete_report_parses() {
        let r = parse(
            "45",
            "in_progress",
            " Avance de la línea de base ",
            &[link("https://asambleanacional.gob.ec/informe.pdf")],
        )
        .expect("valid");
        assert_eq!(r.progress.value(), 45);
        assert_eq!(r.narrative, "Avance de la línea de base");
        assert_eq!(r.links.len(), 1);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = parse("101", "bogus", "  ", &[]).expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["progress", "status", "narrative"]);
    }

    #[test]
    fn only_http_and_https_links_are_evidence() {
        for bad in [
            "javascript:alert(1)",
            "ftp://x.org/a",
            "https://",
            "https://exa mple.org",
            "data:text/html,x",
        ] {
            let errors = parse("10", "in_progress", "x", &[link(bad)]).expect_err(bad);
            assert_eq!(
                errors[0],
                ("link-0".to_owned(), "report-link-invalid"),
                "{bad}"
            );
        }
    }

    #[test]
    fn completed_and_one_hundred_go_together() {
        assert!(parse("90", "completed", "x", &[]).is_err());
        assert!(parse("100", "in_progress", "x", &[]).is_err());
        assert!(parse("100", "completed", "x", &[]).is_ok());
    }

    #[test]
    fn narrative_up_to_five_thousand_characters() {
        let ok = "á".repeat(MAX_NARRATIVE_CHARS);
        assert!(parse("10", "in_progress", &ok, &[]).is_ok());
        let long = "á".repeat(MAX_NARRATIVE_CHARS + 1);
        assert!(parse("10", "in_progress", &long, &[]).is_err());
    }

    fn figures(health: Health, expected: Option<u8>) -> MilestoneFigures {
        MilestoneFigures {
            progress: Progress::ZERO,
            status: MilestoneStatus::InProgress,
            expected: expected.and_then(|e| Progress::try_from(e).ok()),
            health,
            last_reported_at: None,
            basis: crate::domain::Basis::Reported,
            validated: Progress::ZERO,
            validated_status: MilestoneStatus::InProgress,
            reported: Progress::ZERO,
            reported_status: MilestoneStatus::InProgress,
            claim: None,
        }
    }

    #[test]
    fn a_silent_milestone_is_stale_even_when_overdue_but_not_once_finished() {
        let now = Utc::now();
        let past_due = Some(now.date_naive() - Duration::days(10));
        let silent = Some(now - Duration::days(STALE_AFTER_DAYS + 1));
        let recent = Some(now - Duration::days(STALE_AFTER_DAYS - 1));
        let overdue = figures(Health::Overdue, Some(100));
        assert!(is_stale(&overdue, past_due, silent, now));
        assert!(is_stale(&overdue, past_due, None, now));
        assert!(!is_stale(&overdue, past_due, recent, now));
        assert!(!is_stale(
            &figures(Health::Completed, Some(100)),
            past_due,
            silent,
            now
        ));
        assert!(!is_stale(
            &figures(Health::Cancelled, Some(100)),
            past_due,
            silent,
            now
        ));
        let future = Some(now.date_naive() + Duration::days(90));
        assert!(
            !is_stale(&figures(Health::NotStarted, Some(0)), future, None, now),
            "not yet expected to start"
        );
    }

    #[test]
    fn urgency_puts_overdue_before_due_soon_before_at_risk_before_stale() {
        let now = Utc::now();
        let today = now.date_naive();
        let recent = Some(now - Duration::days(3));
        assert_eq!(
            urgency(
                &figures(Health::Overdue, Some(100)),
                Some(today - Duration::days(1)),
                recent,
                now
            ),
            Urgency::Overdue
        );
        assert_eq!(
            urgency(
                &figures(Health::OnTrack, Some(80)),
                Some(today + Duration::days(10)),
                recent,
                now
            ),
            Urgency::DueSoon
        );
        assert_eq!(
            urgency(
                &figures(Health::AtRisk, Some(50)),
                Some(today + Duration::days(90)),
                recent,
                now
            ),
            Urgency::AtRisk
        );
        let old = Some(now - Duration::days(61));
        assert_eq!(
            urgency(
                &figures(Health::OnTrack, Some(40)),
                Some(today + Duration::days(90)),
                old,
                now
            ),
            Urgency::Stale
        );
        assert_eq!(
            urgency(
                &figures(Health::OnTrack, Some(40)),
                Some(today + Duration::days(90)),
                recent,
                now
            ),
            Urgency::Rest
        );
        assert_eq!(
            urgency(
                &figures(Health::Completed, Some(100)),
                Some(today - Duration::days(9)),
                None,
                now
            ),
            Urgency::Rest
        );
        assert!(Urgency::Overdue < Urgency::DueSoon && Urgency::AtRisk < Urgency::Stale);
    }
}

/// The forum's answer to a pending report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub state: super::vocab::ReviewState,
    /// Required to return (told to the official) or contest (shown publicly).
    pub note: Option<String>,
}

pub const MAX_REVIEW_NOTE_CHARS: usize = 2_000;

impl Review {
    pub fn parse(decision: &str, note: &str) -> Result<Self, Vec<FieldError>> {
        use super::vocab::ReviewState;
        let state = match decision {
            "validated" => ReviewState::Validated,
            "returned" => ReviewState::Returned,
            "contested" => ReviewState::Contested,
            _ => return Err(vec![("decision".into(), "review-decision-invalid")]),
        };
        let note = note.trim();
        if note.chars().count() > MAX_REVIEW_NOTE_CHARS {
            return Err(vec![("note".into(), "review-note-too-long")]);
        }
        if note.is_empty() && state != ReviewState::Validated {
            return Err(vec![("note".into(), "review-note-required")]);
        }
        Ok(Self {
            state,
            note: (!note.is_empty()).then(|| note.to_owned()),
        })
    }
}

#[cfg(test)]
mod review_tests {
    use super::*;
    use crate::domain::ReviewState;

    #[test]
    fn returning_or_contesting_needs_a_reason() {
        assert!(Review::parse("returned", " ").is_err());
        assert!(Review::parse("contested", "").is_err());
        assert_eq!(
            Review::parse("validated", "").expect("valid").state,
            ReviewState::Validated
        );
        let r = Review::parse("contested", "La evidencia no respalda el 75 %.").expect("valid");
        assert_eq!(r.note.as_deref(), Some("La evidencia no respalda el 75 %."));
    }

    #[test]
    fn pending_is_not_a_decision() {
        assert!(Review::parse("pending", "x").is_err());
    }
}

/// New current dates asked for a milestone, with the reason (baseline dates never move).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplanRequest {
    pub new_start: NaiveDate,
    pub new_due: NaiveDate,
    pub reason: String,
}

impl ReplanRequest {
    pub fn parse(
        start: &str,
        due: &str,
        reason: &str,
        current: (Option<NaiveDate>, Option<NaiveDate>),
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = Vec::new();
        let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let new_start = date(start);
        let new_due = date(due);
        if new_start.is_none() {
            errors.push(("start".into(), "replan-date-invalid"));
        }
        if new_due.is_none() {
            errors.push(("due".into(), "replan-date-invalid"));
        }
        let reason = reason.trim().to_owned();
        if reason.is_empty() || reason.chars().count() > MAX_REVIEW_NOTE_CHARS {
            errors.push(("reason".into(), "replan-reason-required"));
        }
        if let (Some(s), Some(d)) = (new_start, new_due) {
            if d < s {
                errors.push(("due".into(), "replan-due-before-start"));
            } else if (Some(s), Some(d)) == current {
                errors.push(("due".into(), "replan-same-dates"));
            }
        }
        match (new_start, new_due, errors.is_empty()) {
            (Some(new_start), Some(new_due), true) => Ok(Self {
                new_start,
                new_due,
                reason,
            }),
            _ => Err(errors),
        }
    }
}

/// The forum's answer to a re-plan request: approve or reject, with an optional note of at
/// most `MAX_REVIEW_NOTE_CHARS` characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplanDecision {
    pub approve: bool,
    pub note: Option<String>,
}

impl ReplanDecision {
    /// The message key of what is wrong, if anything.
    pub fn parse(decision: &str, note: &str) -> Result<Self, &'static str> {
        let approve = match decision {
            "approved" => true,
            "rejected" => false,
            _ => return Err("review-decision-invalid"),
        };
        let note = note.trim();
        if note.chars().count() > MAX_REVIEW_NOTE_CHARS {
            return Err("review-note-too-long");
        }
        Ok(Self {
            approve,
            note: (!note.is_empty()).then(|| note.to_owned()),
        })
    }
}

#[cfg(test)]
mod replan_tests {
    use super::*;

    #[test]
    fn a_replan_decision_note_over_the_limit_is_refused_before_the_database() {
        let long = "x".repeat(MAX_REVIEW_NOTE_CHARS + 1);
        assert_eq!(
            ReplanDecision::parse("rejected", &long),
            Err("review-note-too-long")
        );
        let fits = "x".repeat(MAX_REVIEW_NOTE_CHARS);
        assert!(ReplanDecision::parse("approved", &fits).is_ok());
        assert_eq!(
            ReplanDecision::parse("maybe", ""),
            Err("review-decision-invalid")
        );
        assert_eq!(
            ReplanDecision::parse("approved", "  "),
            Ok(ReplanDecision {
                approve: true,
                note: None
            })
        );
    }

    #[test]
    fn a_replan_needs_ordered_new_dates_and_a_reason() {
        let current = (
            NaiveDate::from_ymd_opt(2024, 4, 1),
            NaiveDate::from_ymd_opt(2024, 12, 31),
        );
        assert!(
            ReplanRequest::parse(
                "2024-04-01",
                "2025-03-31",
                "Retraso en la contratación.",
                current
            )
            .is_ok()
        );
        assert!(ReplanRequest::parse("2024-04-01", "2024-03-01", "x", current).is_err());
        assert!(ReplanRequest::parse("2024-04-01", "2025-03-31", "  ", current).is_err());
        assert!(
            ReplanRequest::parse("2024-04-01", "2024-12-31", "x", current).is_err(),
            "same dates"
        );
        assert!(ReplanRequest::parse("abril", "2025-03-31", "x", current).is_err());
    }
}
