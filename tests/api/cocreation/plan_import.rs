//! The plan import follows the drafting forms' rules: what the forms refuse in a plan's phase
//! (a state change, an approval without complete milestones, a frozen date, a code that is no
//! code), the import page refuses too, in a dry run and in a real run alike, listing each row,
//! and it writes nothing. The command line runs the same import.

use std::process::ExitCode;

use abierto::commands::transfer as commands;
use abierto::domain::CommitmentState::{self, Approved, Consultation, Draft, Withdrawn};
use abierto::i18n::{Locale, Tr};
use abierto::store::cocreation::plan_transfer;
use abierto::transfer::spreadsheet::{self, FileFormat};
use abierto::transfer::template::{
    COMMITMENT_TEXTS, COMMITMENTS, CommitmentRow, MILESTONES, MilestoneRow, PlanTemplate,
};
use axum::http::StatusCode;
use chrono::NaiveDate;
use scraper::{Html, Selector};
use sqlx::PgPool;

use crate::helpers::{Browser, Page, TestApp, spawn_demo_app};
use crate::transfer::{counts, empty_plan, forum_browser, plan, put_in_phase};

/// The demo's first plan, closed; its commitments are approved.
const CLOSED: &str = "ecuador-2019-2022";
/// The demo's second plan, under implementation.
const IMPLEMENTATION: &str = "ecuador-2022-2024";

fn date(s: &str) -> Option<NaiveDate> {
    Some(s.parse().expect("date"))
}

/// A commitment with a code, a title and a state; the other fields empty.
fn commitment(code: &str, state: CommitmentState) -> CommitmentRow {
    CommitmentRow {
        code: code.into(),
        ogp_id: None,
        title: format!("Compromiso {code}"),
        title_en: None,
        state,
        start_date: None,
        end_date: None,
        ogp_values: vec![],
        policy_areas: vec![],
        sdgs: vec![],
        lead: vec![],
        co_lead: vec![],
        supporting: vec![],
        texts: vec![String::new(); COMMITMENT_TEXTS.len()],
    }
}

/// A complete milestone inside the demo's first period (2019-09-01 to 2022-08-31), its current
/// dates those of the baseline (as a file with empty current cells gives them).
fn milestone(code: &str, position: i32, responsible: &str) -> MilestoneRow {
    MilestoneRow {
        commitment_code: code.into(),
        position,
        title: format!("Hito {position}"),
        expected_output: String::new(),
        responsible: Some(responsible.to_owned()).filter(|r| !r.is_empty()),
        weight: 1,
        baseline_start: date("2020-01-01"),
        baseline_due: date("2020-06-30"),
        current_start: date("2020-01-01"),
        current_due: date("2020-06-30"),
    }
}

fn file(commitments: Vec<CommitmentRow>, milestones: Vec<MilestoneRow>) -> PlanTemplate {
    PlanTemplate {
        commitments: (2..).zip(commitments).collect(),
        milestones: (2..).zip(milestones).collect(),
    }
}

async fn any_institution(db: &PgPool) -> String {
    sqlx::query_scalar("SELECT slug FROM institutions ORDER BY slug LIMIT 1")
        .fetch_one(db)
        .await
        .expect("institution")
}

async fn export(db: &PgPool, slug: &str) -> PlanTemplate {
    plan_transfer::export(db, plan(db, slug).await.id)
        .await
        .expect("export")
}

fn commitment_mut<'t>(file: &'t mut PlanTemplate, code: &str) -> &'t mut CommitmentRow {
    file.commitments
        .iter_mut()
        .map(|(_, c)| c)
        .find(|c| c.code == code)
        .expect("commitment in the file")
}

fn milestone_mut<'t>(
    file: &'t mut PlanTemplate,
    code: &str,
    position: i32,
) -> &'t mut MilestoneRow {
    file.milestones
        .iter_mut()
        .map(|(_, m)| m)
        .find(|m| m.commitment_code == code && m.position == position)
        .expect("milestone in the file")
}

