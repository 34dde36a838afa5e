//! Uploads built to exhaust the server: tiny workbooks that declare terabytes, archives that
//! inflate a thousandfold, sizes that lie. Each is refused with a 422 that says why, nothing
//! is written, and the server keeps answering.

use std::io::{Cursor, Write};

use abierto::domain::Role;
use axum::http::StatusCode;
use zip::write::SimpleFileOptions;

use crate::helpers::{Browser, TestApp, ec0014_milestone, logged_in, spawn_demo_app};
use crate::security::hardening::{PDF, files_stored, official, report_with_files, updates_of};

const IMPORT_PAGE: &str = "/co-creation/plans/ecuador-2019-2022/import";

/// A ZIP archive of these parts, deflated.
pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(data).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="commitments" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

fn sheet(cells: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#
    )
}

/// A minimal workbook, one sheet named `commitments`, as a spreadsheet program writes it.
pub(crate) fn workbook(sheet_xml: &str, shared_strings: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet_xml.as_bytes()),
        ("xl/sharedStrings.xml", shared_strings.as_bytes()),
    ])
}

const ONE_STRING: &str = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>code</t></si></sst>"#;

/// The 1.8 KB workbook that made the reader reserve 24 TB.
pub(crate) fn trillion_strings() -> Vec<u8> {
    workbook(
        &sheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000000"><si><t>code</t></si></sst>"#,
    )
}

/// Two cells, at A1 and XFD1048576: the reader would allocate the 17-billion-cell rectangle.
pub(crate) fn sparse_corners() -> Vec<u8> {
    workbook(
        &sheet(
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        ),
        ONE_STRING,
    )
}

/// A sheet part of 60 MB of nothing, deflated to a few tens of kilobytes.
pub(crate) fn deflate_bomb() -> Vec<u8> {
    let filler = format!("{}{}", sheet(""), " ".repeat(60 << 20));
    workbook(&filler, ONE_STRING)
}

async fn forum(app: &TestApp) -> Browser<'_> {
    logged_in(app, "forum.hostile@example.org", Role::Nucleo, None).await
}

async fn import(browser: &mut Browser<'_>, name: &str, bytes: Vec<u8>) -> crate::helpers::Page {
    browser
        .post_multipart(
            IMPORT_PAGE,
            IMPORT_PAGE,
            &[("dry_run", "1")],
            &[("file", name, bytes)],
        )
        .await
}

async fn commitments(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM commitments")
        .fetch_one(&app.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_two_kilobyte_workbook_declaring_a_trillion_strings_is_refused_and_the_server_lives() {
    let app = spawn_demo_app().await;
    let file = trillion_strings();
    assert!(file.len() < 2048, "{} bytes", file.len());
    let mut forum = forum(&app).await;
    let before = commitments(&app).await;
    let page = import(&mut forum, "plan.xlsx", file).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("declara más textos de los que puede contener"),
        "{}",
        page.body
    );
    assert!(page.body.contains("No se leyó ni se guardó nada"));
    assert_eq!(commitments(&app).await, before);
    assert_eq!(app.get("/plans").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_workbook_with_cells_at_a1_and_xfd1048576_is_refused_before_it_is_read() {
    let app = spawn_demo_app().await;
    let file = sparse_corners();
    assert!(file.len() < 2048, "{} bytes", file.len());
    let mut forum = forum(&app).await;
    let page = import(&mut forum, "plan.xlsx", file).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("5000 filas y 64 columnas"),
        "{}",
        page.body
    );
    assert_eq!(app.get("/plans").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_workbook_that_inflates_a_thousandfold_is_refused() {
    let app = spawn_demo_app().await;
    let file = deflate_bomb();
    assert!(file.len() < 200_000, "{} bytes", file.len());
    let mut forum = forum(&app).await;
    let page = import(&mut forum, "plan.xlsx", file).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("se expande de forma anómala"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn an_old_excel_or_opendocument_file_named_xlsx_is_not_read_as_one() {
    let app = spawn_demo_app().await;
    let mut forum = forum(&app).await;
    // An OLE2 header (the old .xls format), which the reader would otherwise detect and parse.
    let xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0".repeat(64);
    let page = import(&mut forum, "plan.xlsx", xls).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("no es un XLSX, DOCX u ODS válido"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_refusal_is_in_the_visitors_language() {
    let app = spawn_demo_app().await;
    let mut forum = forum(&app).await;
    forum.get("/lang/en?next=/plans").await;
    let page = import(&mut forum, "plan.xlsx", trillion_strings()).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("declares more text entries than it can hold"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_csv_longer_than_any_plan_is_refused() {
    let app = spawn_demo_app().await;
    let mut forum = forum(&app).await;
    let csv = "kind,code\n".to_owned() + &"commitment,1\n".repeat(5_001);
    let page = import(&mut forum, "plan.csv", csv.into_bytes()).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("más de 5000 filas"), "{}", page.body);
    let wide = format!("kind{}\n", ",x".repeat(70));
    let page = import(&mut forum, "plan.csv", wide.into_bytes()).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_plans_own_workbook_still_imports_after_the_checks() {
    let app = spawn_demo_app().await;
    let mut forum = forum(&app).await;
    let export = forum
        .get("/co-creation/plans/ecuador-2019-2022/export.xlsx")
        .await;
    assert_eq!(export.status, StatusCode::OK);
    let page = import(&mut forum, "plan.xlsx", export.bytes.clone()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("sin cambios"), "{}", page.body);
}

/// A DOCX whose document part is 30 MB of spaces.
fn docx_bomb() -> Vec<u8> {
    zip_of(&[
        ("word/document.xml", " ".repeat(30 << 20).as_bytes()),
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
    ])
}

#[tokio::test]
async fn an_evidence_document_that_is_a_zip_bomb_is_refused_and_nothing_is_kept() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official(&app).await;
    let before = updates_of(&app, milestone).await;
    let page = report_with_files(
        &mut official,
        milestone,
        version,
        "Con un documento inflado",
        &[("file_0", "acta.docx", docx_bomb())],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("se expande de forma anómala"),
        "{}",
        page.body
    );
    assert_eq!(updates_of(&app, milestone).await, before);
    assert_eq!(files_stored(&app), 0);

    // A sound document with the same report goes through.
    let docx = zip_of(&[
        ("word/document.xml", b"<w:document/>"),
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
    ]);
    let page = report_with_files(
        &mut official,
        milestone,
        version,
        "Con el acta y su anexo",
        &[
            ("file_0", "acta.docx", docx),
            ("file_1", "anexo.pdf", PDF.to_vec()),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(files_stored(&app), 2);
}
