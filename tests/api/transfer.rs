//! Imports and backup: the plan template (dry run, upsert, XLSX round trip), OGP's
//! commitments export, the whole-database backup, and the forum's import page.

use abierto::domain::Role;
use abierto::store::admin::backup;
use abierto::store::admin::ogp_import;
use abierto::store::cocreation::plan_transfer::{self, ImportSummary, Importer, PlanRef};
use abierto::transfer::ogp;
use abierto::transfer::spreadsheet::{self, FileFormat};
use abierto::transfer::template::{
    self, COMMITMENT_COLUMNS, COMMITMENTS, MILESTONE_COLUMNS, MILESTONES, PlanTemplate, Sheet,
    commitment_cells, milestone_cells,
};
use axum::http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_app, spawn_demo_app};

const OGP_SAMPLE: &[u8] = include_bytes!("../data/ogp-commitments-sample.csv");

pub(crate) async fn plan(db: &PgPool, slug: &str) -> PlanRef {
    plan_transfer::plan_by_slug(db, slug)
        .await
        .expect("query")
        .expect("plan")
}

async fn plan_id(db: &PgPool, slug: &str) -> Uuid {
    plan(db, slug).await.id
}

/// Puts a plan in a phase directly (the forum's page only moves forward), so that a test
/// can import into a demo plan as it would be during co-creation.
pub(crate) async fn put_in_phase(db: &PgPool, slug: &str, phase: &str) {
    sqlx::query("UPDATE action_plans SET phase = $2 WHERE slug = $1")
        .bind(slug)
        .bind(phase)
        .execute(db)
        .await
        .expect("phase");
}

/// Rows of the domain tables an import may touch.
pub(crate) async fn counts(db: &PgPool) -> Vec<i64> {
    let mut out = Vec::new();
    for table in [
        "governments",
        "action_plans",
        "institutions",
        "commitments",
        "commitment_actors",
        "milestones",
        "assessments",
        "audit_log",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(db)
            .await
            .expect("count");
        out.push(n);
    }
    out
}

/// The plan's template as sheets of text cells, as a file would hold them.
fn sheets_of(plan: &PlanTemplate) -> Vec<Sheet> {
    let sheet = |name: &str, header: &[&str], rows: Vec<Vec<String>>| Sheet {
        name: name.to_owned(),
        header: header.iter().map(|h| (*h).to_owned()).collect(),
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| (i + 2, r))
            .collect(),
    };
    vec![
        sheet(
            COMMITMENTS,
            &COMMITMENT_COLUMNS,
            plan.commitments
                .iter()
                .map(|(_, c)| commitment_cells(c))
                .collect(),
        ),
        sheet(
            MILESTONES,
            &MILESTONE_COLUMNS,
            plan.milestones
                .iter()
                .map(|(_, m)| milestone_cells(m))
                .collect(),
        ),
    ]
}

fn column(name: &str, columns: &[&str]) -> usize {
    columns.iter().position(|c| *c == name).expect("column")
}

async fn import_sheets(
    db: &PgPool,
    plan: &PlanRef,
    sheets: &[Sheet],
    dry_run: bool,
) -> ImportSummary {
    let (parsed, errors) = template::parse(sheets);
    plan_transfer::import(db, plan, &parsed, errors, dry_run, &Importer::cli())
        .await
        .expect("import")
}

/// A new, empty plan in a phase, of the government and over the period of another plan.
pub(crate) async fn empty_plan(db: &PgPool, slug: &str, phase: &str, like: &str) -> PlanRef {
    sqlx::query(
        "INSERT INTO action_plans (id, government_id, title, slug, period_start, period_end, phase)
         SELECT $1, government_id, 'Plan vacío', $2, period_start, period_end, $3
           FROM action_plans WHERE slug = $4",
    )
    .bind(Uuid::now_v7())
    .bind(slug)
    .bind(phase)
    .bind(like)
    .execute(db)
    .await
    .expect("plan");
    plan(db, slug).await
}

