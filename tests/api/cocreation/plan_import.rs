//! The plan import follows the drafting forms' rules: what the forms refuse in a plan's phase
//! (a state change, an approval without milestones, a code that is no code), an import refuses
//! too, on the web and on the command line, listing each row, and it writes nothing.

use std::process::ExitCode;

use abierto::commands::transfer as commands;
use abierto::store::cocreation::plan_transfer::{self, ImportSummary};
use abierto::transfer::spreadsheet;
use abierto::transfer::template::{
    COMMITMENT_COLUMNS, COMMITMENTS, MILESTONE_COLUMNS, MILESTONES, Sheet,
};
use axum::http::StatusCode;
use sqlx::PgPool;

use crate::helpers::spawn_demo_app;
use crate::transfer::{
    column, counts, demo_plan_csv, empty_plan, forum_browser, import_sheets, plan, sheets_of,
    upload,
};

/// Each problem as (sheet, row, column, message key).
fn places(summary: &ImportSummary) -> Vec<(&str, usize, &str, &str)> {
    summary
        .errors
        .iter()
        .map(|e| (e.sheet.as_str(), e.row, e.column.as_str(), e.key))
        .collect()
}

/// A commitment row with a code, a title and a state; the other cells empty.
fn commitment(code: &str, state: &str) -> Vec<String> {
    let mut cells = vec![String::new(); COMMITMENT_COLUMNS.len()];
    cells[column("code", &COMMITMENT_COLUMNS)] = code.into();
    cells[column("title", &COMMITMENT_COLUMNS)] = format!("Compromiso {code}");
    cells[column("state", &COMMITMENT_COLUMNS)] = state.into();
    cells
}

/// A complete milestone row inside the demo 2019 plan's period.
fn milestone(code: &str, position: u8, responsible: &str) -> Vec<String> {
    let mut cells = vec![String::new(); MILESTONE_COLUMNS.len()];
    for (name, value) in [
        ("commitment_code", code),
        ("position", &position.to_string()),
        ("title", &format!("Hito {position}")),
        ("responsible", responsible),
        ("baseline_start", "2020-01-01"),
        ("baseline_due", "2020-06-30"),
    ] {
        cells[column(name, &MILESTONE_COLUMNS)] = value.into();
    }
    cells
}

/// A file with these rows (numbered from 2, under the header).
fn file(commitments: Vec<Vec<String>>, milestones: Vec<Vec<String>>) -> Vec<Sheet> {
    let sheet = |name: &str, header: &[&str], rows: Vec<Vec<String>>| Sheet {
        name: name.into(),
        header: header.iter().map(|h| (*h).to_owned()).collect(),
        rows: (2..).zip(rows).collect(),
    };
    vec![
        sheet(COMMITMENTS, &COMMITMENT_COLUMNS, commitments),
        sheet(MILESTONES, &MILESTONE_COLUMNS, milestones),
    ]
}

