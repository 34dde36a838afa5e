//! Commitment drafting by the forum: the OGP template form parsed into a draft, the state
//! changes a commitment may go through, and the baseline that approval freezes.

use super::slug::slugify;
use chrono::NaiveDate;
use uuid::Uuid;

use super::vocab::{CommitmentState, OgpValue, PlanPhase};

/// Empty milestone rows offered on the form after the existing ones.
pub const BLANK_MILESTONE_ROWS: usize = 2;
/// At most this many milestones per commitment.
pub const MAX_MILESTONES: usize = 30;
const LONG_TEXT: usize = 20_000;
const MAX_POLICY_AREAS: usize = 10;

/// A form problem: the field's name and the message key.
pub type FieldProblem = (String, &'static str);

/// One milestone row of the drafting form.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct MilestoneDraft {
    /// 1, 2, … in the order of the form.
    pub position: i32,
    pub title: String,
    pub expected_output: String,
    pub responsible: Option<Uuid>,
    pub weight: i32,
    pub baseline_start: Option<NaiveDate>,
    pub baseline_due: Option<NaiveDate>,
}

/// Every field of the OGP commitment template, parsed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CommitmentDraft {
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
    pub contact: String,
    pub lead: Option<Uuid>,
    pub co_lead: Option<Uuid>,
    pub supporting: Vec<Uuid>,
    pub milestones: Vec<MilestoneDraft>,
}

/// The submitted form: name/value pairs, repeated names kept (checkboxes, multi-selects).
pub struct FormPairs<'a>(pub &'a [(String, String)]);

impl<'a> FormPairs<'a> {
    pub fn one(&self, name: &str) -> &'a str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }

    pub fn all(&self, name: &str) -> Vec<&'a str> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
            .collect()
    }
}

fn optional_text(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_owned())
}

fn optional_date(value: &str) -> Result<Option<NaiveDate>, ()> {
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ())
}

fn optional_id(value: &str) -> Result<Option<Uuid>, ()> {
    if value.is_empty() {
        return Ok(None);
    }
    value.parse().map(Some).map_err(|_| ())
}

struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, field: impl Into<String>, key: &'static str) {
        self.0.push((field.into(), key));
    }

    fn text(&mut self, form: &FormPairs, name: &str, max: usize) -> String {
        let value = form.one(name);
        if value.chars().count() > max {
            self.add(name, "draft-text-too-long");
        }
        value.to_owned()
    }

    fn date(&mut self, form: &FormPairs, name: &str) -> Option<NaiveDate> {
        optional_date(form.one(name)).unwrap_or_else(|()| {
            self.add(name, "draft-date-invalid");
            None
        })
    }

    fn id(&mut self, form: &FormPairs, name: &str) -> Option<Uuid> {
        optional_id(form.one(name)).unwrap_or_else(|()| {
            self.add(name, "draft-choice-invalid");
            None
        })
    }
}

/// The longest commitment code (the `commitments.code` column holds 1 to 20 characters).
pub const MAX_CODE_CHARS: usize = 20;

/// A commitment code as published: `1`, `2`, `3.1`, `EC0014`. ASCII letters, digits, dots and
/// hyphens, beginning with a letter or digit, up to [`MAX_CODE_CHARS`]. The code is a segment
/// of the commitment's address (`/plans/{plan}/commitments/{code}`), so nothing a URL gives a
/// meaning to (`/`, `?`, `#`, `%`, spaces) and no `.` or `..` segment. The drafting form and
/// the plan import both ask this; the error is a message key.
pub fn check_code(code: &str) -> Result<(), &'static str> {
    let starts_well = code
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let allowed = code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if starts_well && allowed && code.len() <= MAX_CODE_CHARS {
        Ok(())
    } else {
        Err("draft-code-invalid")
    }
}

