use abierto::domain::Role;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::helpers::{TestApp, ec0014_milestone, spawn_demo_app};

async fn official_of_asamblea(app: &TestApp) -> crate::helpers::Browser<'_> {
    crate::helpers::logged_in(
        app,
        "oficial.a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await
}

#[tokio::test]
async fn dashboard_lists_the_institutions_milestones_by_urgency() {
    let app = spawn_demo_app().await;
    let mut official = official_of_asamblea(&app).await;
    let page = official.get("/implementation").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Asamblea Nacional"));
    assert!(page.body.contains("Campaña de comunicación."));
    // The plan's dates are past: unfinished milestones are overdue and listed first.
    let overdue = page
        .body
        .find("id=\"urgency-overdue\"")
        .expect("overdue group");
    let rest = page
        .body
        .find("id=\"urgency-rest\"")
        .expect("up-to-date group");
    assert!(overdue < rest);
}

#[tokio::test]
async fn dashboard_runs_a_fixed_number_of_statements() {
    let app = spawn_demo_app().await;
    let mut official = official_of_asamblea(&app).await;
    let (page, statements) =
        crate::helpers::sql_count::count(official.get("/implementation")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        statements <= 5,
        "session, user, (last seen), milestones, own reports: {statements}"
    );
}

#[tokio::test]
async fn an_official_reports_progress_with_a_link_and_it_shows_publicly_as_pending() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official_of_asamblea(&app).await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let page = official
        .post_form(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "75"),
                ("status", "in_progress"),
                (
                    "narrative",
                    "Sistema de monitoreo instalado y en pruebas con la sociedad civil.",
                ),
                (
                    "link_url_0",
                    "https://www.asambleanacional.gob.ec/es/transparencia",
                ),
                ("link_type_0", "web_page"),
                ("link_source_0", "Asamblea Nacional"),
                ("link_date_0", "2024-03-15"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    let public = app.get("/plans/ecuador-2022-2024/commitments/4").await;
    assert!(
        public
            .body
            .contains("Sistema de monitoreo instalado y en pruebas con la sociedad civil.")
    );
    assert!(public.body.contains("Reportado, pendiente de validación"));
    assert!(
        public
            .body
            .contains("https://www.asambleanacional.gob.ec/es/transparencia")
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'progress.report'")
            .fetch_one(&app.db)
            .await
            .expect("audit");
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn an_official_of_another_institution_gets_403_and_writes_nothing() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    app.user(
        "oficial.b@example.org",
        Role::Official,
        Some("defensoria-del-pueblo-de-ecuador"),
    )
    .await;
    let mut other = app.browser();
    other.log_in("oficial.b@example.org").await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let page = other
        .post_form(
            "/plans",
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "99"),
                ("status", "in_progress"),
                ("narrative", "x"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("propia institución"));
    let (_, after) = ec0014_milestone(&app, 3).await;
    assert_eq!(after, version, "nothing written");
}

#[tokio::test]
async fn a_concurrent_report_keeps_the_users_text_and_shows_the_newer_report() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let mut first = official_of_asamblea(&app).await;
    app.user(
        "oficial.a2@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut second = app.browser();
    second.log_in("oficial.a2@example.org").await;

    // Both opened the form at the same version; the first one sends first.
    let v = version.to_string();
    let sent = first
        .post_form(
            &form,
            &form,
            &[
                ("version", &v),
                ("progress", "70"),
                ("status", "in_progress"),
                ("narrative", "Primer reporte enviado."),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let late = second
        .post_form(
            &form,
            &form,
            &[
                ("version", &v),
                ("progress", "72"),
                ("status", "in_progress"),
                ("narrative", "Mi texto largo que no debe perderse."),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(
        late.body.contains("Mi texto largo que no debe perderse."),
        "the user's text is kept"
    );
    assert!(
        late.body.contains("Primer reporte enviado."),
        "the newer report is shown"
    );
    let reports: i64 = sqlx::query_scalar("SELECT count(*) FROM progress_updates WHERE milestone_id = $1 AND narrative LIKE 'Mi texto%'")
        .bind(milestone)
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(reports, 0);
}

#[tokio::test]
async fn invalid_input_comes_back_with_messages_and_the_text_kept() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let mut official = official_of_asamblea(&app).await;
    let page = official
        .post_form(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "140"),
                ("status", "in_progress"),
                ("narrative", "Texto conservado"),
                ("link_url_0", "javascript:alert(1)"),
                ("link_type_0", "document"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Escriba un número entero de 0 a 100."));
    assert!(page.body.contains("http:// o https://"));
    assert!(page.body.contains("Texto conservado"));
    let (_, after) = ec0014_milestone(&app, 3).await;
    assert_eq!(after, version, "nothing written");
}

#[tokio::test]
async fn reports_on_a_closed_plan_are_refused() {
    let app = spawn_demo_app().await;
    let milestone: Uuid = sqlx::query_scalar(
        "SELECT m.id FROM milestones m JOIN commitments c ON c.id = m.commitment_id
          JOIN institutions i ON i.id = m.responsible_institution_id
         WHERE c.ogp_id = 'EC0003' LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("milestone");
    app.user(
        "sercop@example.org",
        Role::Official,
        Some("servicio-nacional-de-contratacion-publica"),
    )
    .await;
    let mut official = app.browser();
    official.log_in("sercop@example.org").await;
    let page = official
        .get(&format!("/implementation/milestones/{milestone}/report"))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("no está en fase de implementación"));
}

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

#[tokio::test]
async fn a_report_with_a_pdf_and_a_link_is_public_and_the_file_downloads_as_an_attachment() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official_of_asamblea(&app).await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let page = official
        .post_multipart(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "60"),
                ("status", "in_progress"),
                ("narrative", "Informe de monitoreo adjunto."),
                ("link_url_0", "https://www.asambleanacional.gob.ec/"),
                ("link_type_0", "web_page"),
                ("file_type_0", "document"),
                ("file_source_0", "Asamblea Nacional"),
            ],
            &[("file_0", "informe-monitoreo.pdf", PDF.to_vec())],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let public = app.get("/plans/ecuador-2022-2024/commitments/4").await;
    assert!(public.body.contains("informe-monitoreo.pdf"));
    let at = public.body.find("/evidence/").expect("a download link");
    let link: String = public.body[at..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let download = app.get(&link).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.headers["content-type"], "application/pdf");
    assert!(
        download.headers["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment")
    );
    assert_eq!(download.headers["x-content-type-options"], "nosniff");
    assert!(download.body.starts_with("%PDF-1.4"));
}

#[tokio::test]
async fn an_executable_renamed_pdf_is_refused_with_a_clear_message_and_nothing_is_written() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official_of_asamblea(&app).await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0".to_vec();
    let page = official
        .post_multipart(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "60"),
                ("status", "in_progress"),
                ("narrative", "Texto que se conserva."),
            ],
            &[("file_0", "informe.pdf", elf)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("no es de un tipo aceptado"));
    assert!(page.body.contains("Texto que se conserva."));
    let (_, after) = ec0014_milestone(&app, 3).await;
    assert_eq!(after, version, "nothing written");
}

#[tokio::test]
async fn a_file_over_twenty_megabytes_is_refused_and_nothing_is_written() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official_of_asamblea(&app).await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let mut big = PDF.to_vec();
    big.resize(21 * 1024 * 1024, b' ');
    let page = official
        .post_multipart(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "60"),
                ("status", "in_progress"),
                ("narrative", "Con archivo grande."),
            ],
            &[("file_0", "grande.pdf", big)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("supera el máximo de 20 MB"));
    let (_, after) = ec0014_milestone(&app, 3).await;
    assert_eq!(after, version, "nothing written");
    let files: i64 = sqlx::query_scalar("SELECT count(*) FROM evidence WHERE kind = 'file'")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(files, 0);
}