async fn state_of(db: &PgPool, plan: &str, code: &str) -> String {
    sqlx::query_scalar(
        "SELECT c.state FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = $1 AND c.code = $2",
    )
    .bind(plan)
    .bind(code)
    .fetch_one(db)
    .await
    .expect("commitment")
}

/// Uploads the file as CSV to the plan's import page, as a dry run or for real.
async fn upload(browser: &mut Browser<'_>, plan: &str, file: &PlanTemplate, dry_run: bool) -> Page {
    let csv = spreadsheet::write(FileFormat::Csv, file).expect("csv");
    let uri = format!("/co-creation/plans/{plan}/import");
    let fields: &[(&str, &str)] = if dry_run { &[("dry_run", "1")] } else { &[] };
    browser
        .post_multipart(&uri, &uri, fields, &[("file", "plan.csv", csv)])
        .await
}

/// The page's table of problems: sheet, row, column and message of each.
fn problems_shown(page: &Page) -> Vec<(String, usize, String, String)> {
    let doc = Html::parse_document(&page.body);
    let rows = Selector::parse("table tbody tr").expect("selector");
    let cells = Selector::parse("td").expect("selector");
    doc.select(&rows)
        .map(|row| {
            let text: Vec<String> = row
                .select(&cells)
                .map(|td| td.text().collect::<String>())
                .collect();
            assert_eq!(text.len(), 4, "four cells: {text:?}");
            let number = text[1].parse().expect("row number");
            (text[0].clone(), number, text[2].clone(), text[3].clone())
        })
        .collect()
}

/// Where a problem is expected: a commitment by code, a milestone by code and position.
enum At {
    C(String),
    M(String, i32),
}

fn c(code: &str) -> At {
    At::C(code.to_owned())
}

fn m(code: &str, position: i32) -> At {
    At::M(code.to_owned(), position)
}

/// An expected problem: where, the column, the message key and its value.
type Expected = (At, &'static str, &'static str, &'static str);

/// The expected problems as the page shows them (in Spanish, the default), with the row
/// numbers the CSV gives each commitment and milestone.
fn as_shown(file: &PlanTemplate, expected: &[Expected]) -> Vec<(String, usize, String, String)> {
    let csv = spreadsheet::write(FileFormat::Csv, file).expect("csv");
    let (read, _) = spreadsheet::read_plan(FileFormat::Csv, &csv).expect("read");
    let tr = Tr::new(Locale::Es);
    expected
        .iter()
        .map(|(at, column, key, value)| {
            let (sheet, row) = match at {
                At::C(code) => {
                    let row = read.commitments.iter().find(|(_, c)| c.code == *code);
                    (COMMITMENTS, row.expect("commitment row").0)
                }
                At::M(code, position) => {
                    let row = read
                        .milestones
                        .iter()
                        .find(|(_, m)| m.commitment_code == *code && m.position == *position);
                    (MILESTONES, row.expect("milestone row").0)
                }
            };
            let message = tr.t1(key, "value", value);
            assert_ne!(message, *key, "{key} is translated");
            (sheet.to_owned(), row, (*column).to_owned(), message)
        })
        .collect()
}

/// What an import could change: the plan as its export shows it, and the rows of every table
/// an import touches (the audit log included).
async fn snapshot(db: &PgPool, plan: &str) -> (PlanTemplate, Vec<i64>) {
    (export(db, plan).await, counts(db).await)
}

/// Uploads the file as a dry run and then for real: both answer 422 and list exactly the
/// expected problems, in order, and the plan is left as it was.
async fn refused_both_ways(
    app: &TestApp,
    browser: &mut Browser<'_>,
    plan: &str,
    file: &PlanTemplate,
    expected: &[Expected],
) {
    let want = as_shown(file, expected);
    let before = snapshot(&app.db, plan).await;
    for dry_run in [true, false] {
        let page = upload(browser, plan, file, dry_run).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "dry run: {dry_run}: {}",
            page.body
        );
        assert_eq!(problems_shown(&page), want, "dry run: {dry_run}");
        assert!(
            snapshot(&app.db, plan).await == before,
            "dry run: {dry_run}: nothing written"
        );
    }
}