impl CommitmentDraft {
    /// Parses the drafting form; `rows` is how many milestone rows the form offered.
    pub fn parse(form: &FormPairs, rows: usize) -> Result<Self, Vec<FieldProblem>> {
        let mut p = Problems(Vec::new());
        let code = form.one("code").to_owned();
        if let Err(key) = check_code(&code) {
            p.add("code", key);
        }
        let title = p.text(form, "title", 300);
        if title.is_empty() {
            p.add("title", "draft-title-required");
        }
        let ogp_id = optional_text(&p.text(form, "ogp_id", 20));
        let title_en = optional_text(&p.text(form, "title_en", 300));
        let mut long = |name| p.text(form, name, LONG_TEXT);
        let (problem, causes, status_quo, objective, description) = (
            long("problem"),
            long("causes"),
            long("status_quo"),
            long("objective"),
            long("description"),
        );
        let (advances_transparency, advances_accountability, advances_participation) = (
            long("advances_transparency"),
            long("advances_accountability"),
            long("advances_participation"),
        );
        let contact = p.text(form, "contact", 1000);
        let mut ogp_values = Vec::new();
        for v in form.all("ogp_values") {
            match v.parse::<OgpValue>() {
                Ok(value) if !ogp_values.contains(&value.as_str().to_owned()) => {
                    ogp_values.push(value.as_str().to_owned())
                }
                Ok(_) => {}
                Err(_) => p.add("ogp_values", "draft-choice-invalid"),
            }
        }
        let policy_areas: Vec<String> = form
            .one("policy_areas")
            .split([',', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if policy_areas.len() > MAX_POLICY_AREAS || policy_areas.iter().any(|a| a.len() > 100) {
            p.add("policy_areas", "draft-policy-areas-invalid");
        }
        let mut sdgs = Vec::new();
        for v in form.all("sdgs") {
            match v.parse::<i16>() {
                Ok(n) if (1..=17).contains(&n) && !sdgs.contains(&n) => sdgs.push(n),
                Ok(n) if sdgs.contains(&n) => {}
                _ => p.add("sdgs", "draft-choice-invalid"),
            }
        }
        sdgs.sort_unstable();
        let start_date = p.date(form, "start_date");
        let end_date = p.date(form, "end_date");
        if let (Some(s), Some(e)) = (start_date, end_date)
            && e < s
        {
            p.add("end_date", "draft-end-before-start");
        }
        let lead = p.id(form, "lead");
        let co_lead = p.id(form, "co_lead");
        let mut supporting = Vec::new();
        for v in form.all("supporting") {
            match v.parse::<Uuid>() {
                Ok(id) if !supporting.contains(&id) => supporting.push(id),
                Ok(_) => {}
                Err(_) => p.add("supporting", "draft-choice-invalid"),
            }
        }
        let milestones = parse_milestones(form, rows, &mut p);
        if p.0.is_empty() {
            Ok(Self {
                code,
                ogp_id,
                title,
                title_en,
                problem,
                causes,
                status_quo,
                objective,
                description,
                advances_transparency,
                advances_accountability,
                advances_participation,
                ogp_values,
                policy_areas,
                sdgs,
                start_date,
                end_date,
                contact,
                lead,
                co_lead,
                supporting,
                milestones,
            })
        } else {
            Err(p.0)
        }
    }

    /// The public address part: the code, then the title's words.
    pub fn slug(&self) -> String {
        slugify(&format!("{} {}", self.code, self.title))
    }
}

impl CommitmentDraft {
    /// The draft as the form's name/value pairs (the form shows stored and typed values alike).
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut put = |k: String, v: String| out.push((k, v));
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let id = |i: Option<Uuid>| i.map(|i| i.to_string()).unwrap_or_default();
        put("code".into(), self.code.clone());
        put("ogp_id".into(), self.ogp_id.clone().unwrap_or_default());
        put("title".into(), self.title.clone());
        put("title_en".into(), self.title_en.clone().unwrap_or_default());
        for (k, v) in [
            ("problem", &self.problem),
            ("causes", &self.causes),
            ("status_quo", &self.status_quo),
            ("objective", &self.objective),
            ("description", &self.description),
            ("advances_transparency", &self.advances_transparency),
            ("advances_accountability", &self.advances_accountability),
            ("advances_participation", &self.advances_participation),
            ("contact", &self.contact),
        ] {
            put(k.into(), v.clone());
        }
        for v in &self.ogp_values {
            put("ogp_values".into(), v.clone());
        }
        put("policy_areas".into(), self.policy_areas.join(", "));
        for n in &self.sdgs {
            put("sdgs".into(), n.to_string());
        }
        put("start_date".into(), date(self.start_date));
        put("end_date".into(), date(self.end_date));
        put("lead".into(), id(self.lead));
        put("co_lead".into(), id(self.co_lead));
        for s in &self.supporting {
            put("supporting".into(), s.to_string());
        }
        for m in &self.milestones {
            let n = m.position;
            put(format!("m-title-{n}"), m.title.clone());
            put(format!("m-output-{n}"), m.expected_output.clone());
            put(format!("m-responsible-{n}"), id(m.responsible));
            put(format!("m-weight-{n}"), m.weight.to_string());
            put(format!("m-start-{n}"), date(m.baseline_start));
            put(format!("m-due-{n}"), date(m.baseline_due));
        }
        out
    }
}

/// Milestone rows `m-title-N`, `m-output-N`, `m-responsible-N`, `m-weight-N`, `m-start-N`,
/// `m-due-N`; a row left entirely blank is skipped, the rest are numbered in order.
fn parse_milestones(form: &FormPairs, rows: usize, p: &mut Problems) -> Vec<MilestoneDraft> {
    let mut out = Vec::new();
    for row in 1..=rows.min(MAX_MILESTONES + BLANK_MILESTONE_ROWS) {
        let name = |f: &str| format!("m-{f}-{row}");
        let fields = ["title", "output", "responsible", "weight", "start", "due"];
        if fields.iter().all(|f| form.one(&name(f)).is_empty()) {
            continue;
        }
        let title = p.text(form, &name("title"), 300);
        if title.is_empty() {
            p.add(name("title"), "draft-milestone-title-required");
        }
        let weight = match form.one(&name("weight")) {
            "" => 1,
            w => w
                .parse::<i32>()
                .ok()
                .filter(|w| (1..=100).contains(w))
                .unwrap_or_else(|| {
                    p.add(name("weight"), "draft-weight-invalid");
                    1
                }),
        };
        let baseline_start = p.date(form, &name("start"));
        let baseline_due = p.date(form, &name("due"));
        if let (Some(s), Some(d)) = (baseline_start, baseline_due)
            && d < s
        {
            p.add(name("due"), "draft-end-before-start");
        }
        out.push(MilestoneDraft {
            position: i32::try_from(out.len() + 1).unwrap_or(i32::MAX),
            title,
            expected_output: p.text(form, &name("output"), 5000),
            responsible: p.id(form, &name("responsible")),
            weight,
            baseline_start,
            baseline_due,
        });
    }
    if out.len() > MAX_MILESTONES {
        p.add("milestones", "draft-too-many-milestones");
    }
    out
}

/// Approval froze the milestones and their baseline dates: the same milestones, the same
/// dates. Returns the problems found in the submitted rows.
pub fn frozen_baseline_problems(
    frozen: &[(Option<NaiveDate>, Option<NaiveDate>)],
    submitted: &[MilestoneDraft],
) -> Vec<FieldProblem> {
    if frozen.len() != submitted.len() {
        return vec![("milestones".into(), "draft-milestones-frozen")];
    }
    let mut problems = Vec::new();
    for (row, (m, (start, due))) in submitted.iter().zip(frozen).enumerate() {
        if m.baseline_start != *start {
            problems.push((format!("m-start-{}", row + 1), "draft-baseline-frozen"));
        }
        if m.baseline_due != *due {
            problems.push((format!("m-due-{}", row + 1), "draft-baseline-frozen"));
        }
    }
    problems
}

/// The form over a stored commitment, parsed; once the commitment is approved (`frozen`
/// holds its baseline dates, in order) its milestones and their dates stay as they were.
/// With `forum_change` (the forum adds or removes milestones, giving its reason) the rows
/// kept keep their dates, and rows may be added at the end or removed from it.
pub fn parse_revision(
    form: &FormPairs,
    rows: usize,
    frozen: Option<&[(Option<NaiveDate>, Option<NaiveDate>)]>,
    forum_change: bool,
) -> Result<CommitmentDraft, Vec<FieldProblem>> {
    let draft = CommitmentDraft::parse(form, rows)?;
    let problems = match frozen {
        None => Vec::new(),
        Some(baseline) if forum_change => {
            let kept = baseline.len().min(draft.milestones.len());
            frozen_baseline_problems(&baseline[..kept], &draft.milestones[..kept])
        }
        Some(baseline) => frozen_baseline_problems(baseline, &draft.milestones),
    };
    if problems.is_empty() {
        Ok(draft)
    } else {
        Err(problems)
    }
}

/// Whether a commitment (or a milestone of it) may be created or edited while its plan is in
/// this phase. Past co-creation nothing is drafted any more: during implementation milestones
/// move only by re-plan, and a closed plan changes no more.
pub fn drafting_open(phase: PlanPhase) -> bool {
    matches!(phase, PlanPhase::Draft | PlanPhase::CoCreation)
}

/// Whether approval has frozen a commitment in this state: its milestones are neither added
/// nor removed, their baseline dates stay, and their current dates move only by re-plan.
pub fn milestones_frozen(state: CommitmentState) -> bool {
    state == CommitmentState::Approved
}

/// Whether a commitment's milestones keep their baseline dates for good. Approval fixes them,
/// and withdrawing the commitment afterwards does not free them: `approved_once` is whether
/// approval ever stamped the commitment (`approved_at`), which the database's
/// `milestones_baseline_frozen` trigger also asks.
pub fn baseline_frozen(state: CommitmentState, approved_once: bool) -> bool {
    milestones_frozen(state) || approved_once
}

/// The state changes of a commitment; the error is a message key explaining the refusal.
pub fn check_state_change(
    from: CommitmentState,
    to: CommitmentState,
    phase: PlanPhase,
) -> Result<(), &'static str> {
    use CommitmentState::*;
    if !drafting_open(phase) {
        return Err("drafting-closed");
    }
    match (from, to) {
        (a, b) if a == b => Err("commitment-state-same"),
        (Withdrawn, _) => Err("commitment-state-withdrawn-final"),
        (Approved, Withdrawn) => Ok(()),
        (Approved, _) => Err("commitment-state-approved-final"),
        (_, Consultation) if phase != PlanPhase::CoCreation => Err("consultation-needs-cocreation"),
        _ => Ok(()),
    }
}