async fn any_institution(db: &PgPool) -> String {
    sqlx::query_scalar("SELECT slug FROM institutions ORDER BY slug LIMIT 1")
        .fetch_one(db)
        .await
        .expect("institution")
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

#[tokio::test]
async fn an_import_cannot_move_an_approved_commitment_of_a_closed_plan_back_to_draft() {
    let app = spawn_demo_app().await;
    assert_eq!(
        state_of(&app.db, "ecuador-2019-2022", "1").await,
        "approved"
    );
    let csv = demo_plan_csv(&app)
        .await
        .replacen(",approved,", ",draft,", 1);
    let mut browser = forum_browser(&app, true).await;
    let before = counts(&app.db).await;

    let dry = upload(&mut browser, &csv, true).await;
    assert_eq!(dry.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        dry.body.contains(
            "<tr><td>commitments</td><td>2</td><td>state</td><td>Commitments are drafted while \
             the plan is a draft or in co-creation.</td></tr>"
        ),
        "the dry run lists the row: {}",
        dry.body
    );
    let real = upload(&mut browser, &csv, false).await;
    assert_eq!(real.status, StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(
        counts(&app.db).await[..7],
        before[..7],
        "nothing was written"
    );
    assert_eq!(
        state_of(&app.db, "ecuador-2019-2022", "1").await,
        "approved"
    );
}

#[tokio::test]
async fn the_command_line_import_refuses_what_the_forms_refuse() {
    let app = spawn_demo_app().await;
    let csv = demo_plan_csv(&app)
        .await
        .replacen(",approved,", ",draft,", 1);
    let path = std::env::temp_dir().join(format!("plan-{}.csv", uuid::Uuid::now_v7()));
    std::fs::write(&path, csv).expect("write");
    let before = counts(&app.db).await;

    for dry_run in [true, false] {
        let code = commands::import_plan(&app.db, "ecuador-2019-2022", &path, dry_run)
            .await
            .expect("import");
        assert_eq!(code, ExitCode::FAILURE, "dry run: {dry_run}");
    }

    std::fs::remove_file(&path).ok();
    assert_eq!(counts(&app.db).await, before);
    assert_eq!(
        state_of(&app.db, "ecuador-2019-2022", "1").await,
        "approved"
    );
}

#[tokio::test]
async fn an_import_refuses_a_new_approved_commitment_without_milestones_in_a_plan_under_implementation()
 {
    let app = spawn_demo_app().await;
    let plan = plan(&app.db, "ecuador-2022-2024").await;
    let exported = plan_transfer::export(&app.db, plan.id)
        .await
        .expect("export");
    let mut sheets = sheets_of(&exported);
    let row = sheets[0].rows.len() + 2;
    sheets[0].rows.push((row, commitment("5", "approved")));
    let before = counts(&app.db).await;

    for dry_run in [true, false] {
        let summary = import_sheets(&app.db, &plan, &sheets, dry_run).await;
        assert_eq!(
            places(&summary),
            vec![
                (COMMITMENTS, row, "state", "drafting-closed"),
                (
                    COMMITMENTS,
                    row,
                    "state",
                    "import-error-approval-no-milestones"
                ),
            ],
            "dry run: {dry_run}"
        );
    }
    assert_eq!(counts(&app.db).await, before, "nothing was written");
}

#[tokio::test]
async fn during_co_creation_an_import_approves_only_commitments_with_complete_milestones() {
    let app = spawn_demo_app().await;
    let plan = empty_plan(
        &app.db,
        "plan-en-cocreacion",
        "co_creation",
        "ecuador-2019-2022",
    )
    .await;
    let mut unassigned = milestone("2", 1, "");
    unassigned[column("baseline_due", &MILESTONE_COLUMNS)] = "2030-01-01".into();
    let sheets = file(
        vec![commitment("1", "approved"), commitment("2", "approved")],
        vec![unassigned],
    );
    let before = counts(&app.db).await;

    let summary = import_sheets(&app.db, &plan, &sheets, false).await;

    assert_eq!(
        places(&summary),
        vec![
            (
                COMMITMENTS,
                2,
                "state",
                "import-error-approval-no-milestones"
            ),
            (
                MILESTONES,
                2,
                "responsible",
                "import-error-approval-no-responsible"
            ),
            (
                MILESTONES,
                2,
                "baseline_due",
                "import-error-approval-dates-outside-period"
            ),
        ]
    );
    assert_eq!(counts(&app.db).await, before, "nothing was written");
}

#[tokio::test]
async fn an_import_refuses_a_code_that_is_not_letters_digits_dots_or_hyphens() {
    let app = spawn_demo_app().await;
    let plan = empty_plan(&app.db, "plan-borrador", "draft", "ecuador-2019-2022").await;
    let responsible = any_institution(&app.db).await;
    let sheets = file(
        vec![commitment("../x?abc#", "draft")],
        vec![milestone("../x?abc#", 1, &responsible)],
    );
    let before = counts(&app.db).await;

    let summary = import_sheets(&app.db, &plan, &sheets, true).await;

    assert_eq!(
        places(&summary),
        vec![
            (COMMITMENTS, 2, "code", "draft-code-invalid"),
            (MILESTONES, 2, "commitment_code", "draft-code-invalid"),
        ]
    );
    let summary = import_sheets(&app.db, &plan, &sheets, false).await;
    assert_eq!(summary.errors.len(), 2);
    assert_eq!(counts(&app.db).await, before, "nothing was written");
}

#[tokio::test]
async fn the_import_page_names_the_cell_of_a_bad_code() {
    let app = spawn_demo_app().await;
    let mut row = vec![""; spreadsheet::csv_header().len()];
    (row[0], row[1], row[3]) = ("commitment", "../x?abc#", "Compromiso raro");
    let csv = demo_plan_csv(&app).await + &row.join(",") + "\n";
    let demo = plan(&app.db, "ecuador-2019-2022").await;
    let exported = plan_transfer::export(&app.db, demo.id)
        .await
        .expect("export");
    // Records are numbered from 2, under the header (a cell may hold several lines).
    let last_row = exported.commitments.len() + exported.milestones.len() + 2;
    let mut browser = forum_browser(&app, false).await;

    let dry = upload(&mut browser, &csv, true).await;

    assert_eq!(dry.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        dry.body.contains(&format!(
            "<tr><td>commitments</td><td>{last_row}</td><td>code</td><td>Use letras, números, \
             puntos o guiones, empezando por una letra o un número (hasta 20 caracteres).</td></tr>"
        )),
        "{}",
        dry.body
    );
}

#[tokio::test]
async fn a_valid_import_during_co_creation_writes_every_row_and_a_second_changes_nothing() {
    let app = spawn_demo_app().await;
    let plan = empty_plan(&app.db, "plan-valido", "co_creation", "ecuador-2019-2022").await;
    let responsible = any_institution(&app.db).await;
    let sheets = file(
        vec![
            commitment("1", "approved"),
            commitment("2", "consultation"),
            commitment("3", "withdrawn"),
            commitment("3.1", "draft"),
        ],
        vec![
            milestone("1", 1, &responsible),
            milestone("1", 2, &responsible),
            milestone("3.1", 1, ""),
        ],
    );
    let before = counts(&app.db).await;

    let dry = import_sheets(&app.db, &plan, &sheets, true).await;
    assert_eq!(dry.errors, vec![]);
    assert_eq!(dry.created, 7);
    assert_eq!(counts(&app.db).await, before, "a dry run writes nothing");

    let real = import_sheets(&app.db, &plan, &sheets, false).await;
    assert_eq!(real.errors, vec![]);
    assert_eq!((real.created, real.updated), (7, 0));
    for (code, state) in [
        ("1", "approved"),
        ("2", "consultation"),
        ("3", "withdrawn"),
        ("3.1", "draft"),
    ] {
        assert_eq!(state_of(&app.db, "plan-valido", code).await, state);
    }

    let again = import_sheets(&app.db, &plan, &sheets, false).await;
    assert_eq!(again.errors, vec![]);
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 7));
}

#[tokio::test]
async fn a_closed_plans_own_export_imports_with_nothing_to_change() {
    let app = spawn_demo_app().await;
    let plan = plan(&app.db, "ecuador-2019-2022").await;
    let exported = plan_transfer::export(&app.db, plan.id)
        .await
        .expect("export");
    let rows = exported.commitments.len() + exported.milestones.len();
    let before = counts(&app.db).await;

    let summary = import_sheets(&app.db, &plan, &sheets_of(&exported), false).await;

    assert_eq!(summary.errors, vec![]);
    assert_eq!(
        (summary.created, summary.updated, summary.unchanged),
        (0, 0, rows)
    );
    assert_eq!(counts(&app.db).await, before);
}