/// Uploads the file as a dry run and then for real: both answer 200 without problems.
async fn accepted_both_ways(browser: &mut Browser<'_>, plan: &str, file: &PlanTemplate) {
    for dry_run in [true, false] {
        let page = upload(browser, plan, file, dry_run).await;
        assert_eq!(
            page.status,
            StatusCode::OK,
            "dry run: {dry_run}: {}",
            page.body
        );
        assert_eq!(problems_shown(&page), vec![], "dry run: {dry_run}");
    }
}

// Phase: nothing is drafted in a closed plan or in a plan under implementation.

#[tokio::test]
async fn a_closed_plan_takes_no_new_or_changed_row_and_no_state_back_to_draft() {
    let app = spawn_demo_app().await;
    assert_eq!(state_of(&app.db, CLOSED, "1").await, "approved");
    let mut browser = forum_browser(&app, false).await;
    let responsible = any_institution(&app.db).await;
    let mut file = export(&app.db, CLOSED).await;
    commitment_mut(&mut file, "1").state = Draft;
    commitment_mut(&mut file, "2").title = "Otro título".into();
    milestone_mut(&mut file, "2", 1).title = "Otro hito".into();
    let next = file.commitments.len() + 2;
    file.commitments.push((next, commitment("99", Draft)));
    let next = file.milestones.len() + 2;
    file.milestones
        .push((next, milestone("1", 9, &responsible)));

    refused_both_ways(
        &app,
        &mut browser,
        CLOSED,
        &file,
        &[
            (c("1"), "state", "drafting-closed", ""),
            (c("2"), "title", "drafting-closed", ""),
            (c("99"), "code", "drafting-closed", ""),
            (m("2", 1), "title", "drafting-closed", ""),
            (m("1", 9), "position", "drafting-closed", ""),
        ],
    )
    .await;
    assert_eq!(state_of(&app.db, CLOSED, "1").await, "approved");
}