#[tokio::test]
async fn a_file_with_a_type_that_is_none_is_refused_like_a_link_and_nothing_is_written() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official_of_asamblea(&app).await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM progress_updates")
        .fetch_one(&app.db)
        .await
        .expect("count");
    let page = official
        .post_multipart(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "40"),
                ("status", "in_progress"),
                ("narrative", "Acta con un tipo inventado."),
                ("file_type_0", "foto"),
            ],
            &[("file_0", "acta.pdf", PDF.to_vec())],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(page.body.contains("Elija el tipo de evidencia."));
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM progress_updates")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(after, before, "nothing written");
    let typed = official
        .post_multipart(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "40"),
                ("status", "in_progress"),
                ("narrative", "Acta como acta."),
                ("file_type_0", "minutes"),
            ],
            &[("file_0", "acta.pdf", PDF.to_vec())],
        )
        .await;
    assert_eq!(typed.status, StatusCode::SEE_OTHER, "{}", typed.body);
    let kind: String = sqlx::query_scalar(
        "SELECT e.evidence_type FROM evidence e JOIN progress_updates u ON u.id = e.update_id
          WHERE u.narrative = 'Acta como acta.'",
    )
    .fetch_one(&app.db)
    .await
    .expect("evidence");
    assert_eq!(kind, "minutes", "the chosen type is kept");
}
