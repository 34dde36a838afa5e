use abierto::domain::Role;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::helpers::{Browser, TestApp, logged_in, spawn_demo_app};

const EC0014: &str = "/plans/ecuador-2022-2024/commitments/4";

async fn milestone(app: &TestApp) -> (Uuid, i32) {
    crate::helpers::ec0014_milestone(app, 4).await
}

/// The Asamblea Nacional's official and a forum member, both signed in.
async fn official_and_forum(app: &TestApp) -> (Browser<'_>, Browser<'_>) {
    let official = logged_in(
        app,
        "a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let nucleo = logged_in(app, "n@example.org", Role::Nucleo, None).await;
    (official, nucleo)
}

/// An official reports `progress` on milestone 4 of EC0014; returns the report's id.
async fn report(
    app: &TestApp,
    official: &mut Browser<'_>,
    progress: &str,
    narrative: &str,
) -> Uuid {
    let page = official.report_progress(4, progress, narrative).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    sqlx::query_scalar("SELECT id FROM progress_updates WHERE narrative = $1")
        .bind(narrative)
        .fetch_one(&app.db)
        .await
        .expect("report")
}

/// The commitment's (validated, reported) progress, as the computation panel states them.
fn figures(body: &str) -> (String, String) {
    let after = |label: &str| {
        let at = body
            .find(label)
            .unwrap_or_else(|| panic!("{label} in the page"))
            + label.len();
        body[at..].split(' ').next().unwrap_or_default().to_owned()
    };
    (after("Avance validado: "), after("avance reportado: "))
}

fn pair(validated: &str, reported: &str) -> (String, String) {
    (validated.to_owned(), reported.to_owned())
}

#[tokio::test]
async fn a_pending_report_moves_the_reported_figure_and_only_validation_moves_the_validated_one() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let (validated_before, _) = figures(&app.get(EC0014).await.body);

    let first = report(&app, &mut official, "90", "Campaña casi terminada.").await;
    let (validated_pending, reported_pending) = figures(&app.get(EC0014).await.body);
    assert_eq!(
        validated_pending, validated_before,
        "a pending report leaves the validated figure where it was"
    );
    assert_ne!(
        reported_pending, validated_before,
        "but moves the reported one"
    );
    let pending_page = app.get(EC0014).await.body;
    assert!(pending_page.contains("90 % reportado por la institución, pendiente de validación"));

    let queue = nucleo.get("/monitoring/updates").await;
    assert!(queue.body.contains("Campaña casi terminada."));
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{first}/review"),
            &[("decision", "validated")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let after_validation = app.get(EC0014).await;
    assert!(after_validation.body.contains("Validado"));
    let (validated, reported) = figures(&after_validation.body);
    assert_ne!(
        validated, validated_before,
        "validation moves the validated figure"
    );
    assert_eq!(reported, reported_pending, "and leaves the reported one");

    let second = report(&app, &mut official, "95", "Cifra sin respaldo.").await;
    let (still_validated, claimed) = figures(&app.get(EC0014).await.body);
    assert_eq!(
        still_validated, validated,
        "a pending report is not validated"
    );
    assert_ne!(claimed, reported, "a pending report is reported");
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{second}/review"),
            &[
                ("decision", "returned"),
                ("note", "Falta el medio de verificación."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        figures(&app.get(EC0014).await.body),
        pair(&validated, &reported),
        "a returned report stops counting as reported"
    );
}

#[tokio::test]
async fn a_contested_report_is_reported_not_validated_and_shows_its_public_reason() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let (validated_before, _) = figures(&app.get(EC0014).await.body);
    let id = report(&app, &mut official, "80", "Reporte discutido.").await;
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[
                ("decision", "contested"),
                ("note", "La contraparte no reconoce este avance."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let public = app.get(EC0014).await;
    assert!(public.body.contains("Impugnado"));
    assert!(
        public
            .body
            .contains("La contraparte no reconoce este avance.")
    );
    assert!(
        public
            .body
            .contains("80 % reportado por la institución, impugnado")
    );
    let (validated, reported) = figures(&public.body);
    assert_eq!(
        validated, validated_before,
        "a contested report is never validated"
    );
    assert_ne!(
        reported, validated,
        "it still stands as the institution's claim"
    );
}

#[tokio::test]
async fn a_contested_complete_milestone_is_never_shown_as_completed() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let page = official
        .report_progress_with_status(4, "100", "completed", "Todo entregado.")
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let pending = app.get(EC0014).await.body;
    assert!(pending.contains("Reportado como completado, pendiente de validación"));
    let id: Uuid = sqlx::query_scalar("SELECT id FROM progress_updates WHERE narrative = $1")
        .bind("Todo entregado.")
        .fetch_one(&app.db)
        .await
        .expect("report");
    nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[
                ("decision", "contested"),
                ("note", "No hay evidencia del cierre."),
            ],
        )
        .await;
    let contested = app.get(EC0014).await.body;
    assert!(contested.contains("Reportado como completado, impugnado"));
    let milestone_4 = &contested[contested.find("Todo entregado.").unwrap_or(0)..];
    assert!(!milestone_4.is_empty());
    let api = app.get("/api/v1/milestones?plan=ecuador-2022-2024").await;
    let json: serde_json::Value = serde_json::from_str(&api.body).expect("json");
    let m4 = json["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|m| m["commitment_code"] == "4" && m["position"] == 4)
        .expect("milestone 4");
    assert_eq!(m4["current_progress"], 100, "the institution's claim");
    assert_eq!(m4["current_status"], "completed");
    assert_eq!(m4["claim_review"], "contested");
    assert_ne!(
        m4["validated_status"], "completed",
        "never validated as completed"
    );
}

#[tokio::test]
async fn returning_without_a_reason_is_refused_and_a_report_is_reviewed_once() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let id = report(&app, &mut official, "50", "Reporte a medias.").await;
    let review = format!("/monitoring/updates/{id}/review");
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &review,
            &[("decision", "returned"), ("note", "  ")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("escriba la razón"));
    let ok = nucleo
        .post_form("/monitoring/updates", &review, &[("decision", "validated")])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let again = nucleo
        .post_form(
            "/monitoring/updates",
            &review,
            &[("decision", "contested"), ("note", "x")],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn officials_cannot_validate_their_own_reports() {
    let app = spawn_demo_app().await;
    let mut official = logged_in(
        &app,
        "a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let id = report(&app, &mut official, "60", "Autovalidación.").await;
    let page = official
        .post_form(
            "/plans",
            &format!("/monitoring/updates/{id}/review"),
            &[("decision", "validated")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let state: String =
        sqlx::query_scalar("SELECT review_state FROM progress_updates WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .expect("state");
    assert_eq!(state, "pending");
}

#[tokio::test]
async fn the_feeds_list_the_validated_report_with_escaped_text() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let id = report(&app, &mut official, "85", "Campaña <en radio> & redes.").await;
    nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[("decision", "validated")],
        )
        .await;
    for uri in [
        "/feeds/updates.atom",
        "/plans/ecuador-2022-2024/feed.atom",
        "/plans/ecuador-2022-2024/commitments/4/feed.atom",
    ] {
        let feed = app.get(uri).await;
        assert_eq!(feed.status, StatusCode::OK, "{uri}");
        assert!(
            feed.headers["content-type"]
                .to_str()
                .expect("ascii")
                .starts_with("application/atom+xml")
        );
        assert!(feed.body.starts_with("<?xml"));
        assert!(
            feed.body.contains(&format!("urn:uuid:{id}")),
            "{uri} lists the report"
        );
        assert!(
            feed.body.contains("Validado"),
            "{uri} shows the review state"
        );
        assert!(!feed.body.contains("<en radio>"), "{uri} escapes text");
        assert!(
            feed.body
                .contains("Campaña &#60;en radio&#62; &#38; redes.")
                || feed.body.contains("Campaña &lt;en radio&gt; &amp; redes."),
            "{uri} keeps the text"
        );
    }
    let other_plan = app.get("/plans/ecuador-2019-2022/feed.atom").await;
    assert!(
        !other_plan.body.contains(&format!("urn:uuid:{id}")),
        "a plan's feed holds only its reports"
    );
}

#[tokio::test]
async fn an_approved_replan_moves_current_dates_and_keeps_the_baseline() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let (id, _) = milestone(&app).await;
    let form = format!("/implementation/milestones/{id}/replan");
    let page = official
        .post_form(
            &form,
            &form,
            &[
                ("start", "2024-04-01"),
                ("due", "2025-03-31"),
                ("reason", "La contratación de la campaña se retrasó."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let queue = nucleo.get("/monitoring/replans").await;
    assert!(
        queue
            .body
            .contains("La contratación de la campaña se retrasó.")
    );
    let replan: Uuid =
        sqlx::query_scalar("SELECT id FROM milestone_replans WHERE milestone_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .expect("replan");
    let page = nucleo
        .post_form(
            "/monitoring/replans",
            &format!("/monitoring/replans/{replan}/decision"),
            &[("decision", "approved")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let public = app.get(EC0014).await;
    assert!(
        public.body.contains("31 de marzo de 2025"),
        "current due date moved"
    );
    assert!(
        public.body.contains("31 de diciembre de 2024"),
        "baseline due date kept"
    );
    assert!(public.body.contains("90 días de retraso"), "slippage shown");
    assert!(
        public.body.contains("Aprobado por el Grupo Núcleo"),
        "the timeline shows the re-plan"
    );
}

/// A 1×1 PNG, as a phone's photo would arrive (the type is sniffed from these bytes).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x01, 0x54, 0xA2, 0x4F, 0x5D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

#[tokio::test]
async fn the_forum_reviews_with_the_uploaded_files_in_view_and_nothing_chosen_for_it() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let (milestone_id, version) = milestone(&app).await;
    let page = crate::security::hardening::report_with_files(
        &mut official,
        milestone_id,
        version,
        "Foto de la jornada.",
        &[
            ("file_0", "jornada.png", PNG.to_vec()),
            (
                "file_1",
                "acta-firmada.pdf",
                crate::security::hardening::PDF.to_vec(),
            ),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let files: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT e.id, e.file_name FROM evidence e JOIN progress_updates u ON u.id = e.update_id
          WHERE u.narrative = 'Foto de la jornada.' ORDER BY e.file_name",
    )
    .fetch_all(&app.db)
    .await
    .expect("files");
    assert_eq!(files.len(), 2);

    let queue = nucleo.get("/monitoring/updates").await.body;
    for (id, name) in &files {
        assert!(
            queue.contains(name.as_str()),
            "{name} listed for the reviewer"
        );
        assert!(
            queue.contains(&format!("href=\"/evidence/{id}\"")),
            "{name} downloadable"
        );
    }
    let (png, _) = files
        .iter()
        .find(|(_, n)| n.ends_with(".png"))
        .expect("png");
    assert!(
        queue.contains(&format!("class=\"evidence-thumb\" src=\"/evidence/{png}\"")),
        "the photo is shown inline"
    );
    assert!(queue.contains("image/png"), "with its type");
    assert!(
        !queue.contains(" checked"),
        "no decision is chosen in advance"
    );
    assert!(
        queue.contains("solo la ve la institución que reportó"),
        "who sees the note"
    );
}

#[tokio::test]
async fn a_refused_decision_comes_back_as_the_reviewer_left_it() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let id = report(&app, &mut official, "70", "Sin medio de verificación.").await;
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[("decision", "contested"), ("note", " ")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = scraper::Html::parse_document(&page.body);
    let checked = scraper::Selector::parse("input[name=decision][checked]").expect("selector");
    let chosen: Vec<_> = doc
        .select(&checked)
        .filter_map(|input| input.value().attr("value"))
        .collect();
    assert_eq!(chosen, ["contested"], "the pick survives the refusal");
    let review_state: String =
        sqlx::query_scalar("SELECT review_state FROM progress_updates WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .expect("state");
    assert_eq!(review_state, "pending", "nothing was decided");
    let no_decision = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[("note", "")],
        )
        .await;
    assert_eq!(no_decision.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn every_write_is_confirmed_once_on_the_next_page() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let id = report(&app, &mut official, "65", "Avance con confirmación.").await;
    let next = official.get(EC0014).await.body;
    assert!(
        next.contains("Reporte enviado. Queda pendiente de validación"),
        "report confirmed"
    );
    assert!(
        !official.get(EC0014).await.body.contains("Reporte enviado."),
        "only once"
    );
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[("decision", "validated")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(
        nucleo
            .get("/monitoring/updates")
            .await
            .body
            .contains("Decisión registrada.")
    );
    // A write without words of its own still says it was saved.
    let page = nucleo
        .post_form("/account", "/account/language", &[("locale", "es")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(
        nucleo
            .get("/account")
            .await
            .body
            .contains("Cambios guardados.")
    );
    // Anonymous pages carry no confirmation (they may be served from the shared cache).
    assert!(!app.get(EC0014).await.body.contains("notice-done"));
}

#[tokio::test]
async fn a_returned_report_waits_at_the_top_of_the_officials_dashboard_with_its_note() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let id = report(&app, &mut official, "60", "Jornada con foto.").await;
    let mine = official.get("/implementation").await.body;
    assert!(mine.contains("Mis reportes"));
    assert!(mine.contains("Espera la validación del Grupo Núcleo."));
    nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[
                ("decision", "returned"),
                ("note", "Falta la lista de asistentes."),
            ],
        )
        .await;
    let dashboard = official.get("/implementation").await.body;
    let top = dashboard
        .find("necesitan su corrección")
        .expect("needs action first");
    let milestones = dashboard.find("Mis reportes").expect("own reports");
    assert!(
        top < milestones,
        "the returned report comes before everything else"
    );
    assert!(
        dashboard[top..].contains("Falta la lista de asistentes."),
        "with its note"
    );
    let (milestone_id, _) = milestone(&app).await;
    let form = official
        .get(&format!("/implementation/milestones/{milestone_id}/report"))
        .await
        .body;
    assert!(
        form.contains("Devuelto"),
        "the form shows the latest report's state"
    );
    assert!(form.contains("Falta la lista de asistentes."));
    // Once corrected, it no longer waits.
    report(&app, &mut official, "65", "Con la lista de asistentes.").await;
    let after = official.get("/implementation").await.body;
    assert!(!after.contains("necesitan su corrección"));
}

#[tokio::test]
async fn the_review_queue_runs_the_same_statements_for_one_report_or_many() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    report(&app, &mut official, "45", "Primer reporte en la cola.").await;
    // The first page after signing in also records when the account was last seen.
    nucleo.get("/monitoring/updates").await;
    let (page, one) = crate::helpers::sql_count::count(nucleo.get("/monitoring/updates")).await;
    assert_eq!(page.status, StatusCode::OK);
    let page = official
        .report_progress(3, "75", "Segundo reporte en la cola.")
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let (page, two) = crate::helpers::sql_count::count(nucleo.get("/monitoring/updates")).await;
    assert!(page.body.contains("Primer reporte en la cola."));
    assert!(page.body.contains("Segundo reporte en la cola."));
    // Each report brings its evidence and earlier reports, in the same statements.
    assert_eq!(one, two, "statements grow with the queue (N+1)");
    assert!(two <= 3, "session, user, the queue: {two} statements");
}

/// The milestone's (validated, reported) progress and the review of its claim, from the API.
async fn api_figures(app: &TestApp, id: Uuid) -> (i64, i64, serde_json::Value) {
    let page = app.get(&format!("/api/v1/milestones/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let m: serde_json::Value = serde_json::from_str(&page.body).expect("json");
    (
        m["validated_progress"].as_i64().expect("validated"),
        m["current_progress"].as_i64().expect("reported"),
        m["claim_review"].clone(),
    )
}

/// The milestone's (validated, reported) progress and claim review in the open-data download.
async fn open_data_figures(app: &TestApp, id: Uuid) -> (String, String, String) {
    let page = app.get("/open-data/abierto-open-data.zip").await;
    assert_eq!(page.status, StatusCode::OK);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(page.bytes)).expect("a zip");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("milestones.csv").expect("milestones.csv"),
        &mut text,
    )
    .expect("utf-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in milestones.csv"))
    };
    let (validated, reported, claim) = (
        column("validated_progress"),
        column("current_progress"),
        column("claim_review"),
    );
    let row = reader
        .records()
        .map(|r| r.expect("record"))
        .find(|r| r.get(0) == Some(id.to_string().as_str()))
        .expect("the milestone's row");
    (
        row[validated].to_owned(),
        row[reported].to_owned(),
        row[claim].to_owned(),
    )
}

/// Milestone 4 and commitment 4 of the plan in the public monitoring report, as JSON:
/// ((milestone validated, reported), (commitment validated, reported)).
async fn report_figures(app: &TestApp) -> ((i64, i64), (i64, i64)) {
    let page = app.get("/plans/ecuador-2022-2024/report?format=json").await;
    assert_eq!(page.status, StatusCode::OK);
    let r: serde_json::Value = serde_json::from_slice(&page.bytes).expect("json");
    let pair = |v: &serde_json::Value| {
        (
            v["progress"].as_i64().expect("validated"),
            v["reported"].as_i64().expect("reported"),
        )
    };
    let milestone = r["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .find(|m| m["commitment_code"] == "4" && m["position"] == 4)
        .expect("milestone 4");
    let commitment = r["commitments"]
        .as_array()
        .expect("commitments")
        .iter()
        .find(|c| c["code"] == "4")
        .expect("commitment 4");
    (pair(milestone), pair(commitment))
}

/// Milestone 4 of commitment 4 in the report's CSV download: its `progress` (validated) and
/// `reported` columns.
async fn report_csv_figures(app: &TestApp) -> (String, String) {
    let page = app.get("/plans/ecuador-2022-2024/report?format=csv").await;
    assert_eq!(page.status, StatusCode::OK);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(page.bytes)).expect("a zip");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("milestones.csv").expect("milestones.csv"),
        &mut text,
    )
    .expect("utf-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (code, position, progress, reported) = (
        column("commitment_code"),
        column("position"),
        column("progress"),
        column("reported"),
    );
    let row = reader
        .records()
        .map(|r| r.expect("record"))
        .find(|r| &r[code] == "4" && &r[position] == "4")
        .expect("milestone 4");
    (row[progress].to_owned(), row[reported].to_owned())
}

#[tokio::test]
async fn a_pending_report_moves_the_reported_figure_and_not_the_validated_one_everywhere() {
    let app = spawn_demo_app().await;
    let mut official = logged_in(
        &app,
        "a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let (id, _) = milestone(&app).await;
    let page_before = figures(&app.get(EC0014).await.body);
    let (validated, _, _) = api_figures(&app, id).await;
    let (report_milestone, report_commitment) = report_figures(&app).await;
    assert_ne!(
        validated, 90,
        "the demo's milestone 4 is not at 90 % already"
    );

    report(
        &app,
        &mut official,
        "90",
        "Cifra reportada, aún sin validar.",
    )
    .await;

    // The commitment page.
    let (page_validated, page_reported) = figures(&app.get(EC0014).await.body);
    assert_eq!(
        page_validated, page_before.0,
        "page: the validated figure stays"
    );
    assert_ne!(
        page_reported, page_before.1,
        "page: the reported figure moves"
    );
    // The API.
    assert_eq!(
        api_figures(&app, id).await,
        (validated, 90, serde_json::json!("pending")),
        "API: validated stays, reported is the pending claim"
    );
    // The open data.
    assert_eq!(
        open_data_figures(&app, id).await,
        (validated.to_string(), "90".to_owned(), "pending".to_owned()),
        "open data"
    );
    // The monitoring report, as JSON and as CSV.
    let (after_milestone, after_commitment) = report_figures(&app).await;
    assert_eq!(
        after_milestone,
        (report_milestone.0, 90),
        "report: milestone"
    );
    assert_eq!(
        after_commitment.0, report_commitment.0,
        "report: validated stays"
    );
    assert_ne!(
        after_commitment.1, report_commitment.1,
        "report: reported moves"
    );
    assert_eq!(
        report_csv_figures(&app).await,
        (report_milestone.0.to_string(), "90".to_owned()),
        "report CSV"
    );
}

#[tokio::test]
async fn a_feed_entry_says_the_reported_figure_its_review_and_the_commitments_validated_one() {
    let app = spawn_demo_app().await;
    let (mut official, mut nucleo) = official_and_forum(&app).await;
    let feed = "/plans/ecuador-2022-2024/commitments/4/feed.atom";
    let entry = |body: &str, id: Uuid| {
        let at = body.find(&format!("urn:uuid:{id}")).expect("the entry");
        body[at..at + body[at..].find("</entry>").expect("its end")].to_owned()
    };

    let id = report(&app, &mut official, "90", "Reporte para el canal.").await;
    let (validated, _) = figures(&app.get(EC0014).await.body);
    let pending = entry(&app.get(feed).await.body, id);
    assert!(
        pending.contains("90 % reportado por la institución, pendiente de validación"),
        "{pending}"
    );
    assert!(
        pending.contains(&format!("Avance validado del compromiso: {validated} %")),
        "{pending}"
    );

    nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[("decision", "returned"), ("note", "Falta la evidencia.")],
        )
        .await;
    let returned = entry(&app.get(feed).await.body, id);
    assert!(
        returned.contains("90 % reportado por la institución, devuelto por el Grupo Núcleo"),
        "{returned}"
    );

    let id = report(&app, &mut official, "70", "Reporte que se valida.").await;
    nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[("decision", "validated")],
        )
        .await;
    let (validated, _) = figures(&app.get(EC0014).await.body);
    let english = app.get_with_cookie(feed, "lang=en").await.body;
    let entry = entry(&english, id);
    assert!(
        entry.contains("70 % reported by the institution, validated by the forum"),
        "{entry}"
    );
    assert!(
        entry.contains(&format!("validated progress: {validated} %")),
        "{entry}"
    );
}
