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
                ("challenges", "Retraso en la contratación."),
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
                ("challenges", "Retraso en la contratación."),
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
                ("challenges", "Retraso en la contratación."),
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
                ("challenges", "Retraso en la contratación."),
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
                ("challenges", "Retraso en la contratación."),
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
                ("challenges", "Retraso en la contratación."),
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
                ("challenges", "Retraso en la contratación."),
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
                ("challenges", "Retraso en la contratación."),
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
                ("challenges", "Retraso en la contratación."),
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
                ("challenges", "Retraso en la contratación."),
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

/// The opening tag of the element with this `id`.
fn tag_with_id<'a>(body: &'a str, id: &str) -> &'a str {
    let at = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id}"));
    let start = body[..at].rfind('<').expect("a tag");
    let end = at + body[at..].find('>').expect("a tag's end");
    &body[start..=end]
}

/// Where `needle` first is on the page.
fn position(body: &str, needle: &str) -> usize {
    body.find(needle)
        .unwrap_or_else(|| panic!("{needle} not on the page"))
}

#[tokio::test]
async fn a_fresh_form_asks_the_essentials_then_one_file_and_one_link_and_folds_the_rest() {
    let app = spawn_demo_app().await;
    let (milestone, _) = ec0014_milestone(&app, 3).await;
    let mut official = official_of_asamblea(&app).await;
    let page = official
        .get(&format!("/implementation/milestones/{milestone}/report"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    let order = [
        "id=\"progress\"",
        "id=\"status\"",
        "id=\"narrative\"",
        "id=\"file_0\"",
        "id=\"link_url_0\"",
        "<details class=\"more-evidence\"",
        "id=\"file_1\"",
        "id=\"file_2\"",
        "id=\"link_url_1\"",
        "id=\"link_url_4\"",
        "Enviar reporte</button>",
    ];
    for pair in order.windows(2) {
        assert!(
            position(body, pair[0]) < position(body, pair[1]),
            "{} before {}",
            pair[0],
            pair[1]
        );
    }
    assert!(
        tag_with_id(body, "more-evidence").ends_with("id=\"more-evidence\">"),
        "the extra rows are folded on a fresh form: {}",
        tag_with_id(body, "more-evidence")
    );
    assert!(!body.contains("id=\"file_3\"") && !body.contains("id=\"link_url_5\""));
    let file = tag_with_id(body, "file_0");
    assert!(
        file.contains("accept=\"image/*,") && file.contains(".pdf"),
        "a phone offers its camera and its files: {file}"
    );
    assert!(!file.contains("capture"), "{file}");
    let form = &body[position(body, "<form class=\"stacked\"")..];
    let form_tag = &form[..form.find('>').expect("the form tag")];
    assert!(form_tag.contains("method=\"post\""), "{form_tag}");
    assert!(
        !form_tag.contains("csrf"),
        "the token goes in the body, never the address: {form_tag}"
    );
    assert!(form_tag.contains("/report#error-summary\""), "{form_tag}");
    assert!(
        !body.contains("error-summary\" role"),
        "no errors, no summary"
    );
}

#[tokio::test]
async fn a_refused_report_lists_each_error_as_a_link_to_its_marked_field() {
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
                ("progress", "ciento"),
                ("status", "terminado"),
                ("narrative", "  "),
                ("link_url_2", "ftp://registro.example.org/acta"),
                ("link_type_2", "document"),
            ],
            &[("file_1", "acta.pdf", elf)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &page.body;
    let summary = tag_with_id(body, "error-summary");
    for attribute in [
        "class=\"error-summary\"",
        "role=\"alert\"",
        "tabindex=\"-1\"",
        "aria-labelledby=\"error-summary-title\"",
    ] {
        assert!(summary.contains(attribute), "{attribute} in {summary}");
    }
    assert!(body.contains("id=\"error-summary-title\""));
    let summary_at = position(body, "id=\"error-summary\"");
    assert!(
        summary_at < position(body, "<h1>"),
        "the summary comes first"
    );
    for (field, error) in [
        ("progress", "progress-error"),
        ("status", "status-error"),
        ("narrative", "narrative-error"),
        ("link_url_2", "link_error_2"),
        ("file_1", "file_error_1"),
    ] {
        let link = format!("<a href=\"#{field}\">");
        assert!(
            position(body, &link) > summary_at,
            "the summary links to #{field}"
        );
        let tag = tag_with_id(body, field);
        assert!(tag.contains("aria-invalid=\"true\""), "{tag}");
        let described = &tag[tag.find("aria-describedby=\"").expect("described") + 18..];
        let described = &described[..described.find('"').expect("its end")];
        assert!(
            described.split(' ').any(|id| id == error),
            "#{field} is described by #{error}: {tag}"
        );
        assert!(body.contains(&format!("class=\"field-error\" id=\"{error}\"")));
    }
    assert!(body.contains("Enlace 3: El enlace debe empezar por"));
    assert!(body.contains("Archivo 2: Este archivo no es de un tipo aceptado"));
    assert!(
        tag_with_id(body, "more-evidence").contains(" open"),
        "the extra rows with errors show open"
    );
    assert!(!tag_with_id(body, "link_url_0").contains("aria-invalid"));
    let (_, after) = ec0014_milestone(&app, 3).await;
    assert_eq!(after, version, "nothing written");
}

#[tokio::test]
async fn what_was_typed_in_the_added_rows_comes_back_with_them_open() {
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
                ("progress", "70"),
                ("status", "in_progress"),
                ("challenges", "Retraso en la contratación."),
                ("narrative", ""),
                ("link_url_3", "https://www.registroficial.gob.ec/acta-12"),
                ("link_type_3", "legal_act"),
                ("link_source_3", "Registro Oficial"),
                ("link_date_3", "2024-02-29"),
                ("file_type_2", "photo"),
                ("file_source_2", "Foto del acta"),
                ("file_date_2", "2024-03-01"),
            ],
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &page.body;
    assert!(tag_with_id(body, "more-evidence").contains(" open"));
    assert!(
        tag_with_id(body, "link_url_3")
            .contains("value=\"https://www.registroficial.gob.ec/acta-12\"")
    );
    assert!(tag_with_id(body, "link_source_3").contains("value=\"Registro Oficial\""));
    assert!(tag_with_id(body, "link_date_3").contains("value=\"2024-02-29\""));
    assert!(body.contains("<option value=\"legal_act\" selected>"));
    assert!(tag_with_id(body, "file_source_2").contains("value=\"Foto del acta\""));
    assert!(tag_with_id(body, "file_date_2").contains("value=\"2024-03-01\""));
    assert!(body.contains("<option value=\"photo\" selected>"));
    assert!(tag_with_id(body, "progress").contains("value=\"70\""));
}

#[tokio::test]
async fn the_last_file_and_link_fields_are_still_accepted_and_one_more_file_is_not() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official_of_asamblea(&app).await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let fields = [
        ("version", version.to_string()),
        ("progress", "60".into()),
        ("status", "in_progress".into()),
        ("challenges", "Retraso en la contratación.".into()),
        ("narrative", "Acta de la sesión adjunta.".into()),
        (
            "link_url_4",
            "https://www.asambleanacional.gob.ec/acta".into(),
        ),
        ("link_type_4", "web_page".into()),
        ("file_type_2", "document".into()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = official
        .post_multipart(
            &form,
            &form,
            &fields,
            &[("file_3", "otra.pdf", PDF.to_vec())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = official
        .post_multipart(
            &form,
            &form,
            &fields,
            &[("file_2", "acta-sesion.pdf", PDF.to_vec())],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let public = app.get("/plans/ecuador-2022-2024/commitments/4").await;
    assert!(public.body.contains("acta-sesion.pdf"));
    assert!(
        public
            .body
            .contains("https://www.asambleanacional.gob.ec/acta")
    );
}

#[tokio::test]
async fn a_delayed_report_without_challenges_is_refused_in_spanish_and_nothing_is_written() {
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
                ("progress", "40"),
                ("status", "delayed"),
                ("narrative", "Mi texto de un hito retrasado"),
                ("participants", "35"),
                ("sectors", "academia"),
                ("sectors", "civil_society"),
                ("next_steps", "Contratar la consultoría"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Describa los desafíos: el hito está retrasado, en riesgo o sin iniciar.")
    );
    assert!(
        page.body.contains("href=\"#challenges\""),
        "in the error summary"
    );
    assert!(page.body.contains("id=\"challenges\" name=\"challenges\" rows=\"4\" maxlength=\"5000\" aria-describedby=\"challenges-hint challenges-error\" aria-invalid=\"true\""));
    assert!(
        page.body.contains("value=\"35\""),
        "the people typed are kept"
    );
    assert!(page.body.contains("Contratar la consultoría"));
    assert!(page.body.contains("value=\"academia\" checked"));
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM progress_updates WHERE milestone_id = $1 AND narrative LIKE 'Mi texto%'")
        .bind(milestone)
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(stored, 0);
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'progress.report'")
            .fetch_one(&app.db)
            .await
            .expect("audit");
    assert_eq!(audited, 0);
}

#[tokio::test]
async fn the_paga_fields_are_stored_audited_and_shown_on_the_commitment_page() {
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
                ("progress", "60"),
                ("status", "delayed"),
                ("narrative", "Avance con la sociedad civil"),
                ("counterpart_fulfilled", "partly"),
                ("fulfilment_note", "Faltó una reunión de seguimiento."),
                ("activities_with_others", "4"),
                ("participants", "35"),
                ("sectors", "academia"),
                ("sectors", "civil_society"),
                ("challenges", "La contratación se retrasó."),
                ("next_steps", "Contratar la consultoría."),
                ("actual_start", "2023-02-01"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let (sectors, participants, start): (Vec<String>, Option<i32>, Option<chrono::NaiveDate>) =
        sqlx::query_as(
            "SELECT participant_sectors, participants, actual_start FROM progress_updates
              WHERE milestone_id = $1 ORDER BY reported_at DESC LIMIT 1",
        )
        .bind(milestone)
        .fetch_one(&app.db)
        .await
        .expect("stored");
    assert_eq!(sectors, ["civil_society", "academia"]);
    assert_eq!(participants, Some(35));
    assert_eq!(start, chrono::NaiveDate::from_ymd_opt(2023, 2, 1));
    let after: serde_json::Value = sqlx::query_scalar(
        "SELECT after FROM audit_log WHERE action = 'progress.report' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("audit");
    assert_eq!(after["counterpart_fulfilled"], "partly");
    assert_eq!(after["challenges"], "La contratación se retrasó.");
    let public = app.get("/plans/ecuador-2022-2024/commitments/4").await;
    assert!(public.body.contains("La contratación se retrasó."));
    assert!(public.body.contains("Faltó una reunión de seguimiento."));
    assert!(public.body.contains("Sociedad civil"));
    // The milestone's facts set the declared start against the current plan.
    let planned: chrono::NaiveDate =
        sqlx::query_scalar("SELECT current_start FROM milestones WHERE id = $1")
            .bind(milestone)
            .fetch_one(&app.db)
            .await
            .expect("a planned start");
    let declared = chrono::NaiveDate::from_ymd_opt(2023, 2, 1).expect("a date");
    let off = (declared - planned).num_days();
    let against = match off {
        0 => "el día planificado".to_owned(),
        1 => "1 día después de lo planificado".to_owned(),
        -1 => "1 día antes de lo planificado".to_owned(),
        d if d > 1 => format!("{d} días después de lo planificado"),
        d => format!("{} días antes de lo planificado", -d),
    };
    assert!(
        public
            .body
            .contains("<dt>Fechas reales según la institución</dt>")
    );
    assert!(
        public
            .body
            .contains(&format!("inicio: 1 de febrero de 2023 ({against})")),
        "{against}"
    );
}