#[tokio::test]
async fn a_dry_run_lists_exactly_the_three_bad_rows_and_writes_nothing() {
    let app = spawn_demo_app().await;
    put_in_phase(&app.db, "ecuador-2019-2022", "co_creation").await;
    let plan = plan(&app.db, "ecuador-2019-2022").await;
    let exported = plan_transfer::export(&app.db, plan.id)
        .await
        .expect("export");
    let mut sheets = sheets_of(&exported);
    sheets[0].rows[1].1[column("state", &COMMITMENT_COLUMNS)] = "finished".into();
    sheets[0].rows[3].1[column("lead", &COMMITMENT_COLUMNS)] = "no-such-institution".into();
    sheets[1].rows[0].1[column("baseline_due", &MILESTONE_COLUMNS)] = "30/06/2021".into();
    let before = counts(&app.db).await;

    let summary = import_sheets(&app.db, &plan, &sheets, true).await;

    let found: Vec<_> = summary
        .errors
        .iter()
        .map(|e| (e.sheet.as_str(), e.row, e.column.as_str(), e.key))
        .collect();
    assert_eq!(
        found,
        vec![
            (COMMITMENTS, 3, "state", "import-error-value"),
            (COMMITMENTS, 5, "lead", "import-error-unknown-institution"),
            (MILESTONES, 2, "baseline_due", "import-error-date"),
        ]
    );
    assert_eq!(counts(&app.db).await, before, "a dry run changes nothing");
    // Without the dry run, the same file still writes nothing.
    let summary = import_sheets(&app.db, &plan, &sheets, false).await;
    assert_eq!(summary.errors.len(), 3);
    assert_eq!(counts(&app.db).await, before);
}

#[tokio::test]
async fn an_import_updates_rows_in_place_by_code_and_a_second_changes_nothing() {
    let app = spawn_demo_app().await;
    put_in_phase(&app.db, "ecuador-2019-2022", "co_creation").await;
    let plan = plan(&app.db, "ecuador-2019-2022").await;
    let exported = plan_transfer::export(&app.db, plan.id)
        .await
        .expect("export");
    let rows = exported.commitments.len() + exported.milestones.len();
    let code = exported.commitments[0].1.code.clone();
    let id_before: Uuid =
        sqlx::query_scalar("SELECT id FROM commitments WHERE plan_id = $1 AND code = $2")
            .bind(plan.id)
            .bind(&code)
            .fetch_one(&app.db)
            .await
            .expect("id");
    let mut sheets = sheets_of(&exported);
    sheets[0].rows[0].1[column("title", &COMMITMENT_COLUMNS)] = "Título corregido".into();
    let mut new_row = sheets[0].rows[0].1.clone();
    new_row[0] = "99".into();
    new_row[column("ogp_id", &COMMITMENT_COLUMNS)] = String::new();
    new_row[column("title", &COMMITMENT_COLUMNS)] = "Compromiso nuevo".into();
    new_row[column("state", &COMMITMENT_COLUMNS)] = "draft".into();
    sheets[0].rows.push((99, new_row));

    let first = import_sheets(&app.db, &plan, &sheets, false).await;
    assert_eq!(first.errors, vec![]);
    assert_eq!(
        (first.created, first.updated, first.unchanged),
        (1, 1, rows - 1)
    );
    let (id_after, title): (Uuid, String) =
        sqlx::query_as("SELECT id, title FROM commitments WHERE plan_id = $1 AND code = $2")
            .bind(plan.id)
            .bind(&code)
            .fetch_one(&app.db)
            .await
            .expect("row");
    assert_eq!((id_after, title.as_str()), (id_before, "Título corregido"));
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action LIKE 'commitment.import_%' AND actor_label = 'cli'",
    )
    .fetch_one(&app.db)
    .await
    .expect("audit");
    assert_eq!(audited, 2);

    let before = counts(&app.db).await;
    let second = import_sheets(&app.db, &plan, &sheets, false).await;
    assert_eq!(
        (second.created, second.updated, second.unchanged),
        (0, 0, rows + 1)
    );
    assert_eq!(counts(&app.db).await, before);
}

#[tokio::test]
async fn an_approved_commitments_milestone_dates_do_not_move_by_import() {
    let app = spawn_demo_app().await;
    let plan = plan(&app.db, "ecuador-2022-2024").await;
    let exported = plan_transfer::export(&app.db, plan.id)
        .await
        .expect("export");
    let mut sheets = sheets_of(&exported);
    sheets[1].rows[0].1[column("current_due", &MILESTONE_COLUMNS)] = "2030-01-01".into();
    let summary = import_sheets(&app.db, &plan, &sheets, false).await;
    assert_eq!(summary.errors.len(), 1);
    assert_eq!(summary.errors[0].key, "import-error-dates-frozen");
}