/// Whether a commitment may be written in state `to` while its plan is in `phase`: created
/// (`from` is `None`) or saved over its stored state `from`. The drafting form's rules, for a
/// writer that sets the state with the other fields (the plan import): a new commitment is a
/// draft moved to `to`, and a save in another state is that state change.
pub fn check_commitment_write(
    phase: PlanPhase,
    from: Option<CommitmentState>,
    to: CommitmentState,
) -> Result<(), &'static str> {
    if !drafting_open(phase) {
        return Err("drafting-closed");
    }
    match from.unwrap_or(CommitmentState::Draft) {
        from if from == to => Ok(()),
        from => check_state_change(from, to, phase),
    }
}

/// Whether a commitment in this state takes comments in this phase: drafts in consultation
/// during co-creation, approved commitments during implementation.
pub fn open_for_comments(phase: PlanPhase, state: CommitmentState) -> bool {
    matches!(
        (phase, state),
        (PlanPhase::CoCreation, CommitmentState::Consultation)
            | (PlanPhase::Implementation, CommitmentState::Approved)
    )
}

/// A comment's text: trimmed, 1 to 5,000 characters.
pub fn comment_body(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err("comment-body-required"),
        n if n > 5000 => Err("comment-body-too-long"),
        _ => Ok(text.to_owned()),
    }
}