#[tokio::test]
async fn the_refusal_reads_as_the_form_says_it() {
    let app = spawn_demo_app().await;
    let mut browser = forum_browser(&app, false).await;
    let mut file = export(&app.db, CLOSED).await;
    commitment_mut(&mut file, "1").state = Draft;
    let page = upload(&mut browser, CLOSED, &file, true).await;
    assert!(
        page.body.contains(
            "<tr><td>commitments</td><td>2</td><td>state</td><td>Los compromisos se redactan \
             mientras el plan está en borrador o en co-creación.</td></tr>"
        ),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn under_implementation_no_new_commitment_is_approved_nor_drafted() {
    let app = spawn_demo_app().await;
    let mut browser = forum_browser(&app, false).await;
    let responsible = any_institution(&app.db).await;
    let mut file = export(&app.db, IMPLEMENTATION).await;
    let code = file.milestones[0].1.commitment_code.clone();
    let position = file.milestones[0].1.position;
    file.milestones[0].1.title = "Otro hito".into();
    for c in [commitment("50", Approved), commitment("51", Draft)] {
        let next = file.commitments.len() + 2;
        file.commitments.push((next, c));
    }
    let mut complete = milestone("52", 1, &responsible);
    (complete.baseline_start, complete.baseline_due) = (date("2023-01-01"), date("2023-06-30"));
    (complete.current_start, complete.current_due) =
        (complete.baseline_start, complete.baseline_due);
    let next = file.commitments.len() + 2;
    file.commitments.push((next, commitment("52", Approved)));
    let next = file.milestones.len() + 2;
    file.milestones.push((next, complete));

    refused_both_ways(
        &app,
        &mut browser,
        IMPLEMENTATION,
        &file,
        &[
            (c("50"), "state", "drafting-closed", ""),
            (c("50"), "state", "import-error-approval-no-milestones", ""),
            (c("51"), "code", "drafting-closed", ""),
            (c("52"), "state", "drafting-closed", ""),
            (m(&code, position), "title", "drafting-closed", ""),
            (m("52", 1), "position", "drafting-closed", ""),
        ],
    )
    .await;
}

// State: the changes the form allows, in the phase the form allows them.

#[tokio::test]
async fn in_co_creation_an_approved_commitment_is_only_withdrawn_and_stays_so() {
    let app = spawn_demo_app().await;
    put_in_phase(&app.db, CLOSED, "co_creation").await;
    let mut browser = forum_browser(&app, false).await;
    let mut file = export(&app.db, CLOSED).await;
    commitment_mut(&mut file, "1").state = Draft;
    commitment_mut(&mut file, "2").state = Consultation;
    commitment_mut(&mut file, "3").state = Withdrawn;

    refused_both_ways(
        &app,
        &mut browser,
        CLOSED,
        &file,
        &[
            (c("1"), "state", "commitment-state-approved-final", ""),
            (c("2"), "state", "commitment-state-approved-final", ""),
        ],
    )
    .await;
    assert_eq!(state_of(&app.db, CLOSED, "3").await, "approved");

    let withdrawn = file.commitments.remove(2).1;
    let only = file_of(vec![withdrawn.clone()]);
    accepted_both_ways(&mut browser, CLOSED, &only).await;
    assert_eq!(state_of(&app.db, CLOSED, "3").await, "withdrawn");

    for back in [Draft, Consultation, Approved] {
        let again = file_of(vec![CommitmentRow {
            state: back,
            ..withdrawn.clone()
        }]);
        refused_both_ways(
            &app,
            &mut browser,
            CLOSED,
            &again,
            &[(c("3"), "state", "commitment-state-withdrawn-final", "")],
        )
        .await;
    }
}

fn file_of(commitments: Vec<CommitmentRow>) -> PlanTemplate {
    file(commitments, vec![])
}

#[tokio::test]
async fn consultation_waits_for_co_creation() {
    let app = spawn_demo_app().await;
    empty_plan(&app.db, "plan-borrador", "draft", CLOSED).await;
    let mut browser = forum_browser(&app, false).await;
    let file = file_of(vec![commitment("1", Consultation), commitment("2", Draft)]);

    refused_both_ways(
        &app,
        &mut browser,
        "plan-borrador",
        &file,
        &[(c("1"), "state", "consultation-needs-cocreation", "")],
    )
    .await;
}

// Approval: at least one milestone, each complete, current dates at the baseline.

#[tokio::test]
async fn during_co_creation_an_import_approves_only_commitments_with_complete_milestones() {
    let app = spawn_demo_app().await;
    empty_plan(&app.db, "plan-en-cocreacion", "co_creation", CLOSED).await;
    let mut browser = forum_browser(&app, false).await;
    let responsible = any_institution(&app.db).await;
    let mut undated = milestone("3", 1, &responsible);
    (undated.baseline_start, undated.current_start) = (None, None);
    let stored = file(vec![commitment("3", Consultation)], vec![undated]);
    accepted_both_ways(&mut browser, "plan-en-cocreacion", &stored).await;

    let mut unassigned = milestone("2", 1, "");
    (unassigned.baseline_due, unassigned.current_due) = (date("2030-01-01"), date("2030-01-01"));
    let file = file(
        vec![
            commitment("1", Approved),
            commitment("2", Approved),
            commitment("3", Approved),
        ],
        vec![unassigned, milestone("3", 2, &responsible)],
    );

    refused_both_ways(
        &app,
        &mut browser,
        "plan-en-cocreacion",
        &file,
        &[
            (c("1"), "state", "import-error-approval-no-milestones", ""),
            (c("3"), "state", "import-error-approval-no-dates", "1"),
            (
                m("2", 1),
                "responsible",
                "import-error-approval-no-responsible",
                "1",
            ),
            (
                m("2", 1),
                "baseline_due",
                "import-error-approval-dates-outside-period",
                "1",
            ),
        ],
    )
    .await;
    assert_eq!(
        state_of(&app.db, "plan-en-cocreacion", "3").await,
        "consultation"
    );
}

#[tokio::test]
async fn an_approval_starts_the_current_dates_at_the_baseline() {
    let app = spawn_demo_app().await;
    empty_plan(&app.db, "plan-en-cocreacion", "co_creation", CLOSED).await;
    let mut browser = forum_browser(&app, false).await;
    let responsible = any_institution(&app.db).await;
    let mut moved = milestone("1", 1, &responsible);
    moved.current_due = date("2020-09-30");

    let approved = file(vec![commitment("1", Approved)], vec![moved.clone()]);
    refused_both_ways(
        &app,
        &mut browser,
        "plan-en-cocreacion",
        &approved,
        &[(
            m("1", 1),
            "current_due",
            "import-error-approval-current-dates",
            "1",
        )],
    )
    .await;

    let draft = file(vec![commitment("1", Draft)], vec![moved]);
    accepted_both_ways(&mut browser, "plan-en-cocreacion", &draft).await;
}

// After approval: the milestones stay, their dates move only by re-plan.

#[tokio::test]
async fn an_approved_commitments_milestones_keep_their_dates_and_take_no_new_ones() {
    let app = spawn_demo_app().await;
    put_in_phase(&app.db, CLOSED, "co_creation").await;
    let mut browser = forum_browser(&app, false).await;
    let responsible = any_institution(&app.db).await;
    let mut file = export(&app.db, CLOSED).await;
    milestone_mut(&mut file, "1", 1).baseline_due = date("2020-03-31");
    milestone_mut(&mut file, "1", 2).current_start = date("2020-03-01");
    milestone_mut(&mut file, "1", 3).title = "Hito corregido".into();
    let next = file.milestones.len() + 2;
    file.milestones
        .push((next, milestone("1", 9, &responsible)));

    refused_both_ways(
        &app,
        &mut browser,
        CLOSED,
        &file,
        &[
            (m("1", 1), "baseline_due", "import-error-dates-frozen", ""),
            (m("1", 2), "current_start", "import-error-dates-frozen", ""),
            (m("1", 9), "position", "draft-milestones-frozen", ""),
        ],
    )
    .await;

    // The title alone is the form's to change while drafting is open.
    file.commitments.retain(|(_, c)| c.code == "1");
    file.milestones
        .retain(|(_, m)| m.commitment_code == "1" && m.position == 3);
    accepted_both_ways(&mut browser, CLOSED, &file).await;
}

#[tokio::test]
async fn under_implementation_an_approved_commitments_dates_move_only_by_re_plan() {
    let app = spawn_demo_app().await;
    let mut browser = forum_browser(&app, false).await;
    let mut file = export(&app.db, IMPLEMENTATION).await;
    let first = &mut file.milestones[0].1;
    let (code, position) = (first.commitment_code.clone(), first.position);
    first.current_due = date("2024-01-31");

    refused_both_ways(
        &app,
        &mut browser,
        IMPLEMENTATION,
        &file,
        &[(
            m(&code, position),
            "current_due",
            "import-error-dates-frozen",
            "",
        )],
    )
    .await;
}

#[tokio::test]
async fn a_commitment_withdrawn_after_approval_keeps_its_baseline_dates() {
    let app = spawn_demo_app().await;
    put_in_phase(&app.db, CLOSED, "co_creation").await;
    sqlx::query(
        "UPDATE commitments SET state = 'withdrawn'
          WHERE code = '1' AND plan_id = (SELECT id FROM action_plans WHERE slug = $1)",
    )
    .bind(CLOSED)
    .execute(&app.db)
    .await
    .expect("withdraw");
    let mut browser = forum_browser(&app, false).await;
    let mut file = export(&app.db, CLOSED).await;
    file.commitments.retain(|(_, c)| c.code == "1");
    file.milestones.retain(|(_, m)| m.commitment_code == "1");
    milestone_mut(&mut file, "1", 1).baseline_start = date("2019-10-01");

    refused_both_ways(
        &app,
        &mut browser,
        CLOSED,
        &file,
        &[(
            m("1", 1),
            "baseline_start",
            "import-error-baseline-frozen",
            "",
        )],
    )
    .await;
}

// Codes: as on the form.

#[tokio::test]
async fn an_import_refuses_a_code_that_is_not_letters_digits_dots_or_hyphens() {
    let app = spawn_demo_app().await;
    empty_plan(&app.db, "plan-borrador", "draft", CLOSED).await;
    let mut browser = forum_browser(&app, false).await;
    let responsible = any_institution(&app.db).await;
    let long = "1234567890.1234567890";
    let file = file(
        vec![
            commitment("../x?abc#", Draft),
            commitment("-1", Draft),
            commitment(long, Draft),
            commitment("3.1", Draft),
        ],
        vec![milestone("../x?abc#", 1, &responsible)],
    );

    refused_both_ways(
        &app,
        &mut browser,
        "plan-borrador",
        &file,
        &[
            (c("../x?abc#"), "code", "draft-code-invalid", ""),
            (c("-1"), "code", "draft-code-invalid", ""),
            (c(long), "code", "draft-code-invalid", ""),
            (
                m("../x?abc#", 1),
                "commitment_code",
                "draft-code-invalid",
                "",
            ),
        ],
    )
    .await;
    let page = upload(&mut browser, "plan-borrador", &file, true).await;
    assert!(
        page.body.contains(
            "<td>code</td><td>Use letras, números, puntos o guiones, empezando por una letra o \
             un número (hasta 20 caracteres).</td>"
        ),
        "{}",
        page.body
    );
}

// What the rules let through.

#[tokio::test]
async fn a_file_may_approve_a_draft_and_set_its_baseline_at_once() {
    let app = spawn_demo_app().await;
    empty_plan(&app.db, "plan-en-cocreacion", "co_creation", CLOSED).await;
    let mut browser = forum_browser(&app, false).await;
    let responsible = any_institution(&app.db).await;
    let draft = file(
        vec![commitment("1", Draft)],
        vec![milestone("1", 1, &responsible)],
    );
    accepted_both_ways(&mut browser, "plan-en-cocreacion", &draft).await;

    let mut later = milestone("1", 1, &responsible);
    (later.baseline_due, later.current_due) = (date("2020-09-30"), date("2020-09-30"));
    let approved = file(vec![commitment("1", Approved)], vec![later]);
    accepted_both_ways(&mut browser, "plan-en-cocreacion", &approved).await;

    assert_eq!(
        state_of(&app.db, "plan-en-cocreacion", "1").await,
        "approved"
    );
    let (due, stamped): (NaiveDate, bool) = sqlx::query_as(
        "SELECT m.baseline_due, c.approved_at IS NOT NULL FROM milestones m
           JOIN commitments c ON c.id = m.commitment_id
           JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = 'plan-en-cocreacion' AND c.code = '1'",
    )
    .fetch_one(&app.db)
    .await
    .expect("milestone");
    assert_eq!((Some(due), stamped), (date("2020-09-30"), true));
    let before = snapshot(&app.db, "plan-en-cocreacion").await;
    accepted_both_ways(&mut browser, "plan-en-cocreacion", &approved).await;
    assert!(
        snapshot(&app.db, "plan-en-cocreacion").await == before,
        "a second changes nothing"
    );
}

#[tokio::test]
async fn a_valid_import_during_co_creation_writes_every_row_and_a_second_changes_nothing() {
    let app = spawn_demo_app().await;
    empty_plan(&app.db, "plan-valido", "co_creation", CLOSED).await;
    let mut browser = forum_browser(&app, false).await;
    let responsible = any_institution(&app.db).await;
    let file = file(
        vec![
            commitment("1", Approved),
            commitment("2", Consultation),
            commitment("3", Withdrawn),
            commitment("3.1", Draft),
        ],
        vec![
            milestone("1", 1, &responsible),
            milestone("1", 2, &responsible),
            milestone("3.1", 1, ""),
        ],
    );
    let before = snapshot(&app.db, "plan-valido").await;

    let dry = upload(&mut browser, "plan-valido", &file, true).await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert!(dry.body.contains("7 filas nuevas"), "{}", dry.body);
    assert!(
        snapshot(&app.db, "plan-valido").await == before,
        "a dry run writes nothing"
    );

    let real = upload(&mut browser, "plan-valido", &file, false).await;
    assert_eq!(real.status, StatusCode::OK, "{}", real.body);
    for (code, state) in [
        ("1", "approved"),
        ("2", "consultation"),
        ("3", "withdrawn"),
        ("3.1", "draft"),
    ] {
        assert_eq!(state_of(&app.db, "plan-valido", code).await, state);
    }

    let written = snapshot(&app.db, "plan-valido").await;
    let again = upload(&mut browser, "plan-valido", &file, false).await;
    assert!(again.body.contains("7 filas sin cambios"), "{}", again.body);
    assert!(snapshot(&app.db, "plan-valido").await == written);
}

#[tokio::test]
async fn a_closed_plans_own_export_imports_with_nothing_to_change() {
    let app = spawn_demo_app().await;
    let mut browser = forum_browser(&app, false).await;
    let file = export(&app.db, CLOSED).await;
    let before = snapshot(&app.db, CLOSED).await;

    accepted_both_ways(&mut browser, CLOSED, &file).await;

    assert!(snapshot(&app.db, CLOSED).await == before);
}

// The command line: the same import, the same refusals.

#[tokio::test]
async fn the_command_line_import_refuses_what_the_forms_refuse() {
    let app = spawn_demo_app().await;
    let mut file = export(&app.db, CLOSED).await;
    commitment_mut(&mut file, "1").state = Draft;
    let csv = spreadsheet::write(FileFormat::Csv, &file).expect("csv");
    let path = std::env::temp_dir().join(format!("plan-{}.csv", uuid::Uuid::now_v7()));
    std::fs::write(&path, csv).expect("write");
    let before = snapshot(&app.db, CLOSED).await;

    for dry_run in [true, false] {
        let code = commands::import_plan(&app.db, CLOSED, &path, dry_run)
            .await
            .expect("import");
        assert_eq!(code, ExitCode::FAILURE, "dry run: {dry_run}");
    }

    std::fs::remove_file(&path).ok();
    assert!(snapshot(&app.db, CLOSED).await == before);
    assert_eq!(state_of(&app.db, CLOSED, "1").await, "approved");
}

#[tokio::test]
async fn an_upload_without_a_file_comes_back_with_the_field_marked() {
    let app = spawn_demo_app().await;
    let mut browser = forum_browser(&app, false).await;
    let uri = format!("/co-creation/plans/{IMPLEMENTATION}/import");
    let before = counts(&app.db).await;
    for files in [
        vec![],
        vec![("file", "", Vec::new())],
        vec![("file", "plan.docx", b"PK".to_vec())],
    ] {
        let page = browser
            .post_multipart(&uri, &uri, &[("dry_run", "1")], &files)
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{files:?}");
        assert!(page.body.contains("Elija un archivo .xlsx o .csv."));
        assert!(page.body.contains("id=\"file-error\""));
        assert!(page.body.contains("aria-invalid=\"true\""));
    }
    assert_eq!(counts(&app.db).await, before, "nothing written");
}

#[tokio::test]
async fn past_co_creation_the_commitment_form_is_shown_disabled_without_a_save_button() {
    let app = spawn_demo_app().await;
    let mut browser = forum_browser(&app, false).await;
    let page = browser
        .get(&format!(
            "/co-creation/plans/{IMPLEMENTATION}/commitments/4/edit"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = Html::parse_document(&page.body);
    let disabled =
        Selector::parse("form.stacked fieldset.bare[disabled] input#title").expect("css");
    assert_eq!(doc.select(&disabled).count(), 1, "the fields are disabled");
    assert!(page.body.contains("id=\"drafting-closed\""));
    let save = Selector::parse("form.stacked > button[type=submit]").expect("css");
    assert_eq!(doc.select(&save).count(), 0, "no save button");
}