#[tokio::test]
async fn an_xlsx_export_imported_into_an_empty_plan_exports_the_same() {
    let app = spawn_demo_app().await;
    let source = plan_id(&app.db, "ecuador-2019-2022").await;
    // The demo's commitments without a lead institution have milestones without a responsible
    // one; an import approves a commitment only with complete milestones, as the form does.
    sqlx::query(
        "UPDATE milestones SET responsible_institution_id = (SELECT min(id::text)::uuid FROM institutions)
          WHERE responsible_institution_id IS NULL",
    )
    .execute(&app.db)
    .await
    .expect("responsible");
    let first = plan_transfer::export(&app.db, source)
        .await
        .expect("export");
    assert!(!first.milestones.is_empty());
    let bytes = spreadsheet::write(FileFormat::Xlsx, &first).expect("xlsx");

    let target = empty_plan(&app.db, "plan-vacio", "draft", "ecuador-2019-2022").await;
    let (sheets, errors) = spreadsheet::read(FileFormat::Xlsx, &bytes).expect("read");
    assert_eq!(errors, vec![]);
    let summary = import_sheets(&app.db, &target, &sheets, false).await;
    assert_eq!(summary.errors, vec![]);
    assert_eq!(
        summary.created,
        first.commitments.len() + first.milestones.len()
    );

    let second = plan_transfer::export(&app.db, target.id)
        .await
        .expect("export");
    assert_eq!(second, first);
    let again = spreadsheet::write(FileFormat::Xlsx, &second).expect("xlsx");
    let (sheets_again, _) = spreadsheet::read(FileFormat::Xlsx, &again).expect("read");
    assert_eq!(sheets_again, sheets);
    // And the CSV form of the same plan is the same bytes.
    assert_eq!(
        spreadsheet::write(FileFormat::Csv, &first).expect("csv"),
        spreadsheet::write(FileFormat::Csv, &second).expect("csv")
    );
}

async fn import_ogp(db: &PgPool) -> ogp_import::OgpSummary {
    let parsed = ogp::parse(OGP_SAMPLE).expect("parse");
    ogp_import::import(db, &parsed, &Importer::cli(), || {})
        .await
        .expect("import")
}

#[tokio::test]
async fn the_ogp_sample_imports_and_a_second_import_creates_nothing() {
    let app = spawn_app().await;
    let first = import_ogp(&app.db).await;
    assert_eq!(first.commitments, 25);
    assert_eq!(first.governments, 17);
    assert_eq!(first.skipped, vec![]);
    assert!(first.plans >= 17 && first.institutions >= 25, "{first:?}");
    let irm: i64 =
        sqlx::query_scalar("SELECT count(*) FROM assessments WHERE source = 'irm_import'")
            .fetch_one(&app.db)
            .await
            .expect("count");
    assert_eq!(irm as usize, first.assessments);
    let label: String = sqlx::query_scalar(
        "SELECT a.source_label FROM assessments a JOIN commitments c ON c.id = a.commitment_id
          WHERE c.ogp_id = 'CR0026' AND a.completion = 'limited'",
    )
    .fetch_one(&app.db)
    .await
    .expect("CR0026's progress report");
    assert!(
        label.contains("Completion (Progress Report): Limited"),
        "{label}"
    );
    let before = counts(&app.db).await;

    let second = import_ogp(&app.db).await;

    assert_eq!(
        (
            second.governments,
            second.plans,
            second.institutions,
            second.commitments,
            second.assessments
        ),
        (0, 0, 0, 0, 0)
    );
    assert_eq!(second.skipped.len(), 25);
    assert!(second.skipped.iter().all(|s| s.reason == "ogp-skip-exists"));
    assert_eq!(counts(&app.db).await, before);
}

#[tokio::test]
async fn the_ogp_import_finds_the_demo_government_and_skips_its_commitment() {
    let app = spawn_demo_app().await;
    let summary = import_ogp(&app.db).await;
    assert_eq!(summary.commitments, 24);
    assert_eq!(summary.governments, 16, "Ecuador exists already");
    assert_eq!(summary.skipped.len(), 1);
    assert_eq!(summary.skipped[0].ogp_id, "EC0014");
}

async fn backup_json(db: &PgPool) -> String {
    let b = backup::export(db, |_, _| {}).await.expect("backup");
    serde_json::to_string(&b).expect("json")
}

#[tokio::test]
async fn a_backup_restored_into_an_empty_database_backs_up_identically() {
    let app = spawn_demo_app().await;
    import_ogp(&app.db).await;
    app.user("nucleo@example.org", Role::Nucleo, None).await;
    let a = backup_json(&app.db).await;
    assert!(a.contains("\"audit_log\"") && a.contains("password_hash"));

    let empty = spawn_app().await;
    let parsed: backup::Backup = serde_json::from_str(&a).expect("parse");
    backup::restore(&empty.db, &parsed, |_, _| {})
        .await
        .expect("restore");
    let b = backup_json(&empty.db).await;

    assert_eq!(a, b);
    let report = abierto::store::audit::verify(&empty.db)
        .await
        .expect("verify");
    assert_eq!(report.first_mismatch, None, "the restored chain verifies");
    // The restored database keeps working: ids and the audit chain continue.
    let restored = empty.user("new@example.org", Role::Participant, None).await;
    assert_ne!(restored, Uuid::nil());
}