/// The public reason for hiding a comment: trimmed, 1 to 1,000 characters.
pub fn hide_reason(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err("comment-hide-reason-required"),
        n if n > 1000 => Err("comment-hide-reason-too-long"),
        _ => Ok(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_full_form_parses_with_its_milestones_and_actors() {
        let lead = Uuid::now_v7();
        let form = pairs(&[
            ("code", "3"),
            ("title", "Datos abiertos de compras públicas"),
            ("ogp_values", "access_to_information"),
            ("ogp_values", "civic_participation"),
            ("sdgs", "16"),
            ("sdgs", "9"),
            ("policy_areas", "Contratación, Datos abiertos"),
            ("lead", &lead.to_string()),
            ("m-title-1", "Publicar el portal"),
            ("m-weight-1", "2"),
            ("m-start-1", "2026-01-01"),
            ("m-due-1", "2026-06-30"),
            ("m-title-2", ""),
            ("m-title-3", "Capacitar"),
        ]);
        let d = CommitmentDraft::parse(&FormPairs(&form), 3).expect("valid");
        assert_eq!(
            d.ogp_values,
            ["access_to_information", "civic_participation"]
        );
        assert_eq!(d.sdgs, [9, 16]);
        assert_eq!(d.policy_areas, ["Contratación", "Datos abiertos"]);
        assert_eq!(d.lead, Some(lead));
        assert_eq!(d.milestones.len(), 2);
        assert_eq!(d.milestones[1].position, 2);
        assert_eq!(d.milestones[1].title, "Capacitar");
        assert_eq!(d.milestones[0].weight, 2);
        assert_eq!(d.slug(), "3-datos-abiertos-de-compras-publicas");
        let again = CommitmentDraft::parse(&FormPairs(&d.to_pairs()), 2);
        assert_eq!(again, Ok(d), "the form shows a draft as it was saved");
    }

    #[test]
    fn bad_input_names_each_field() {
        let form = pairs(&[
            ("code", "3 y 4"),
            ("ogp_values", "happiness"),
            ("sdgs", "18"),
            ("start_date", "2026-05-01"),
            ("end_date", "2026-01-01"),
            ("m-output-1", "Un informe"),
            ("m-weight-1", "0"),
        ]);
        let problems = CommitmentDraft::parse(&FormPairs(&form), 1).expect_err("invalid");
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "code",
                "title",
                "ogp_values",
                "sdgs",
                "end_date",
                "m-title-1",
                "m-weight-1"
            ]
        );
    }

    #[test]
    fn approval_freezes_baseline_dates_and_the_milestone_list() {
        let d = |s: &str| Some(s.parse::<NaiveDate>().expect("date"));
        let row = |start, due| MilestoneDraft {
            position: 1,
            title: "Hito".into(),
            expected_output: String::new(),
            responsible: None,
            weight: 1,
            baseline_start: start,
            baseline_due: due,
        };
        let frozen = [(d("2026-01-01"), d("2026-06-30"))];
        assert!(
            frozen_baseline_problems(&frozen, &[row(d("2026-01-01"), d("2026-06-30"))]).is_empty()
        );
        assert_eq!(
            frozen_baseline_problems(&frozen, &[row(d("2026-01-01"), d("2026-09-30"))]),
            vec![("m-due-1".to_owned(), "draft-baseline-frozen")]
        );
        assert_eq!(
            frozen_baseline_problems(&frozen, &[]),
            vec![("milestones".to_owned(), "draft-milestones-frozen")]
        );
    }

    #[test]
    fn a_revision_of_an_approved_commitment_keeps_its_baseline() {
        let form = pairs(&[
            ("code", "3"),
            ("title", "Datos abiertos"),
            ("m-title-1", "Publicar"),
            ("m-start-1", "2026-01-01"),
            ("m-due-1", "2026-09-30"),
        ]);
        let d = |s: &str| Some(s.parse::<NaiveDate>().expect("date"));
        let frozen = [(d("2026-01-01"), d("2026-06-30"))];
        assert_eq!(
            parse_revision(&FormPairs(&form), 1, Some(&frozen), false),
            Err(vec![("m-due-1".to_owned(), "draft-baseline-frozen")])
        );
        let draft =
            parse_revision(&FormPairs(&form), 1, None, false).expect("a draft may move dates");
        assert_eq!(draft.milestones[0].baseline_due, d("2026-09-30"));
        let bad = pairs(&[("code", "3"), ("m-title-1", "Publicar")]);
        assert_eq!(
            parse_revision(&FormPairs(&bad), 1, Some(&frozen), false),
            Err(vec![("title".to_owned(), "draft-title-required")]),
            "the form's own problems come first"
        );
    }

    #[test]
    fn the_forum_may_remove_a_milestone_of_an_approved_commitment_keeping_the_others_dates() {
        let form = pairs(&[
            ("code", "3"),
            ("title", "Datos abiertos"),
            ("m-title-1", "Publicar"),
            ("m-start-1", "2026-01-01"),
            ("m-due-1", "2026-06-30"),
        ]);
        let d = |s: &str| Some(s.parse::<NaiveDate>().expect("date"));
        let frozen = [
            (d("2026-01-01"), d("2026-06-30")),
            (d("2026-07-01"), d("2026-12-31")),
        ];
        assert_eq!(
            parse_revision(&FormPairs(&form), 2, Some(&frozen), false),
            Err(vec![("milestones".to_owned(), "draft-milestones-frozen")])
        );
        let draft = parse_revision(&FormPairs(&form), 2, Some(&frozen), true)
            .expect("the forum removes the second milestone");
        assert_eq!(draft.milestones.len(), 1);
    }

    #[test]
    fn state_changes_follow_the_drafting_rules() {
        use CommitmentState::{Approved, Consultation, Draft, Withdrawn};
        use PlanPhase::{CoCreation, Implementation};
        assert_eq!(check_state_change(Draft, Consultation, CoCreation), Ok(()));
        assert_eq!(
            check_state_change(Consultation, Approved, CoCreation),
            Ok(())
        );
        assert_eq!(check_state_change(Approved, Withdrawn, CoCreation), Ok(()));
        assert_eq!(
            check_state_change(Draft, Consultation, PlanPhase::Draft),
            Err("consultation-needs-cocreation")
        );
        assert_eq!(
            check_state_change(Approved, Draft, CoCreation),
            Err("commitment-state-approved-final")
        );
        assert_eq!(
            check_state_change(Withdrawn, Draft, CoCreation),
            Err("commitment-state-withdrawn-final")
        );
        assert_eq!(
            check_state_change(Draft, Approved, Implementation),
            Err("drafting-closed")
        );
    }

    #[test]
    fn codes_are_letters_digits_dots_and_hyphens_that_start_well() {
        for code in ["1", "3.1", "EC0014", "2-a", &"9".repeat(MAX_CODE_CHARS)] {
            assert_eq!(check_code(code), Ok(()), "{code}");
        }
        let too_long = "9".repeat(MAX_CODE_CHARS + 1);
        for code in [
            "",
            "../x?abc#",
            "..",
            ".",
            "-1",
            "3 y 4",
            "1/2",
            "a%20b",
            "1_2",
            "ñ",
            &too_long,
        ] {
            assert_eq!(check_code(code), Err("draft-code-invalid"), "{code}");
        }
    }

    #[test]
    fn only_approval_freezes_milestones() {
        use CommitmentState::*;
        assert!(milestones_frozen(Approved));
        for state in [Draft, Consultation, Withdrawn] {
            assert!(!milestones_frozen(state), "{state:?}");
        }
    }

    #[test]
    fn a_baseline_stays_frozen_after_withdrawal() {
        use CommitmentState::*;
        assert!(baseline_frozen(Approved, true));
        assert!(baseline_frozen(Withdrawn, true), "withdrawn after approval");
        for state in [Draft, Consultation, Withdrawn] {
            assert!(!baseline_frozen(state, false), "{state:?}");
        }
    }

    #[test]
    fn a_write_follows_the_phase_and_the_state_changes_of_the_form() {
        use CommitmentState::{Approved, Consultation, Draft, Withdrawn};
        use PlanPhase::{Closed, CoCreation, Implementation};
        let write = check_commitment_write;
        assert_eq!(write(CoCreation, None, Draft), Ok(()));
        assert_eq!(write(CoCreation, None, Approved), Ok(()));
        assert_eq!(write(PlanPhase::Draft, None, Withdrawn), Ok(()));
        assert_eq!(write(CoCreation, Some(Approved), Approved), Ok(()));
        assert_eq!(write(CoCreation, Some(Consultation), Approved), Ok(()));
        assert_eq!(
            write(PlanPhase::Draft, None, Consultation),
            Err("consultation-needs-cocreation")
        );
        assert_eq!(
            write(CoCreation, Some(Approved), Draft),
            Err("commitment-state-approved-final")
        );
        assert_eq!(
            write(CoCreation, Some(Withdrawn), Consultation),
            Err("commitment-state-withdrawn-final")
        );
        for phase in [Implementation, Closed] {
            assert_eq!(write(phase, None, Approved), Err("drafting-closed"));
            assert_eq!(write(phase, Some(Approved), Draft), Err("drafting-closed"));
            assert_eq!(write(phase, Some(Draft), Draft), Err("drafting-closed"));
        }
    }

    #[test]
    fn comments_follow_consultation_and_implementation() {
        use CommitmentState::*;
        assert!(open_for_comments(PlanPhase::CoCreation, Consultation));
        assert!(!open_for_comments(PlanPhase::CoCreation, Draft));
        assert!(open_for_comments(PlanPhase::Implementation, Approved));
        assert!(!open_for_comments(PlanPhase::Closed, Approved));
    }

    #[test]
    fn comments_and_hide_reasons_need_text_within_limits() {
        assert_eq!(comment_body("  Buena idea  "), Ok("Buena idea".into()));
        assert_eq!(comment_body("   "), Err("comment-body-required"));
        assert_eq!(
            comment_body(&"a".repeat(5001)),
            Err("comment-body-too-long")
        );
        assert_eq!(hide_reason(""), Err("comment-hide-reason-required"));
    }
}