#[tokio::test]
async fn a_restore_into_a_database_with_data_is_refused() {
    let app = spawn_demo_app().await;
    let parsed: backup::Backup = serde_json::from_str(&backup_json(&app.db).await).expect("parse");
    let before = counts(&app.db).await;
    let error = backup::restore(&app.db, &parsed, |_, _| {})
        .await
        .expect_err("refused");
    assert!(error.to_string().contains("not empty"), "{error}");
    assert_eq!(counts(&app.db).await, before);
}

const IMPORT_PAGE: &str = "/co-creation/plans/ecuador-2019-2022/import";

/// A forum member's browser, logged in, in Spanish or English.
pub(crate) async fn forum_browser(app: &TestApp, english: bool) -> crate::helpers::Browser<'_> {
    let email = if english {
        "forum.en@example.org"
    } else {
        "forum@example.org"
    };
    app.user(email, Role::Nucleo, None).await;
    let mut browser = app.browser();
    browser.log_in(email).await;
    if english {
        browser.get("/lang/en?next=/plans").await;
    }
    browser
}

async fn upload(
    browser: &mut crate::helpers::Browser<'_>,
    csv: &str,
    dry_run: bool,
) -> crate::helpers::Page {
    let fields: Vec<(&str, &str)> = if dry_run {
        vec![("dry_run", "1")]
    } else {
        vec![]
    };
    browser
        .post_multipart(
            IMPORT_PAGE,
            IMPORT_PAGE,
            &fields,
            &[("file", "plan.csv", csv.as_bytes().to_vec())],
        )
        .await
}

async fn demo_plan_csv(app: &TestApp) -> String {
    let plan = plan_id(&app.db, "ecuador-2019-2022").await;
    let exported = plan_transfer::export(&app.db, plan).await.expect("export");
    String::from_utf8(spreadsheet::write(FileFormat::Csv, &exported).expect("csv")).expect("utf-8")
}

#[tokio::test]
async fn the_import_page_lists_problems_in_the_visitors_language() {
    let app = spawn_demo_app().await;
    let csv = demo_plan_csv(&app)
        .await
        .replacen(",approved,", ",finished,", 1);
    let before = counts(&app.db).await;

    let spanish = upload(&mut forum_browser(&app, false).await, &csv, false).await;
    assert_eq!(spanish.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        spanish.body.contains("Valor no admitido"),
        "{}",
        spanish.body
    );
    assert!(spanish.body.contains("<td>state</td>"));

    let english = upload(&mut forum_browser(&app, true).await, &csv, false).await;
    assert_eq!(english.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        english.body.contains("Value not allowed"),
        "{}",
        english.body
    );
    let after = counts(&app.db).await;
    assert_eq!(before[..7], after[..7], "nothing was written");
}

#[tokio::test]
async fn the_import_page_dry_run_changes_nothing_and_the_import_writes() {
    let app = spawn_demo_app().await;
    put_in_phase(&app.db, "ecuador-2019-2022", "co_creation").await;
    let mut row = vec![""; spreadsheet::csv_header().len()];
    (row[0], row[1], row[3], row[5]) = ("commitment", "77", "Compromiso subido", "draft");
    let csv = demo_plan_csv(&app).await + &row.join(",") + "\n";
    let mut browser = forum_browser(&app, false).await;
    let before = counts(&app.db).await;
    let dry = upload(&mut browser, &csv, true).await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert!(dry.body.contains("1 fila nueva"), "{}", dry.body);
    assert_eq!(counts(&app.db).await[..7], before[..7]);

    let real = upload(&mut browser, &csv, false).await;
    assert_eq!(real.status, StatusCode::OK);
    let title: String = sqlx::query_scalar("SELECT title FROM commitments WHERE code = '77'")
        .fetch_one(&app.db)
        .await
        .expect("imported");
    assert_eq!(title, "Compromiso subido");
    let actor: String = sqlx::query_scalar(
        "SELECT actor_label FROM audit_log WHERE action = 'commitment.import_create'",
    )
    .fetch_one(&app.db)
    .await
    .expect("audited");
    assert_eq!(actor, "forum@example.org");
}

#[tokio::test]
async fn the_forum_downloads_the_plan_as_a_workbook() {
    let app = spawn_demo_app().await;
    let mut browser = forum_browser(&app, false).await;
    let page = browser
        .get("/co-creation/plans/ecuador-2022-2024/export.xlsx")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.headers["content-disposition"]
            .to_str()
            .expect("ascii")
            .contains("ecuador-2022-2024.xlsx")
    );
}
